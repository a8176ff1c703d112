// Jest runs globalSetup outside its module registry, so moduleNameMapper does not apply here:
// register the tsconfig path aliases (@vpp/*) first, for this file and what it imports.
import 'tsconfig-paths/register';
import { loadConfig } from '@vpp/config';
import { createDataSource, ensureDatabase } from '@vpp/persistence';
import { freshDatabase } from './scratch-database';
import { TEST_DATABASE_URL, TEST_TEMPLATE_DATABASE } from './test-database';

/**
 * Runs once before the integration project: creates vpp_test and applies the real migrations, and
 * rebuilds the template that scratch databases are copied from (a copy is ~10x faster than migrating).
 */
export default async function globalSetup(): Promise<void> {
  await ensureDatabase(TEST_DATABASE_URL);
  const dataSource = createDataSource(loadConfig({ DATABASE_URL: TEST_DATABASE_URL }), { poolSize: 2 });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  await freshDatabase(TEST_TEMPLATE_DATABASE, { template: null });
}
