import { loadConfigOrExit } from '@vpp/config';
import { migrateDatabase } from '@vpp/persistence';

/** `npm run migrate`: creates the configured database if needed and applies pending migrations. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const applied = await migrateDatabase(config);
  const target = new URL(config.database.url);
  process.stdout.write(
    `migrate: ${applied.length} migration(s) applied to ${target.host}${target.pathname}` +
      (applied.length ? `: ${applied.join(', ')}` : '') + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
