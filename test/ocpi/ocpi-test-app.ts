import { randomBytes } from 'node:crypto';
import { DynamicModule, Logger, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AccessModule } from '@vpp/access';
import { APP_CONFIG, AppConfig, ConfigModule, loadConfig } from '@vpp/config';
import { readElaadNlSessions } from '@vpp/fleet';
import { createHttpApp } from '@vpp/observability';
import { OcpiApiModule } from '@vpp/ocpi';
import { dataSourceOptions } from '@vpp/persistence';
import { QueuesModule } from '@vpp/queues';
import { freePort, freshDatabase } from '@vpp/testing';
import { CONNECTOR_JOB_MODULES } from '../../apps/connector/src/connector-job-modules';
import { join } from 'node:path';
import { replayedSessionsOf, ReplayedSession } from '../../apps/simulator/src/cpo/cpo-replay';
import { seedOrganisation, SeededOrganisation } from '../access/access-test-app';

export interface OcpiTestApp {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly dataSource: DataSource;
  readonly operator: SeededOrganisation;
  close(): Promise<void>;
}

/**
 * The connector's OCPI module and the operator API in one process, on a database of its own
 * (`databaseSuffix`): the app runs an outbox relay, which would otherwise pick up the jobs of
 * other test files on the shared vpp_test and publish them under this app's Redis prefix.
 */
export async function startOcpiTestApp(
  databaseSuffix: string,
  overrides: Record<string, string> = {},
  extraImports: readonly (Type<unknown> | DynamicModule)[] = [],
): Promise<OcpiTestApp> {
  Logger.overrideLogger(false);
  // Fresh on every run: OCPI party ids are unique per (country, party), and reruns must not collide.
  const databaseUrl = await freshDatabase(`vpp_test_${databaseSuffix}`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `{vpp-ocpi-${randomBytes(4).toString('hex')}}`,
    OUTBOX_POLL_INTERVAL_MS: '50',
    OCPI_PUBLIC_BASE_URL: baseUrl,
    LOG_LEVEL: 'silent',
    FLEET_STALE_CHECK_INTERVAL_SECONDS: '0',
    ...overrides,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule,
      TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => dataSourceOptions(c, { poolSize: 6 }) }),
      QueuesModule.forRoot({ app: 'connector' }),
      // The connector queue's every job: the app refuses to boot with a catalog job unhandled.
      ...CONNECTOR_JOB_MODULES,
      AccessModule,
      OcpiApiModule,
      ...extraImports,
    ],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  const app = await createHttpApp(moduleRef, { appName: 'ocpi-test', config });
  await app.listen({ port, host: '127.0.0.1' });
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const operator = await seedOrganisation(dataSource, 'operator');
  return { app, baseUrl, dataSource, operator, close: () => app.close() };
}

const PARTY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const usedPartyIds = new Set<string>();

/** A fresh 3-character OCPI party id, distinct within the test file. */
export function aPartyId(): string {
  for (;;) {
    const id = [...randomBytes(3)].map((byte) => PARTY_ID_ALPHABET[byte % PARTY_ID_ALPHABET.length]).join('');
    if (!usedPartyIds.has(id)) {
      usedPartyIds.add(id);
      return id;
    }
  }
}

/** Issues token A for a new CPO organisation through the operator API, as an operator would. */
export async function issueTokenA(
  test: OcpiTestApp,
  countryCode: string,
  partyId: string,
): Promise<{ id: string; tokenA: string; versionsUrl: string }> {
  const cpo = await seedOrganisation(test.dataSource, 'cpo');
  const response = await fetch(`${test.baseUrl}/v1/ocpi/parties`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': test.operator.key },
    body: JSON.stringify({ organisationId: cpo.organisationId, countryCode, partyId }),
  });
  if (response.status !== 201) throw new Error(`token A not issued: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; tokenA: string; versionsUrl: string };
}

/** The first real sessions of the ElaadNL file (ARCHITECTURE.md section 6), as a CPO replays them. */
export function realSessions(count: number): ReplayedSession[] {
  const file = join(__dirname, '../../../shared/data/ev-sessions-elaadnl-2019-01-to-09.csv');
  const read = readElaadNlSessions(file, (arrival) => arrival < new Date('2019-01-03T00:00:00Z'));
  return replayedSessionsOf(read.sessions.slice(0, count));
}

/** Polls until `probe` returns a value (state to reach, not a timing assertion). */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`never reached: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
