import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuthUser } from '@puente/accounts';
import { BadRequestError, Clock, Env, isoDate } from '@puente/platform';
import { Repository } from 'typeorm';
import { addMonths } from '../calendar';
import type { RecordTrainingDto, TrainingView } from '../dto/training.dto';
import { SafeguardingTraining } from '../entities/safeguarding-training.entity';
import { CheckAccessService } from './check-access.service';

/** Child-protection training records, valid SAFEGUARDING_TRAINING_VALID_MONTHS from completion. */
@Injectable()
export class TrainingsService {
  constructor(
    @InjectRepository(SafeguardingTraining)
    private readonly trainings: Repository<SafeguardingTraining>,
    private readonly access: CheckAccessService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  async record(user: AuthUser, dto: RecordTrainingDto): Promise<TrainingView> {
    const orgIds = await this.access.requireCoordinator(user, dto.volunteerId);
    const today = isoDate(this.clock.now());
    const expiresOn = addMonths(dto.completedOn, this.env.SAFEGUARDING_TRAINING_VALID_MONTHS);
    const problems: string[] = [];
    if (dto.completedOn > today) problems.push('completedOn must not be in the future');
    if (expiresOn < today)
      problems.push(
        `completedOn is more than ${this.env.SAFEGUARDING_TRAINING_VALID_MONTHS} months ago: that training has expired`,
      );
    if (problems.length) throw new BadRequestError(problems);
    const saved = await this.trainings.save(
      this.trainings.create({
        volunteerId: dto.volunteerId,
        completedOn: dto.completedOn,
        expiresOn,
        provider: dto.provider,
        reference: dto.reference,
        recordedBy: user.id,
        organizationIds: orgIds,
      }),
    );
    return toTrainingView(saved);
  }
}

export function toTrainingView(t: SafeguardingTraining): TrainingView {
  return {
    id: t.id,
    volunteerId: t.volunteerId,
    completedOn: t.completedOn,
    expiresAt: t.expiresOn,
    provider: t.provider,
    reference: t.reference,
    recordedBy: t.recordedBy,
    createdAt: t.createdAt,
  };
}
