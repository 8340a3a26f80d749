import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Env } from '@puente/platform';
import Redis from 'ioredis';

@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    env: Env,
    private readonly indicator: HealthIndicatorService,
  ) {
    this.redis = new Redis(env.REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    });
  }

  async check(key = 'redis') {
    const session = this.indicator.check(key);
    try {
      await Promise.race([
        this.redis.ping(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('timed out after 2 s')), 2000),
        ),
      ]);
      return session.up();
    } catch (err) {
      return session.down({ message: (err as Error).message });
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
