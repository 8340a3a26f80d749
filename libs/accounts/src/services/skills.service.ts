import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ConflictError, decodeCursor, Page, PageQueryDto, toPage } from '@puente/platform';
import { In, MoreThan, Repository } from 'typeorm';
import type { CreateSkillDto, SkillView } from '../dto/skill.dto';
import { Skill } from '../entities/skill.entity';

@Injectable()
export class SkillsService {
  constructor(@InjectRepository(Skill) private readonly skills: Repository<Skill>) {}

  async list(page: PageQueryDto): Promise<Page<SkillView>> {
    const after = decodeCursor(page.cursor, 1)?.[0] as string | undefined;
    const rows = await this.skills.find({
      where: after !== undefined ? { slug: MoreThan(String(after)) } : {},
      order: { slug: 'ASC' },
      take: page.limit + 1,
    });
    return toPage(
      rows,
      page.limit,
      (s) => [s.slug],
      (s) => ({ slug: s.slug, name: s.name, category: s.category }),
    );
  }

  async create(dto: CreateSkillDto): Promise<SkillView> {
    if (await this.skills.existsBy({ slug: dto.slug }))
      throw new ConflictError(`Skill ${dto.slug} already exists`, 'SKILL_EXISTS');
    const skill = await this.skills.save(this.skills.create(dto));
    return { slug: skill.slug, name: skill.name, category: skill.category };
  }

  /** The slugs of the list that are not in the taxonomy. */
  async unknown(slugs: string[]): Promise<string[]> {
    if (!slugs.length) return [];
    const found = await this.skills.find({ where: { slug: In(slugs) }, select: { slug: true } });
    const known = new Set(found.map((s) => s.slug));
    return [...new Set(slugs.filter((s) => !known.has(s)))];
  }
}
