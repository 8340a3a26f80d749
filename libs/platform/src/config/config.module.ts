import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Env, loadEnv } from './env';

/** Reads .env (when present) through @nestjs/config and provides the validated, typed Env. */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      validate: (raw) => ({ ...raw, ...loadEnv(raw as NodeJS.ProcessEnv) }),
    }),
  ],
  providers: [{ provide: Env, useFactory: () => loadEnv(process.env) }],
  exports: [Env],
})
export class PlatformConfigModule {}
