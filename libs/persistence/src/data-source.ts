import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig, loadConfig } from '@vpp/config';
import { ALL_MIGRATIONS } from '../../../migrations';
import { ALL_ENTITIES } from './entity-registry';
import { ParameterFreeQueryLogger } from './query-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The one set of options shared by the apps, the migration CLI and the tests. */
export function dataSourceOptions(config: AppConfig, overrides: { url?: string; poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: overrides.url ?? config.database.url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    // Never: the schema comes from migrations only, tests included (STYLE.md 9.5).
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: ['error', 'warn', 'migration'],
    logger: new ParameterFreeQueryLogger(config.log.level),
    maxQueryExecutionTime: 1_000,
    extra: {
      max: overrides.poolSize ?? config.database.poolSize,
      connectionTimeoutMillis: config.database.connectTimeoutMs,
      application_name: 'ev-vpp',
    },
  };
}

export function createDataSource(config: AppConfig = loadConfig(), overrides: { url?: string; poolSize?: number } = {}): DataSource {
  return new DataSource(dataSourceOptions(config, overrides));
}
