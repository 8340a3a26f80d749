import { Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { Env } from '@puente/platform';
import Redis from 'ioredis';

/**
 * Rate-limit counters in Redis, so the limit holds across every API process (the default
 * in-memory storage would give each process its own allowance). Fixed one-window counters.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly redis: Redis;

  constructor(private readonly env: Env) {
    this.redis = new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _block: number,
    name: string,
  ): Promise<ThrottlerStorageRecord> {
    const redisKey = `${this.env.QUEUE_PREFIX}:throttle:${name}:${key}`;
    const [[, hits], [, pttl]] = (await this.redis
      .multi()
      .incr(redisKey)
      .pttl(redisKey)
      .exec()) as [[Error | null, number], [Error | null, number]];
    let remainingMs = pttl;
    if (pttl < 0) {
      await this.redis.pexpire(redisKey, ttl);
      remainingMs = ttl;
    }
    const seconds = Math.ceil(remainingMs / 1000);
    const isBlocked = hits > limit;
    return {
      totalHits: hits,
      timeToExpire: seconds,
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds : 0,
    };
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}

@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
export class RedisThrottlerStorageModule {}
