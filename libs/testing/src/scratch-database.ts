import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { createDataSource, ensureDatabase } from '@vpp/persistence';
import { TEST_DATABASE_URL } from './test-database';

function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the database named in `url`, sessions still connected to it included. */
export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing to drop database with unusual name "${name}"`);
  const admin = new Client({ connectionString: databaseUrl(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export interface FreshDatabaseOptions {
  /** The server (and credentials) to create it on; the test server by default. */
  readonly baseUrl?: string;
  /** Apply the real migrations (default) or leave it empty. */
  readonly migrate?: boolean;
}

/**
 * A database of a test's own, `name`, made afresh (dropped first if a former run left it) and
 * migrated; returns its URL. Apps that run outbox relays or workers need one: a relay claims
 * every due row of its database, so sharing vpp_test would take other files' jobs.
 */
export async function freshDatabase(name: string, options: FreshDatabaseOptions = {}): Promise<string> {
  const url = databaseUrl(options.baseUrl ?? TEST_DATABASE_URL, name);
  await dropDatabase(url);
  await ensureDatabase(url);
  if (options.migrate === false) return url;
  const migrator = createDataSource(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), { poolSize: 1 });
  await migrator.initialize();
  try {
    await migrator.runMigrations({ transaction: 'each' });
  } finally {
    await migrator.destroy();
  }
  return url;
}

export interface ScratchDatabase {
  readonly dataSource: DataSource;
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh migrated database under a random name starting with `prefix`, with an open data source; `drop()` closes and removes it. */
export async function openScratchDatabase(prefix: string, poolSize = 6): Promise<ScratchDatabase> {
  const config = loadConfig();
  const url = await freshDatabase(`${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`, { baseUrl: config.database.url });
  const dataSource = createDataSource(config, { url, poolSize });
  await dataSource.initialize();
  return {
    dataSource,
    url,
    async drop(): Promise<void> {
      await dataSource.destroy();
      await dropDatabase(url);
    },
  };
}
