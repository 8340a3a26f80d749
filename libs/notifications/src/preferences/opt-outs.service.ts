import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotificationOptOut, type OptionalCategory } from './notification-opt-out.entity';

/** Which non-essential emails each user has turned off. */
@Injectable()
export class OptOutsService {
  constructor(
    @InjectRepository(NotificationOptOut) private readonly optOuts: Repository<NotificationOptOut>,
  ) {}

  async isOptedOut(userId: string, category: OptionalCategory): Promise<boolean> {
    return this.optOuts.existsBy({ userId, category });
  }

  /** Idempotent: a second click on the same link changes nothing. */
  async optOut(userId: string, category: OptionalCategory): Promise<void> {
    await this.optOuts
      .createQueryBuilder()
      .insert()
      .values({ userId, category })
      .orIgnore()
      .execute();
  }

  async categories(userId: string): Promise<OptionalCategory[]> {
    const rows = await this.optOuts.find({ where: { userId }, order: { category: 'ASC' } });
    return rows.map((r) => r.category);
  }
}
