import { loadConfigOrExit } from '@vpp/config';
import { createDataSource, ensureDatabase } from '@vpp/persistence';

/** `npm run migrate`: creates the configured database if needed and applies pending migrations. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await ensureDatabase(config.database.url);
  const dataSource = createDataSource(config, { poolSize: 1 });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const target = new URL(config.database.url);
    process.stdout.write(
      `migrate: ${applied.length} migration(s) applied to ${target.host}${target.pathname}` +
        (applied.length ? `: ${applied.map((m) => m.name).join(', ')}` : '') + '\n',
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
