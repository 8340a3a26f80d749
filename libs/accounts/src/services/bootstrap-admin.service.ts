import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Env } from '@puente/platform';
import { Repository } from 'typeorm';
import { User } from '../entities/user.entity';
import { PasswordHasher } from './password-hasher';

/** Creates the first admin from BOOTSTRAP_ADMIN_EMAIL/_PASSWORD when no user has that email. */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
    private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.env.BOOTSTRAP_ADMIN_EMAIL.toLowerCase();
    if (await this.users.existsBy({ email })) return;
    const passwordHash = await this.hasher.hash(this.env.BOOTSTRAP_ADMIN_PASSWORD);
    // ON CONFLICT: several API processes may start at once.
    await this.users
      .createQueryBuilder()
      .insert()
      .values({ email, name: 'Administrator', passwordHash, isAdmin: true })
      .orIgnore()
      .execute();
    this.logger.log(`bootstrap admin ${email} is ready`);
  }
}
