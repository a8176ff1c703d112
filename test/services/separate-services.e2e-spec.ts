import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { deleteQueueKeys } from '../../libs/queues/test/queue-test-kit';
import { createDataSource } from '@vpp/persistence';
import { ALL_QUEUE_NAMES, JobName, jobNamesOfQueue, QUEUE_OWNERS, redisConnectionOptions } from '@vpp/queues';
import { baseUrlOf, dropDatabase, eventually, freePort, freshDatabase, startHttpTestApp } from '@vpp/testing';
import { DeliveryDay } from '@vpp/units';
import { PLATFORM_APP_NAME, PlatformModule } from '../../apps/platform/src/platform.module';
import { SimulatedExchange } from '../../apps/simulator/src/exchange/simulated-exchange';
import { dayPrices, type DayPrices } from '../../scripts/demo/derived-prices';
import { deriveDay, readSessionIndex } from '../../scripts/demo/derived-sessions';
import { startService, stopServices, waitHealthy, type ServiceApp, type ServiceProcess } from './service-processes';
import { activateDepot, poolDepot } from './services-dispatch';
import { runScenario, scenarioSummary, type ScenarioInputs } from './services-scenario';
import { closeIsps, completedSettlementJobs, total } from './services-settlement-load';
import { transpileTree, type TranspiledTree } from './transpiled-tree';

// Issue 8 item 4: api, connector, planner, dispatcher and two settlement workers as separate OS
// processes on one PostgreSQL and Redis reach the same scenario summary as the single-process
// PlatformModule for the same day and inputs, each on a fresh database of its own. On the split
// deployment two more stages follow the summary: an aFRR activation sent to the dispatcher process
// reaches an OCPP station on the connector process (services-dispatch.ts), and both settlement
// processes take a share of one queue's jobs (services-settlement-load.ts).
//
// The day lies two days ahead (Europe/Amsterdam): the apps read the wall clock (the markets clock
// is an in-process seam that separate processes cannot share), and every gate of that day is still
// open whenever the test runs. The plan's known_at is fixed before either run; the gate and results
// jobs the platform enqueued for later are made due through the outbox (see services-scenario.ts).
const DAY = DeliveryDay.containing(new Date()).plusDays(2);
// The past day the CPO's sessions happened on and settlement settles (two days back).
const SETTLE_DAY = DAY.plusDays(-4);
const KNOWN_AT = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
// Small, but large enough that the plan's MTU quantities reach the 0.1 MW day-ahead step: the point is the topology.
const HISTORY_DAYS = 42;
const EVS = 400;
const CPO_SESSIONS = 6;
const START_TIMEOUT_MS = 600_000;

const splitApps: { name: string; app: ServiceApp }[] = [
  { name: 'api', app: 'api' },
  { name: 'connector', app: 'connector' },
  { name: 'planner', app: 'planner' },
  { name: 'dispatcher', app: 'dispatcher' },
  { name: 'settlement-1', app: 'settlement' },
  { name: 'settlement-2', app: 'settlement' },
];

// The real-time loop runs in the dispatcher process only, on a short cycle for the test: loops start
// for portfolios with a TSO feed, which only the split run's dispatch stage (after the summary) creates.
const DISPATCHER_ENV = { DISPATCH_LOOP_ENABLED: 'true', DISPATCH_CYCLE_MS: '500', DISPATCH_SESSION_REFRESH_S: '1' };

/** BullMQ workers attached to each queue (their Redis connections carry the queue's name). */
async function workerCounts(redisUrl: string, prefix: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of ALL_QUEUE_NAMES) {
    const queue = new Queue(name, { connection: redisConnectionOptions(redisUrl, 'producer'), prefix });
    try {
      counts[name] = await queue.getWorkersCount();
    } finally {
      await queue.close();
    }
  }
  return counts;
}

/** The environment both deployments share (schedulers off: the scenario triggers each job itself). */
function deploymentEnv(databaseUrl: string, queuePrefix: string, ocpiBaseUrl: string, prices: DayPrices, exchangeUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '3',
    DATABASE_CONNECT_TIMEOUT_MS: '20000',
    QUEUE_PREFIX: queuePrefix,
    OUTBOX_POLL_INTERVAL_MS: '100',
    OCPI_PUBLIC_BASE_URL: ocpiBaseUrl,
    PLANNING_SCHEDULE: 'off',
    MARKETS_CALENDAR_SCHEDULE: 'off',
    PLANNING_DAY_AHEAD_PRICE_FILES: prices.path,
    SETTLEMENT_CHECK_SECONDS: '0',
    FLEET_STALE_CHECK_INTERVAL_SECONDS: '0',
    OCPI_PULL_INTERVAL_SECONDS: '0',
    TELEMETRY_MAINTENANCE_CHECK_SECONDS: '0',
    DISPATCH_LOOP_ENABLED: 'false',
    GATEWAYS_EXCHANGE_URL: exchangeUrl,
    GATEWAYS_REQUEST_TIMEOUT_MS: '20000',
    GATEWAYS_RESULTS_DELAY_MINUTES: '0',
  };
}

describe('the apps as separate services (issue 8 item 4)', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'vpp-services-'));
  const suffix = `${process.pid}`;
  const databases: string[] = [];
  const queuePrefixes: string[] = [];
  const exchanges: SimulatedExchange[] = [];
  let services: ServiceProcess[] = [];
  let dataSources: DataSource[] = [];
  let platform: NestFastifyApplication | undefined;
  let tree: TranspiledTree | undefined;
  let inputs: ScenarioInputs;
  let prices: DayPrices;
  let splitSummary: Record<string, unknown> | undefined;
  let exits: Record<string, string> = {};

  beforeAll(async () => {
    const config = loadConfig();
    const index = await readSessionIndex(join(config.dataDir, 'ev-sessions-elaadnl-2019-01-to-09.csv'));
    // DERIVED: real ElaadNL sessions of the same weekday moved onto each day (scripts/demo's rule).
    const history = Array.from({ length: HISTORY_DAYS }, (_, k) => deriveDay(index, DAY.plusDays(-(k + 3)), EVS).sessions).flat();
    const cpoSessions = deriveDay(index, SETTLE_DAY, CPO_SESSIONS).sessions;
    prices = dayPrices(DAY, config.dataDir, workDir, null);
    const settlePrices = dayPrices(SETTLE_DAY, config.dataDir, workDir, null).series;
    inputs = { day: DAY, knownAt: KNOWN_AT, history, settleDay: SETTLE_DAY, cpoSessions, settlePrices, workDir };
    tree = transpileTree(`services-tree-${suffix}`);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    if (services.length > 0) exits = await stopServices(services);
    services = [];
    await platform?.close();
    await Promise.all(exchanges.map((exchange) => exchange.server.stop()));
    await Promise.all(dataSources.map((dataSource) => dataSource.destroy()));
    dataSources = [];
    for (const url of databases) await dropDatabase(url);
    for (const prefix of queuePrefixes) await deleteQueueKeys({ redisUrl: loadConfig().redis.url, prefix });
    tree?.remove();
    rmSync(workDir, { recursive: true, force: true });
  }, START_TIMEOUT_MS);

  it('api, connector, planner, dispatcher and two settlement workers as separate processes run the scenario', async () => {
    const databaseUrl = await freshDatabase(`vpp_services_split_${suffix}`);
    databases.push(databaseUrl);
    const exchange = new SimulatedExchange(prices.series);
    exchanges.push(exchange);
    const exchangeUrl = await exchange.server.start();
    const queuePrefix = `{vpp-services-split-${suffix}}`;
    queuePrefixes.push(queuePrefix);
    const connectorPort = await freePort();
    const env = deploymentEnv(databaseUrl, queuePrefix, `http://127.0.0.1:${connectorPort}`, prices, exchangeUrl);
    const started = Date.now();
    for (const { name, app } of splitApps) {
      services.push(await startService(name, app, tree as TranspiledTree, app === 'dispatcher' ? { ...env, ...DISPATCHER_ENV } : env, workDir, app === 'connector' ? connectorPort : undefined));
    }
    await waitHealthy(services, START_TIMEOUT_MS);
    process.stderr.write(`services: 6 processes healthy after ${Date.now() - started} ms (transpiled tree of ${tree?.files} files)\n`);
    // Each queue with catalog jobs is consumed by the app that owns it only: one worker, two for the settlement app's queues.
    const expectedWorkers = Object.fromEntries(ALL_QUEUE_NAMES.map((queue) => [queue, jobNamesOfQueue(queue).length === 0 ? 0 : QUEUE_OWNERS[queue] === 'settlement' ? 2 : 1]));
    const workers = await eventually(
      async () => {
        const counts = await workerCounts(loadConfig().redis.url, queuePrefix);
        return ALL_QUEUE_NAMES.every((queue) => counts[queue] === expectedWorkers[queue]) ? counts : undefined;
      },
      'a worker per queue in its owning app (two for settlement)',
      60_000,
      500,
    ).catch(async () => workerCounts(loadConfig().redis.url, queuePrefix));
    expect(workers).toEqual(expectedWorkers);

    const config = loadConfig({ DATABASE_URL: databaseUrl, QUEUE_PREFIX: queuePrefix });
    const dataSource = createDataSource(config, { poolSize: 2 });
    await dataSource.initialize();
    dataSources.push(dataSource);
    const apiUrl = services.find((s) => s.name === 'api')?.url ?? '';
    const run = await runScenario({ label: 'split', apiUrl, dataSource, redisUrl: config.redis.url, queuePrefix }, inputs);
    splitSummary = await scenarioSummary(dataSource, run, DAY);
    process.stderr.write(`services: split summary ${JSON.stringify(splitSummary)}\n`);
    // The scenario did something worth comparing: a plan, day-ahead bids and awards, OCPI sessions with meter values, a ledger.
    const summary = splitSummary as { plan: { status: string }[]; bids: unknown[]; awards: unknown[]; statements: { count: number }; ledger: unknown[]; ocpi: Record<string, string> };
    expect(summary.plan.map((p) => p.status)).toEqual(['completed']);
    expect(summary.bids.length).toBeGreaterThan(0);
    expect(summary.awards.length).toBeGreaterThan(0);
    expect(summary.ocpi.ocpi_sessions).toBe(String(CPO_SESSIONS));
    expect(Number.parseInt(summary.ocpi.cpo_meter_values, 10)).toBeGreaterThan(0);
    expect(summary.statements.count).toBeGreaterThan(0);
    expect(summary.ledger.length).toBeGreaterThan(0);
    for (const service of services) expect({ [service.name]: service.child.exitCode }).toEqual({ [service.name]: null });

    // Two more stages on the running processes, concurrently (the summary above is taken):
    // - dispatch: an aFRR activation posted to the dispatcher process's TSO feed reaches an OCPP
    //   station connected to the connector process as a lowered CentralSetpoint;
    // - both settlement replicas take work from the one queue: 16 ISPs of the settled day closed
    //   (close-isp, then aggregate-meter per portfolio); each process's own counters show its share,
    //   and the shares add up to the jobs, each done once.
    const urlOf = (name: string): string => services.find((s) => s.name === name)?.url ?? '';
    const stage = { apiUrl, connectorUrl: urlOf('connector'), dispatcherUrl: urlOf('dispatcher'), dataSource };
    const stagesStarted = Date.now();
    const depot = await poolDepot(stage, run);
    const settlementUrls = services.filter((s) => s.app === 'settlement').map((s) => s.url);
    const before = await Promise.all(settlementUrls.map(completedSettlementJobs));
    const [dispatch, load] = await Promise.all([activateDepot(stage, depot), closeIsps(dataSource, SETTLE_DAY.isps().slice(32, 48))]);
    const after = await Promise.all(settlementUrls.map(completedSettlementJobs));
    process.stderr.write(`services: dispatch ${JSON.stringify(dispatch)}\n`);
    process.stderr.write(`services: settlement load ${JSON.stringify({ load, before, after })}; both stages ${Date.now() - stagesStarted} ms\n`);
    expect(dispatch.feedOutcomes.accepted).toBeGreaterThan(0);
    // The ASSUMED 5 kW up on an EV drawing its full 11 kW: 6 kW, the session alone in the portfolio.
    expect(dispatch.stationSetpointW).toBe(6_000);
    expect(dispatch.command).toMatchObject({ kind: 'setpoint', powerKw: '6.000', status: 'accepted', ocppStatus: 'accepted' });
    const share = (job: string): number[] => after.map((counts, i) => (counts[job] ?? 0) - (before[i][job] ?? 0));
    expect(share(JobName.CloseIsp).reduce((a, b) => a + b, 0)).toBe(load.closeIsp);
    expect(share(JobName.AggregateMeter).reduce((a, b) => a + b, 0)).toBe(load.aggregateMeter);
    expect(after.map((counts, i) => total(counts) - total(before[i]) > 0)).toEqual([true, true]);

    exits = await stopServices(services);
    services = [];
    expect(exits).toEqual({ api: '0', connector: '0', planner: '0', dispatcher: '0', 'settlement-1': '0', 'settlement-2': '0' });
  }, 1_200_000);

  it('reaches the same summary as the single-process PlatformModule for the same day and inputs', async () => {
    expect(splitSummary).toBeDefined();
    const databaseUrl = await freshDatabase(`vpp_services_single_${suffix}`);
    databases.push(databaseUrl);
    const exchange = new SimulatedExchange(prices.series);
    exchanges.push(exchange);
    const exchangeUrl = await exchange.server.start();
    const queuePrefix = `{vpp-services-single-${suffix}}`;
    queuePrefixes.push(queuePrefix);
    const port = await freePort();
    const config = loadConfig(deploymentEnv(databaseUrl, queuePrefix, `http://127.0.0.1:${port}`, prices, exchangeUrl));
    platform = await startHttpTestApp([PlatformModule], { appName: PLATFORM_APP_NAME, config, port });
    const dataSource = createDataSource(config, { poolSize: 2 });
    await dataSource.initialize();
    dataSources.push(dataSource);
    const run = await runScenario({ label: 'single', apiUrl: baseUrlOf(platform), dataSource, redisUrl: config.redis.url, queuePrefix }, inputs);
    const single = await scenarioSummary(dataSource, run, DAY);
    process.stderr.write(`services: summary ${JSON.stringify(single)}\n`);
    expect(single).toEqual(splitSummary);
  }, 1_200_000);
});
