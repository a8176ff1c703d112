import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, loadConfig, PLATFORM_CLOCK, systemClock } from '@vpp/config';
import { createHttpApp, ObservabilityModule } from '@vpp/observability';
import { authorizationHeaderOf, formatOcpiDateTime, hashCredentialsToken, newCredentialsToken } from '@vpp/ocpi';
import { dataSourceOptions } from '@vpp/persistence';
import { QueuesModule } from '@vpp/queues';
import { CONNECTOR_JOB_MODULES } from '../../apps/connector/src/connector-job-modules';
import { BenchCase, BenchOptions, BenchResult } from '../bench-case';
import type { PatchLoadPlan, PatchLoadResult } from '../ocpi-load/patch-load.protocol';
import { scratchDatabaseUrl } from '../scratch-database';

const CLIENTS = 50;
const PARTY_ID = 'BEN';

/** A registered CPO written straight to the tables: the handshake is not what is measured. */
async function seedParty(dataSource: DataSource): Promise<string> {
  const token = newCredentialsToken();
  const organisationId = randomUUID();
  const now = new Date();
  await dataSource.query(`INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, 'bench CPO', 'cpo', 'NL', now())`, [organisationId]);
  await dataSource.query(
    `INSERT INTO ocpi_parties (id, organisation_id, country_code, party_id, role, status, inbound_token_hash, endpoints, created_at, updated_at, registered_at, last_seen_at)
     VALUES ($1, $2, 'NL', $3, 'CPO', 'registered', $4, '[]', $5, $5, $5, $5)`,
    [randomUUID(), organisationId, PARTY_ID, hashCredentialsToken(token), now],
  );
  return token;
}

function location(id: string, at: Date): object {
  return {
    country_code: 'NL', party_id: PARTY_ID, id, publish: true, address: 'Benchstraat 1', city: 'Arnhem', country: 'NLD',
    coordinates: { latitude: '51.98471', longitude: '5.89832' }, time_zone: 'Europe/Amsterdam', last_updated: formatOcpiDateTime(at),
    evses: [{ uid: `${id}-E1`, status: 'CHARGING', connectors: [{ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, last_updated: formatOcpiDateTime(at) }], last_updated: formatOcpiDateTime(at) }],
  };
}

function session(id: string, locationId: string, at: Date): object {
  return {
    country_code: 'NL', party_id: PARTY_ID, id, start_date_time: formatOcpiDateTime(at), kwh: 0,
    cdr_token: { country_code: 'NL', party_id: PARTY_ID, uid: `T-${id}`, type: 'RFID', contract_id: `NL-${PARTY_ID}-${id}` },
    auth_method: 'WHITELIST', location_id: locationId, evse_uid: `${locationId}-E1`, connector_id: '1', currency: 'EUR', status: 'ACTIVE', last_updated: formatOcpiDateTime(at),
  };
}

/** Forks the CPO load generator and measures this (server) process's CPU while it runs. */
async function runLoadGenerator(plan: PatchLoadPlan): Promise<{ result: PatchLoadResult; serverCpuS: number }> {
  const child = fork(join(__dirname, '../ocpi-load/patch-client.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const cpuBefore = process.cpuUsage();
  const result = await new Promise<PatchLoadResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as PatchLoadResult));
    child.once('exit', (code) => reject(new Error(`OCPI load generator exited with ${String(code)} before reporting`)));
    child.send(plan);
  });
  const cpu = process.cpuUsage(cpuBefore);
  return { result, serverCpuS: (cpu.user + cpu.system) / 1e6 };
}

async function send(url: string, method: string, authorization: string, body: object): Promise<number> {
  const response = await fetch(url, { method, headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}

/**
 * OCPI Session PATCHes (kwh and last_updated moving on) at 50 concurrent clients, sent by a
 * load generator in its own process (bench/ocpi-load), against the
 * real HTTP path: auth by token hash, schema validation, ordered merge, fleet model update, all
 * in PostgreSQL. `--sessions N` sessions (default 500), `--rows N` PATCHes in total (default 10,000).
 */
async function run(options: BenchOptions, emit: (result: BenchResult) => void): Promise<void> {
  const sessions = options.sessions ?? 500;
  const requests = options.rows ?? 10_000;
  const databaseUrl = await scratchDatabaseUrl('vpp_bench_ocpi');
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'error', HTTP_PORT: '0', FLEET_STALE_CHECK_INTERVAL_SECONDS: '0', DATABASE_POOL_SIZE: '20' });
  // The bench's own configuration (its scratch database) in place of ConfigModule's environment,
  // with the wall clock ConfigModule provides to the modules that read the platform's time.
  @Global()
  @Module({ providers: [{ provide: APP_CONFIG, useValue: config }, { provide: PLATFORM_CLOCK, useValue: systemClock }], exports: [APP_CONFIG, PLATFORM_CLOCK] })
  class BenchConfigModule {}
  @Module({
    imports: [
      BenchConfigModule,
      TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => dataSourceOptions(c) }),
      QueuesModule.forRoot({ app: 'connector' }),
      // The connector's every job module: the app refuses to boot with a job of its queue unhandled.
      ...CONNECTOR_JOB_MODULES,
      ObservabilityModule.forApp('bench-ocpi'),
    ],
  })
  class BenchOcpiModule {}
  const app = await createHttpApp(BenchOcpiModule, { appName: 'bench-ocpi', config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `${await app.getUrl()}/ocpi/2.2.1`.replace('[::1]', '127.0.0.1');
  try {
    const authorization = authorizationHeaderOf(await seedParty(app.get<DataSource>(getDataSourceToken())));
    const t0 = new Date('2026-11-25T08:00:00Z');
    for (let i = 0; i < sessions; i += 1) {
      const locationId = `L${i % 50}`;
      if (i < 50) await send(`${base}/locations/NL/${PARTY_ID}/${locationId}`, 'PUT', authorization, location(locationId, t0));
      await send(`${base}/sessions/NL/${PARTY_ID}/S${i}`, 'PUT', authorization, session(`S${i}`, locationId, t0));
    }
    const load = await runLoadGenerator({ base, authorization, partyId: PARTY_ID, clients: CLIENTS, sessions, requests, t0Ms: t0.getTime() });
    const latenciesMs = [...load.result.latenciesMs].sort((a, b) => a - b);
    const percentile = (q: number): number => Math.round(latenciesMs[Math.min(latenciesMs.length - 1, Math.ceil(latenciesMs.length * q) - 1)]! * 10) / 10;
    // Separate process, same host: it still shares the host's cores with the server and PostgreSQL.
    const context = { clients: CLIENTS, load_generator: 'separate process (child_process.fork, node:http keep-alive), same host', host_cores: availableParallelism() };
    emit({ metric: 'requests_per_s', value: Math.round(requests / load.result.elapsedS), unit: 'req/s', ...context, sessions, requests, failures: load.result.failures });
    emit({ metric: 'p99_latency_ms', value: percentile(0.99), unit: 'ms', ...context });
    emit({ metric: 'p50_latency_ms', value: percentile(0.5), unit: 'ms', ...context });
    // User+system CPU of the server process over the load's wall time: 100 % is one core busy.
    emit({ metric: 'server_cpu_share', value: Math.round(load.serverCpuS / load.result.elapsedS * 100), unit: '% of one core', ...context });
  } finally {
    await app.close();
  }
}

export const BENCH_CASES: BenchCase[] = [{ suite: 'ingest', name: 'ocpi-session-patch', run }];
