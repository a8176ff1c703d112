import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { envSchema, parseConfig } from '@vpp/config';
import { QUEUE_OWNERS } from '@vpp/queues';

// docker-compose.yml describes the split deployment for users (issue 8 item 4). Docker does not run
// here, so the file is parsed (js-yaml resolves the anchors; merge keys are applied below as compose does) and
// checked against the code: the services, the commands of the built apps, start-up order, and each
// app's environment through the real config parser (secrets given stand-in values).
const ROOT = join(__dirname, '..', '..');

interface ComposeService {
  readonly image?: string;
  readonly command?: string[];
  readonly environment?: Record<string, string>;
  readonly depends_on?: Record<string, { condition: string }>;
  readonly deploy?: { replicas?: number };
  readonly healthcheck?: { test: string[] };
  readonly ports?: string[];
}

/** YAML merge keys (`<<: *anchor`, or a list of them) as compose applies them: the mapping's own keys win. */
function withMerges(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withMerges);
  if (node === null || typeof node !== 'object') return node;
  const own = Object.entries(node as Record<string, unknown>);
  const merged: Record<string, unknown> = {};
  for (const [key, value] of own) {
    if (key !== '<<') continue;
    for (const source of Array.isArray(value) ? value : [value]) Object.assign(merged, withMerges(source));
  }
  for (const [key, value] of own) if (key !== '<<') merged[key] = withMerges(value);
  return merged;
}

const compose = withMerges(load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'))) as { services: Record<string, ComposeService> };
const APPS = ['api', 'connector', 'planner', 'dispatcher', 'settlement', 'simulator'];

/** What compose would pass for `${NAME:?message}` / `${NAME:-default}` with the given .env values. */
function interpolated(value: string, dotEnv: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind: string | undefined, rest: string | undefined) => {
    if (dotEnv[name] !== undefined) return dotEnv[name];
    if (kind === '?') throw new Error(`${name} is required: ${rest ?? ''}`);
    return rest ?? '';
  });
}

const SECRETS = { JWT_SECRET: 'j'.repeat(40), PRIVACY_HMAC_SECRET: 'p'.repeat(40), OCPI_TOKEN_ENCRYPTION_KEY: 'o'.repeat(40), UFTP_KEY_ENCRYPTION_KEY: 'u'.repeat(40) };

describe('docker-compose.yml (the split deployment for users)', () => {
  it('runs postgres, redis, the migrator and every app, settlement with two replicas', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'connector', 'dispatcher', 'migrate', 'planner', 'postgres', 'redis', 'settlement', 'simulator']);
    expect(compose.services.settlement.deploy?.replicas).toBe(2);
    // Every queue's owner is a service of its own (the apps refuse to boot without their queues' handlers).
    for (const owner of new Set(Object.values(QUEUE_OWNERS))) expect(APPS).toContain(owner);
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']));
  });

  it('starts each app from its built main after the migrator succeeded, with a health check on its own port', () => {
    expect(compose.services.migrate.command).toEqual(['node', 'dist/scripts/migrate.js']);
    expect(existsSync(join(ROOT, 'scripts', 'migrate.ts'))).toBe(true);
    for (const app of APPS) {
      const service = compose.services[app];
      expect({ app, command: service.command }).toEqual({ app, command: ['node', `dist/apps/${app}/src/main.js`] });
      expect(existsSync(join(ROOT, 'apps', app, 'src', 'main.ts'))).toBe(true);
      if (app === 'simulator') continue;
      expect({ app, dependsOn: service.depends_on }).toEqual({
        app,
        dependsOn: { migrate: { condition: 'service_completed_successfully' }, postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } },
      });
      const port = service.environment?.HTTP_PORT ?? '';
      expect(service.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/health`);
    }
  });

  it('gives every app an environment the config accepts in production, on one PostgreSQL and one Redis', () => {
    const known = new Set(Object.keys(envSchema.shape));
    const databases = new Set<string>();
    const redises = new Set<string>();
    for (const name of ['migrate', ...APPS]) {
      const raw = compose.services[name].environment ?? {};
      const unknown = Object.keys(raw).filter((key) => !known.has(key));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
      const env = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, interpolated(String(value), SECRETS)]));
      const config = parseConfig(env);
      expect(config.nodeEnv).toBe('production');
      databases.add(config.database.url);
      redises.add(config.redis.url);
    }
    expect([...databases]).toEqual(['postgres://vpp:vpp@postgres:5432/vpp']);
    expect([...redises]).toEqual(['redis://redis:6379']);
  });

  it('refuses to start without the production secrets', () => {
    const env = compose.services.api.environment ?? {};
    for (const secret of Object.keys(SECRETS)) {
      const without: Record<string, string> = { ...SECRETS };
      delete without[secret];
      expect(() => Object.values(env).map((value) => interpolated(String(value), without))).toThrow(`${secret} is required`);
    }
  });
});
