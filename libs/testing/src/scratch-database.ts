import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { createDataSource, ensureDatabase } from '@vpp/persistence';
import { TEST_DATABASE_URL, TEST_TEMPLATE_DATABASE } from './test-database';

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
  /**
   * A migrated database to copy instead of migrating from scratch; the copy is still migrated, so a
   * template older than the code only costs the missing steps. Under jest, the one globalSetup builds.
   */
  readonly template?: string | null;
}

// PostgreSQL refuses to copy a template while another session is connected to it (55006); copies
// run in parallel across jest workers, so a refused copy is retried briefly before migrating instead.
const TEMPLATE_ATTEMPTS = 5;

async function copyTemplate(url: string, template: string): Promise<boolean> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  const admin = new Client({ connectionString: databaseUrl(url, 'postgres') });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (found.rowCount === 0) return false;
    for (let attempt = 1; attempt <= TEMPLATE_ATTEMPTS; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return true;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt === TEMPLATE_ATTEMPTS) break;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
    return false;
  } finally {
    await admin.end();
  }
}

/** Under jest (each worker has JEST_WORKER_ID) the template globalSetup built; elsewhere none. */
function defaultTemplate(): string | null {
  return process.env.JEST_WORKER_ID === undefined ? null : TEST_TEMPLATE_DATABASE;
}

/**
 * A database of a test's own, `name`, made afresh (dropped first if a former run left it) and
 * migrated; returns its URL. Apps that run outbox relays or workers need one: a relay claims
 * every due row of its database, so sharing vpp_test would take other files' jobs.
 */
export async function freshDatabase(name: string, options: FreshDatabaseOptions = {}): Promise<string> {
  const url = databaseUrl(options.baseUrl ?? TEST_DATABASE_URL, name);
  await dropDatabase(url);
  const template = options.migrate === false ? null : options.template === undefined ? defaultTemplate() : options.template;
  if (template === null || !(await copyTemplate(url, template))) await ensureDatabase(url);
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
