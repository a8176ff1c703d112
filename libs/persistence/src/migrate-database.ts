import { AppConfig } from '@vpp/config';
import { createDataSource } from './data-source';
import { ensureDatabase } from './ensure-database';

/** Creates the configured database if needed and applies pending migrations, each in its own transaction. */
export async function migrateDatabase(config: AppConfig): Promise<string[]> {
  await ensureDatabase(config.database.url);
  const dataSource = createDataSource(config, { poolSize: 1 });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
