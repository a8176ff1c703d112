import Redis from 'ioredis';
import { Client } from 'pg';
import type { AppConfig } from '@vpp/config';
import { createDataSource, ensureDatabase } from '@vpp/persistence';

// ARCHITECTURE.md section 5: what starts each service on the developers' and CI machines.
const START_POSTGRES = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const START_REDIS = 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log';

export class ServiceDownError extends Error {}

function adminUrlOf(databaseUrl: string): string {
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  return admin.toString();
}

/** Both services answer, or a ServiceDownError naming the command that starts the one that does not. */
export async function checkServices(config: AppConfig): Promise<void> {
  const problems: string[] = [];
  const pg = new Client({ connectionString: adminUrlOf(config.database.url), connectionTimeoutMillis: 3_000 });
  try {
    await pg.connect();
    await pg.query('SELECT 1');
  } catch (error) {
    problems.push(`PostgreSQL at ${new URL(config.database.url).host} does not answer (${(error as Error).message}).\n  Start it: ${START_POSTGRES}`);
  } finally {
    await pg.end().catch(() => undefined);
  }
  const redis = new Redis(config.redis.url, { lazyConnect: true, connectTimeout: 3_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    problems.push(`Redis at ${config.redis.url} does not answer (${(error as Error).message}).\n  Start it: ${START_REDIS}`);
  } finally {
    redis.disconnect();
  }
  if (problems.length > 0) throw new ServiceDownError(problems.join('\n'));
}

/** The demo's own database, dropped and created afresh (every run starts from a fresh machine's state), then migrated. */
export async function freshDemoDatabase(config: AppConfig): Promise<number> {
  const name = decodeURIComponent(new URL(config.database.url).pathname.replace(/^\//, ''));
  if (!/^vpp(_test)?_demo[a-z0-9_]*$/.test(name)) throw new Error(`refusing to drop "${name}": the demo only recreates databases named vpp_demo*`);
  const admin = new Client({ connectionString: adminUrlOf(config.database.url) });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  await ensureDatabase(config.database.url);
  const migrator = createDataSource(config, { poolSize: 1 });
  await migrator.initialize();
  try {
    return (await migrator.runMigrations({ transaction: 'each' })).length;
  } finally {
    await migrator.destroy();
  }
}
