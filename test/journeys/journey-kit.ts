import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import type { OrganisationKind } from '@vpp/access';
import { AppConfig, loadConfig } from '@vpp/config';
import { SettlementPipelineScheduler } from '@vpp/settlement';
import { dropDatabase, eventually, freePort, freshDatabase, seedOrganisation, SeededOrganisation, startHttpTestApp } from '@vpp/testing';
import type { DeliveryDay } from '@vpp/units';
import { PLATFORM_APP_NAME, PlatformModule } from '../../apps/platform/src/platform.module';
import { deleteQueueKeys } from '../../libs/queues/test/queue-test-kit';
import { onboard, Party } from '../../scripts/demo/seed-parties';
import { call, HttpResult } from '../access/access-test-app';

export { call, type HttpResult } from '../access/access-test-app';
export type { Party } from '../../scripts/demo/seed-parties';

/** The whole platform (PlatformModule, every feature module in one process) as a user meets it: HTTP on a loopback port. */
export interface Journey {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly config: AppConfig;
  /** For the test's own look at what was (not) written, and for seeding what no API produces. */
  readonly dataSource: DataSource;
  /** The aggregator, bootstrapped as scripts/create-operator.ts does it: no API exists before the first operator. */
  readonly operator: SeededOrganisation;
  /** The operator onboards a client organisation over the API (POST /v1/organisations, its admin logs in and makes an API key). */
  onboard(kind: OrganisationKind, name: string): Promise<Party>;
  /** JSON over HTTP with an API key (`key`), optionally on behalf of a client organisation. */
  as(key: string, method: string, path: string, body?: unknown, onBehalfOf?: string): Promise<HttpResult>;
  /** A raw GET with an API key, for files (CSV, PDF). */
  download(key: string, path: string): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The platform app on a database of its own (`vpp_test_journey_<suffix>`, made afresh: the app
 * runs the outbox relay and every queue's workers) and a Redis prefix of its own, its
 * schedulers off so each journey triggers what it needs (the planner, the market calendar,
 * settlement ticks), and OCPI's public URL naming its own port.
 */
export async function startJourney(
  suffix: string,
  overrides: Record<string, string> = {},
  configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<Journey> {
  Logger.overrideLogger(false);
  const databaseUrl = await freshDatabase(`vpp_test_journey_${suffix}`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `{vpp-journey-${randomBytes(4).toString('hex')}}`,
    OUTBOX_POLL_INTERVAL_MS: '50',
    OCPI_PUBLIC_BASE_URL: baseUrl,
    LOG_LEVEL: 'silent',
    PLANNING_SCHEDULE: 'off',
    MARKETS_CALENDAR_SCHEDULE: 'off',
    FLEET_STALE_CHECK_INTERVAL_SECONDS: '0',
    OCPI_PULL_INTERVAL_SECONDS: '0',
    SETTLEMENT_CHECK_SECONDS: '0',
    TELEMETRY_MAINTENANCE_CHECK_SECONDS: '0',
    DISPATCH_LOOP_ENABLED: 'false',
    ...overrides,
  });
  const app = await startHttpTestApp([PlatformModule], { appName: PLATFORM_APP_NAME, config, port, configure });
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const operator = await seedOrganisation(dataSource, 'operator');
  return {
    app,
    baseUrl,
    config,
    dataSource,
    operator,
    onboard: (kind, name) => onboard(baseUrl, operator.key, kind, name, kind),
    as: (key, method, path, body, onBehalfOf) => call(baseUrl, method, path, { key, body, headers: onBehalfOf ? { 'x-on-behalf-of': onBehalfOf } : {} }),
    download: (key, path) => fetch(`${baseUrl}${path}`, { headers: { 'x-api-key': key } }),
    close: async () => {
      await app.close();
      await deleteQueueKeys({ redisUrl: config.redis.url, prefix: config.redis.queuePrefix });
      await dropDatabase(databaseUrl);
    },
  };
}

/** How many rows `sql` counts (a `count(*)` query): what a refused call must leave unchanged. */
export async function countOf(dataSource: DataSource, sql: string, parameters: unknown[] = []): Promise<number> {
  const rows: { n: string }[] = await dataSource.query(sql, parameters);
  return Number.parseInt(rows[0].n, 10);
}

/**
 * Closes `day` as the settlement scheduler does once the day is over (its tick just after the
 * grace): the close-day job goes through the outbox and the queue to the platform's own workers,
 * which run every stage. Waits until they issued `statements` statements of the day.
 */
export async function settleDay(journey: Journey, day: DeliveryDay, statements: number): Promise<void> {
  const afterGrace = new Date(day.end.getTime() + (journey.config.settlement.graceMinutes + 1) * 60_000);
  await journey.app.get(SettlementPipelineScheduler).tick(afterGrace);
  const issued = `SELECT count(*) AS n FROM settlement_statements WHERE status = 'issued' AND period_start = $1`;
  await eventually(async () => ((await countOf(journey.dataSource, issued, [day.start])) >= statements ? true : undefined), `${statements} statements of ${day.isoDate}`, 90_000);
}
