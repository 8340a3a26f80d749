import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';

/** The TypeORM options shared by the API, the worker and the migration CLI. Never synchronize. */
export function databaseOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'migrations',
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: 20, application_name: 'puente' },
    // Off by default: TypeORM prints failed queries with their parameters (which may be personal data).
    logging: process.env.TYPEORM_LOGGING === 'true' ? ['query', 'error'] : false,
  };
}
