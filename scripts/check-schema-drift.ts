import { loadConfigOrExit } from '@vpp/config';
import { createDataSource, ensureDatabase, pendingSchemaChanges } from '@vpp/persistence';

/**
 * CI gate: migrates a scratch database from empty, then asks TypeORM what it would still change
 * to match the entities. Any statement means an entity changed without a migration.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const url = new URL(config.database.url);
  url.pathname = '/vpp_schema_drift';
  const { Client } = await import('pg');
  const admin = new URL(url.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query('DROP DATABASE IF EXISTS vpp_schema_drift WITH (FORCE)');
  await client.end();
  await ensureDatabase(url.toString());

  const dataSource = createDataSource(config, { url: url.toString(), poolSize: 1 });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const pending = await pendingSchemaChanges(dataSource);
    if (pending.length > 0) {
      process.stderr.write(`schema drift: entities and migrations disagree; a migration would need:\n${pending.map((q) => `  ${q};`).join('\n')}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write(`schema drift: none (${applied.length} migrations applied to an empty database)\n`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`schema drift check failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
