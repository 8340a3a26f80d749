// Used only by the TypeORM CLI (npm run migration:generate / migration:run).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnv } from '../config/env';
import { databaseOptions } from './database-options';

export default new DataSource({
  ...databaseOptions(loadEnv().DATABASE_URL),
  entities: ['libs/*/src/**/*.entity.ts'],
});
