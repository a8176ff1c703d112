import { Controller, Get, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '@vpp/access';
import { APP_CONFIG, AppConfig, loadConfig } from '@vpp/config';
import { closeRedisClient, createFailFastRedisClient, createHttpApp } from '@vpp/observability';
import { createDataSource } from '@vpp/persistence';
import { freePort, waitFor } from '@vpp/testing';
import { API_APP_NAME, ApiModule } from '../src/api.module';
import { ScratchPostgres } from './support/scratch-postgres';
import { ScratchRedis } from './support/scratch-redis';

const PROBE_REDIS = Symbol('PROBE_REDIS');

// Stands in for feature endpoints: one request that needs PostgreSQL, one that needs Redis.
@Public()
@Controller('probe')
class ProbeController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PROBE_REDIS) private readonly redis: Redis,
  ) {}

  @Get('postgres')
  async postgres(): Promise<{ one: number }> {
    const rows: { one: number }[] = await this.dataSource.query('SELECT 1 AS one');
    return { one: rows[0]!.one };
  }

  @Get('redis')
  async redisProbe(): Promise<{ value: string | null }> {
    await this.redis.set('probe', 'up');
    return { value: await this.redis.get('probe') };
  }
}

@Injectable()
class ProbeRedisCloser implements OnApplicationShutdown {
  constructor(@Inject(PROBE_REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedisClient(this.redis);
  }
}

@Module({
  controllers: [ProbeController],
  providers: [
    { provide: PROBE_REDIS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createFailFastRedisClient(config.redis.url, 'probe') },
    ProbeRedisCloser,
  ],
})
class ProbeModule {}

// The app's background parts (outbox relay) expect the real schema, as in production.
async function migrate(config: AppConfig): Promise<void> {
  const dataSource = createDataSource(config, { poolSize: 1 });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

const FAIL_FAST_MS = 2_000;
const RECOVERY_TIMEOUT_MS = 20_000;

describe('api when PostgreSQL or Redis goes away (scratch instances, not the shared ones)', () => {
  let postgres: ScratchPostgres;
  let redis: ScratchRedis;
  let app: NestFastifyApplication | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    postgres = new ScratchPostgres(await freePort());
    redis = new ScratchRedis(await freePort());
    await Promise.all([postgres.init(), redis.start()]);
    const config = loadConfig({ DATABASE_URL: postgres.url, REDIS_URL: redis.url, DATABASE_CONNECT_TIMEOUT_MS: '1000' });
    await migrate(config);
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule, ProbeModule] })
      .overrideProvider(APP_CONFIG)
      .useValue(config)
      .compile();
    app = await createHttpApp(moduleRef, { appName: API_APP_NAME, config });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await app.getUrl();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await redis?.stop();
    await postgres?.destroy();
  }, 60_000);

  async function health(): Promise<{ status: number; down: string[] }> {
    const response = await fetch(`${baseUrl}/health`);
    const body = (await response.json()) as { down?: string[] };
    return { status: response.status, down: body.down ?? [] };
  }

  async function timed(path: string): Promise<{ status: number; code: unknown; contentType: string | null; elapsedMs: number }> {
    const started = Date.now();
    const response = await fetch(`${baseUrl}${path}`);
    const body = (await response.json()) as { code?: unknown };
    return { status: response.status, code: body.code, contentType: response.headers.get('content-type'), elapsedMs: Date.now() - started };
  }

  it('is healthy while both are up', async () => {
    expect(await health()).toEqual({ status: 200, down: [] });
    expect((await timed('/probe/postgres')).status).toBe(200);
    expect((await timed('/probe/redis')).status).toBe(200);
  });

  it('turns red naming redis, fails fast with 503, and heals when Redis returns', async () => {
    await redis.stop();
    await waitFor('health to report redis down', async () => {
      const current = await health();
      return current.status === 503 && current.down.join() === 'redis';
    });
    const failed = await timed('/probe/redis');
    expect(failed).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', contentType: expect.stringMatching(/^application\/problem\+json/) });
    expect(failed.elapsedMs).toBeLessThan(FAIL_FAST_MS);
    expect((await timed('/probe/postgres')).status).toBe(200);

    await redis.start();
    await waitFor('health to recover', async () => (await health()).status === 200, RECOVERY_TIMEOUT_MS);
    await waitFor('the redis probe to recover', async () => (await timed('/probe/redis')).status === 200, RECOVERY_TIMEOUT_MS);
  }, 60_000);

  it('turns red naming postgres, fails fast with 503, and heals when PostgreSQL returns', async () => {
    await postgres.stop('fast');
    await waitFor('health to report postgres down', async () => {
      const current = await health();
      return current.status === 503 && current.down.join() === 'postgres';
    });
    const failed = await timed('/probe/postgres');
    expect(failed).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', contentType: expect.stringMatching(/^application\/problem\+json/) });
    expect(failed.elapsedMs).toBeLessThan(FAIL_FAST_MS);
    expect((await timed('/probe/redis')).status).toBe(200);

    await postgres.start();
    await waitFor('health to recover', async () => (await health()).status === 200, RECOVERY_TIMEOUT_MS);
    expect(await timed('/probe/postgres')).toMatchObject({ status: 200 });
  }, 60_000);
});
