import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { OrganizationsService } from '@puente/accounts';
import { ConflictError, NotFoundError } from '@puente/platform';
import { QueryFailedError, Repository } from 'typeorm';
import type {
  CodeOfConductAcceptanceView,
  CodeOfConductView,
  PublishCodeOfConductDto,
} from '../dto/code-of-conduct.dto';
import { CodeOfConduct, CodeOfConductAcceptance } from '../entities/code-of-conduct.entity';

/** Organisations' codes of conduct: the newest version is current and needs its own acceptance. */
@Injectable()
export class CodeOfConductService {
  constructor(
    @InjectRepository(CodeOfConduct) private readonly codes: Repository<CodeOfConduct>,
    @InjectRepository(CodeOfConductAcceptance)
    private readonly acceptances: Repository<CodeOfConductAcceptance>,
    private readonly organizations: OrganizationsService,
  ) {}

  async publish(
    organizationId: string,
    userId: string,
    dto: PublishCodeOfConductDto,
  ): Promise<CodeOfConductView> {
    try {
      const code = await this.codes.save(
        this.codes.create({
          organizationId,
          version: dto.version,
          text: dto.text,
          publishedBy: userId,
        }),
      );
      return toCodeView(code);
    } catch (err) {
      if (err instanceof QueryFailedError && (err as { code?: string }).code === '23505')
        throw new ConflictError(
          `Version ${dto.version} of this code of conduct already exists`,
          'VERSION_EXISTS',
        );
      throw err;
    }
  }

  current(organizationId: string): Promise<CodeOfConduct | null> {
    return this.codes.findOne({
      where: { organizationId },
      order: { publishedAt: 'DESC', id: 'DESC' },
    });
  }

  async getCurrent(organizationId: string): Promise<CodeOfConductView> {
    const code = await this.current(organizationId);
    if (!code) throw new NotFoundError('Code of conduct');
    return toCodeView(code);
  }

  /** The volunteer accepts the organisation's current version (accepting twice is harmless). */
  async accept(organizationId: string, userId: string): Promise<CodeOfConductAcceptanceView> {
    if (!(await this.organizations.exists(organizationId))) throw new NotFoundError('Organization');
    const code = await this.current(organizationId);
    if (!code) throw new NotFoundError('Code of conduct');
    await this.acceptances
      .createQueryBuilder()
      .insert()
      .values({ codeId: code.id, userId })
      .orIgnore()
      .execute();
    const acceptance = await this.acceptances.findOneByOrFail({ codeId: code.id, userId });
    return {
      organizationId,
      codeId: code.id,
      version: code.version,
      userId,
      acceptedAt: acceptance.acceptedAt,
    };
  }
}

function toCodeView(c: CodeOfConduct): CodeOfConductView {
  return {
    id: c.id,
    organizationId: c.organizationId,
    version: c.version,
    text: c.text,
    publishedAt: c.publishedAt,
  };
}
