import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ProfileView, UpdateProfileDto } from '../dto/profile.dto';
import { Profile } from '../entities/profile.entity';
import { SkillsService } from './skills.service';
import { BadRequestError } from '@puente/platform';

/** The fields a profile needs to be complete (the passport only matters for trips abroad). */
export const REQUIRED_PROFILE_FIELDS = [
  'dateOfBirth',
  'phone',
  'country',
  'emergencyContact',
] as const;

export function missingProfileFields(
  p: Pick<Profile, (typeof REQUIRED_PROFILE_FIELDS)[number]> | null,
): string[] {
  return REQUIRED_PROFILE_FIELDS.filter((f) => !p || p[f] === null || p[f] === undefined);
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

@Injectable()
export class ProfileService {
  constructor(
    @InjectRepository(Profile) private readonly profiles: Repository<Profile>,
    private readonly skills: SkillsService,
  ) {}

  async find(userId: string): Promise<Profile | null> {
    return this.profiles.findOneBy({ userId });
  }

  async get(userId: string): Promise<ProfileView> {
    return this.toView(userId, await this.find(userId));
  }

  async replace(userId: string, dto: UpdateProfileDto): Promise<ProfileView> {
    const languages = dto.languages ?? [];
    const skills = dto.skills ?? [];
    const problems: string[] = [];
    for (const code of duplicates(languages.map((l) => l.code)))
      problems.push(`languages lists ${code} more than once`);
    for (const slug of duplicates(skills.map((s) => s.skill)))
      problems.push(`skills lists ${slug} more than once`);
    for (const slug of await this.skills.unknown(skills.map((s) => s.skill))) {
      problems.push(`skills: ${slug} is not in the skill taxonomy (see GET /skills)`);
    }
    if (dto.dateOfBirth && dto.dateOfBirth >= new Date().toISOString().slice(0, 10))
      problems.push('dateOfBirth must be in the past');
    if (dto.dateOfBirth && dto.dateOfBirth < '1900-01-01')
      problems.push('dateOfBirth must be after 1900-01-01');
    if (problems.length) throw new BadRequestError(problems);

    const profile = this.profiles.create({
      userId,
      dateOfBirth: dto.dateOfBirth ?? null,
      phone: dto.phone ?? null,
      country: dto.country ?? null,
      languages: languages.map((l) => ({ code: l.code, level: l.level })),
      skills: skills.map((s) => ({ skill: s.skill, level: s.level })),
      emergencyContact: dto.emergencyContact
        ? {
            name: dto.emergencyContact.name,
            phone: dto.emergencyContact.phone,
            relation: dto.emergencyContact.relation,
          }
        : null,
      passportExpiresOn: dto.passportExpiresOn ?? null,
      locale: dto.locale ?? 'en',
      guardianName: dto.guardianName ?? null,
      guardianEmail: dto.guardianEmail?.toLowerCase() ?? null,
    });
    await this.profiles.save(profile);
    return this.get(userId);
  }

  private toView(userId: string, p: Profile | null): ProfileView {
    const missing = missingProfileFields(p);
    return {
      userId,
      dateOfBirth: p?.dateOfBirth ?? null,
      phone: p?.phone ?? null,
      country: p?.country ?? null,
      languages: p?.languages ?? [],
      skills: p?.skills ?? [],
      emergencyContact: p?.emergencyContact ?? null,
      passportExpiresOn: p?.passportExpiresOn ?? null,
      locale: p?.locale ?? 'en',
      guardianName: p?.guardianName ?? null,
      guardianEmail: p?.guardianEmail ?? null,
      complete: missing.length === 0,
      missing,
    };
  }
}
