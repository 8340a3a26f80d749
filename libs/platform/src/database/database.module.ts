import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '../config/env';
import { databaseOptions } from './database-options';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({ ...databaseOptions(env.DATABASE_URL), autoLoadEntities: true }),
    }),
  ],
})
export class PlatformDatabaseModule {}
