import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { Env } from '@puente/platform';
import { AccountsModule } from './accounts.module';
import { CoordinatorOfOrgGuard } from './auth/coordinator.guard';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { RedisThrottlerStorage, RedisThrottlerStorageModule } from './auth/redis-throttler.storage';
import { AuthController } from './http/auth.controller';
import { OrganizationsController } from './http/organizations.controller';
import { ProfileController } from './http/profile.controller';
import { SkillsController } from './http/skills.controller';
import { BootstrapAdminService } from './services/bootstrap-admin.service';

type TrackedRequest = { ip: string; body?: { email?: unknown } };

/** The HTTP side of accounts: controllers, the global JWT guard, and auth rate limits. */
@Module({
  imports: [
    AccountsModule,
    ThrottlerModule.forRootAsync({
      imports: [RedisThrottlerStorageModule],
      inject: [Env, RedisThrottlerStorage],
      useFactory: (env: Env, storage: RedisThrottlerStorage) => ({
        throttlers: [
          { name: 'address', ttl: 60_000, limit: env.AUTH_RATE_LIMIT_PER_MINUTE },
          {
            name: 'email',
            ttl: 60_000,
            limit: env.AUTH_RATE_LIMIT_PER_MINUTE,
            getTracker: (req: Record<string, unknown>) => {
              const email = (req as TrackedRequest).body?.email;
              return typeof email === 'string'
                ? email.trim().toLowerCase()
                : `no-email:${(req as TrackedRequest).ip}`;
            },
          },
        ],
        storage,
      }),
    }),
  ],
  controllers: [AuthController, ProfileController, SkillsController, OrganizationsController],
  providers: [
    BootstrapAdminService,
    CoordinatorOfOrgGuard,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [AccountsModule, CoordinatorOfOrgGuard],
})
export class AccountsHttpModule {}
