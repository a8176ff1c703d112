import { loadConfig } from '@vpp/config';
import { dropDatabase, freshDatabase } from '@vpp/testing';

/**
 * A database of a bench case's own, `name` on the configured server, made afresh (a former run's
 * is dropped) and migrated unless `migrate: false`; returns its URL. Cases that run outbox relays
 * or workers need one, so they never take jobs of another database on the same Redis.
 */
export function scratchDatabaseUrl(name: string, options: { migrate?: boolean } = {}): Promise<string> {
  return freshDatabase(name, { baseUrl: loadConfig().database.url, migrate: options.migrate });
}

/** `vpp_bench_<name>`, fresh and migrated, with a way to drop it after the case. */
export async function createScratchDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`scratch database name must be [a-z0-9_]: ${name}`);
  const url = await scratchDatabaseUrl(`vpp_bench_${name}`);
  return { url, drop: () => dropDatabase(url) };
}

/** Drops a database by URL (the OCPI test app makes its own, named after its suffix). */
export function dropScratchDatabase(url: string): Promise<void> {
  return dropDatabase(url);
}
