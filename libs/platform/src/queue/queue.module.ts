import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { Env } from '../config/env';
import { QUEUES } from './queues';

const queues = Object.values(QUEUES).map((name) => ({ name }));

/** Connects Bull to Redis and registers every queue, so any module can inject a producer. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        redis: env.REDIS_URL,
        prefix: env.QUEUE_PREFIX,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
      }),
    }),
    BullModule.registerQueue(...queues),
  ],
  exports: [BullModule],
})
export class PlatformQueueModule {}
