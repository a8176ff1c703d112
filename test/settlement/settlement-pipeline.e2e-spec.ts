import { ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { APP_CONFIG, loadConfig } from '@vpp/config';
import { metricsRegistry } from '@vpp/observability';
import { buildIdempotencyKey, enqueueInTransaction, JobName, QueueName, redisConnectionOptions } from '@vpp/queues';
import { SettlementJobKeys, SettlementPipelineScheduler } from '@vpp/settlement';
import { childProcessEnv, eventually } from '@vpp/testing';
import { DeliveryDay } from '@vpp/units';
import { createScratchDatabase, deleteQueueKeys, ScratchDatabase, uniqueQueueSettings } from '../../libs/queues/test/queue-test-kit';
import { SettlementPipelineProcessor } from '../../libs/settlement/src/infrastructure/pipeline/settlement-pipeline.processor';
import { FLEET_A, ledgerText, PORTFOLIO_0, SESSION_2, seedWorld, SeededWorld, statementCount } from './settlement-fixture';
import { SettlementWorkerModule } from './settlement-worker.module';

// The pipeline end to end on databases of its own (worker children run outbox relays, which
// would publish other tests' jobs on vpp_test) and Redis prefixes of its own. The day lies two
// days back, so the late-meter-data check (7 days back) covers it.
const DAY = DeliveryDay.containing(new Date()).plusDays(-2);
const EXTRA_PORTFOLIOS = 5;

interface World {
  readonly db: ScratchDatabase;
  readonly prefix: string;
  readonly redisUrl: string;
  readonly seeded: SeededWorld;
  readonly children: ChildProcess[];
}

const worlds: World[] = [];

async function newWorld(redisUrl = loadConfig().redis.url): Promise<World> {
  const db = await createScratchDatabase();
  const settings = uniqueQueueSettings();
  const seeded = await seedWorld(db.dataSource, DAY, EXTRA_PORTFOLIOS);
  const world = { db, prefix: settings.prefix, redisUrl, seeded, children: [] };
  worlds.push(world);
  return world;
}

function startWorker(world: World): Promise<ChildProcess> {
  const child = fork(join(__dirname, 'settlement-worker.child.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    env: childProcessEnv({
      DATABASE_URL: world.db.url,
      REDIS_URL: world.redisUrl,
      QUEUE_PREFIX: world.prefix,
      SETTLEMENT_CHECK_SECONDS: '0',
      TELEMETRY_MAINTENANCE_CHECK_SECONDS: '0',
      OUTBOX_POLL_INTERVAL_MS: '50',
      LOG_LEVEL: 'silent',
    }),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  world.children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
  });
}

async function stopWorkers(world: World): Promise<void> {
  await Promise.all(
    world.children.filter((child) => child.exitCode === null && child.signalCode === null).map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  world.children.length = 0;
}

async function closeDay(world: World, revision = 0): Promise<void> {
  await world.db.dataSource.transaction((manager) =>
    enqueueInTransaction(manager, {
      name: JobName.CloseDay,
      payload: { schemaVersion: 1, correlationId: 'settle-test', idempotencyKey: SettlementJobKeys.closeDay(DAY.isoDate, revision), deliveryDay: DAY.isoDate, revision: String(revision) },
    }),
  );
}

/** Waits until nothing of the pipeline is left: the outbox published and every settlement job processed. */
async function settled(world: World, statements: number): Promise<void> {
  await eventually(
    async () => {
      const [row]: { pending: string }[] = await world.db.dataSource.query(`SELECT count(*) AS pending FROM outbox WHERE published_at IS NULL`);
      const done = (await statementCount(world.db.dataSource)) >= statements && row.pending === '0';
      if (!done) return undefined;
      const queue = new Queue(QueueName.Settlement, { connection: redisConnectionOptions(world.redisUrl, 'producer'), prefix: world.prefix });
      try {
        const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
        return Object.values(counts).every((n) => n === 0) ? true : undefined;
      } finally {
        await queue.close();
      }
    },
    `${statements} statements and an idle pipeline`,
    60_000,
  );
}

/** Holds statement inserts back (EXCLUSIVE lock) until released: the pipeline is certainly mid-run. */
async function holdStatements(world: World): Promise<() => Promise<void>> {
  const holder = world.db.dataSource.createQueryRunner();
  await holder.connect();
  await holder.startTransaction();
  await holder.query('LOCK TABLE settlement_statements IN EXCLUSIVE MODE');
  return async () => {
    await holder.rollbackTransaction();
    await holder.release();
  };
}

/** Every meter stage committed and at least one statement stage waiting on the held lock. */
async function blockedAtStatements(world: World): Promise<void> {
  await eventually(
    async () => {
      const [row]: { n: string }[] = await world.db.dataSource.query(
        `SELECT (SELECT count(*) FROM processed_jobs WHERE job_name = $1) + (SELECT count(*) FROM pg_locks WHERE NOT granted) AS n`,
        [JobName.AggregateMeter],
      );
      return Number.parseInt(row.n, 10) >= world.seeded.portfolios.length + 1 ? true : undefined;
    },
    'the meter stages and a blocked statement stage',
    30_000,
  );
}

/** A Redis of the test's own (AOF, fsync always, as production runs it), on a free port. */
function startPrivateRedis(port: number, dir: string): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    redis.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve(redis);
    });
    redis.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
}

const sums = async (world: World, fleetId: string, portfolioId: string): Promise<Record<string, string>> => {
  const rows: { section: string; total: string }[] = await world.db.dataSource.query(
    `SELECT e.section, sum(e.amount)::numeric(19,2)::text AS total
       FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
      WHERE s.fleet_id = $1 AND s.portfolio_id = $2 GROUP BY e.section ORDER BY e.section`,
    [fleetId, portfolioId],
  );
  return Object.fromEntries(rows.map((row) => [row.section, row.total]));
};

describe('settlement pipeline (BullMQ, worker child processes, own databases)', () => {
  let reference: World;
  let oneProcessLedger: string;

  afterAll(async () => {
    for (const world of worlds) {
      await stopWorkers(world);
      if (world.redisUrl === loadConfig().redis.url) await deleteQueueKeys({ redisUrl: world.redisUrl, prefix: world.prefix });
      await world.db.drop();
    }
  }, 60_000);

  it('settles a day through every stage in one worker process: the hand-computed statement of fleet A', async () => {
    reference = await newWorld();
    await startWorker(reference);
    await closeDay(reference);
    await settled(reference, reference.seeded.statementsPerDay);

    const lines: { kind: string; period_start: Date; amount: string; basis: string; quantity: string }[] = await reference.db.dataSource.query(
      `SELECT e.kind, e.period_start, e.amount::text AS amount, e.basis, e.quantity::text AS quantity
         FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
        WHERE s.fleet_id = $1 AND s.portfolio_id = $2 ORDER BY e.line_no`,
      [FLEET_A, PORTFOLIO_0],
    );
    const isp = (n: number) => new Date(DAY.start.getTime() + n * 900_000).toISOString();
    // ISP 0: baseline 5 + 2 + 3 = 10 kWh, bought 0 (S1 measured) + 2 (S2 profile) + 3 (S3 interpolated) = 5:
    //        (10 - 5) kWh x 100 EUR/MWh = +0.50, basis profile (the weakest session).
    // ISP 1: baseline 5 + 3 = 8, bought 5 (S1) + 3 (S3 estimated) = 8: 0.00, basis estimated.
    // ISP 2: baseline 0, bought 5 (S1): -5 kWh x 40 EUR/MWh = -0.20, measured. ISP 3: nothing, no line.
    expect(lines.filter((l) => l.kind === 'day-ahead-saving').map((l) => [l.period_start.toISOString(), l.amount, l.basis, l.quantity])).toEqual([
      [isp(0), '0.500000', 'profile', '0.005000'],
      [isp(1), '0.000000', 'estimated', '0.008000'],
      [isp(2), '-0.200000', 'measured', '0.005000'],
    ]);
    // Net 0.30 split 70/30; charges: NL energy tax 2026 on 10 + 2 + 6 = 18 kWh x 0.0916 = 1.6488 -> -1.65.
    expect(lines.filter((l) => l.kind === 'revenue-share').map((l) => l.amount)).toEqual(['0.210000', '0.090000']);
    expect(await sums(reference, FLEET_A, PORTFOLIO_0)).toEqual({ allocation: '0.30', charges: '-1.65', revenue: '0.30' });
    const sessions: { session_id: string; basis: string; charged_kwh: string }[] = await reference.db.dataSource.query(
      `SELECT session_id, basis, charged_kwh::text FROM settlement_meter_sessions WHERE session_id = $1`,
      [SESSION_2],
    );
    expect(sessions).toEqual([{ session_id: SESSION_2, basis: 'profile', charged_kwh: '2.000000' }]);
    oneProcessLedger = await ledgerText(reference.db.dataSource);
    expect(oneProcessLedger.split('\n').length).toBeGreaterThan(reference.seeded.statementsPerDay * 4);
  }, 120_000);

  it('produces exactly the same ledger with two worker processes on the same queues', async () => {
    const world = await newWorld();
    await Promise.all([startWorker(world), startWorker(world)]);
    await closeDay(world);
    await settled(world, world.seeded.statementsPerDay);
    expect(await ledgerText(world.db.dataSource)).toBe(oneProcessLedger);
  }, 120_000);

  it('ends with the same ledger after kill -9 of a worker in the middle of the run', async () => {
    const world = await newWorld();
    const victim = await startWorker(world);
    // Hold statement inserts back, so the worker is certainly mid-run when it dies: every meter
    // stage committed, the statement stages inside their transactions, blocked.
    const release = await holdStatements(world);
    await closeDay(world);
    await blockedAtStatements(world);
    victim.kill('SIGKILL');
    await new Promise((resolve) => victim.once('exit', resolve));
    await release();
    expect(await statementCount(world.db.dataSource)).toBe(0);
    await startWorker(world);
    await settled(world, world.seeded.statementsPerDay);
    expect(await ledgerText(world.db.dataSource)).toBe(oneProcessLedger);
  }, 120_000);

  it('resumes after a Redis restart mid-run (a private redis-server with AOF) and settles nothing twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'settle-redis-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    let redis = await startPrivateRedis(port, dir);
    try {
      const world = await newWorld(`redis://127.0.0.1:${port}`);
      await startWorker(world);
      const release = await holdStatements(world);
      await closeDay(world);
      await blockedAtStatements(world);
      redis.kill('SIGKILL');
      await new Promise((resolve) => redis.once('exit', resolve));
      // Statement stages commit while Redis is down; BullMQ cannot hear of it until it is back.
      await release();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      redis = await startPrivateRedis(port, dir);
      await settled(world, world.seeded.statementsPerDay);
      expect(await ledgerText(world.db.dataSource)).toBe(oneProcessLedger);
      await stopWorkers(world);
    } finally {
      redis.kill('SIGTERM');
      await new Promise((resolve) => redis.once('exit', resolve));
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('settles nothing twice on duplicate delivery or a rerun of every stage', async () => {
    const world = reference;
    const queue = new Queue(QueueName.Settlement, { connection: redisConnectionOptions(loadConfig().redis.url, 'producer'), prefix: world.prefix });
    try {
      // The same payloads delivered again under new BullMQ ids: processed_jobs absorbs them.
      const common = { schemaVersion: 1 as const, correlationId: 'dup' };
      const again = [
        await queue.add(JobName.CloseDay, { ...common, idempotencyKey: SettlementJobKeys.closeDay(DAY.isoDate, 0), deliveryDay: DAY.isoDate, revision: '0' }, { jobId: 'dup-close-day' }),
        await queue.add(
          JobName.IssueStatements,
          { ...common, idempotencyKey: SettlementJobKeys.issueStatements(PORTFOLIO_0, DAY.isoDate, 0, 0), portfolioId: PORTFOLIO_0, deliveryDay: DAY.isoDate, revision: '0', priceWaits: '0' },
          { jobId: 'dup-issue' },
        ),
      ];
      const outcomes = await Promise.all(
        again.map((job) => eventually(async () => ((await job.isCompleted()) ? (await queue.getJob(job.id ?? ''))?.returnvalue : undefined), 'the duplicate', 30_000)),
      );
      expect(outcomes).toEqual(['skipped', 'skipped']);
    } finally {
      await queue.close();
    }
    // A rerun of every stage under a new revision on unchanged meter data: same rows, same statements.
    await closeDay(world, 1);
    await eventually(
      async () => {
        const [row]: { n: string }[] = await world.db.dataSource.query(`SELECT count(*) AS n FROM processed_jobs WHERE idempotency_key LIKE '%.r1.w0'`);
        return Number.parseInt(row.n, 10) === world.seeded.portfolios.length ? true : undefined;
      },
      'the rerun',
      60_000,
    );
    await settled(world, world.seeded.statementsPerDay);
    expect(await statementCount(world.db.dataSource)).toBe(world.seeded.statementsPerDay);
    expect(await ledgerText(world.db.dataSource)).toBe(oneProcessLedger);
  }, 120_000);

  describe('with the pipeline providers in the test process (no workers, no relay)', () => {
    let moduleRef: TestingModule | undefined;
    const providers = (): TestingModule => {
      if (!moduleRef) throw new Error('module not started');
      return moduleRef;
    };

    beforeAll(async () => {
      const config = loadConfig({ DATABASE_URL: reference.db.url, QUEUE_PREFIX: reference.prefix, SETTLEMENT_CHECK_SECONDS: '0', TELEMETRY_MAINTENANCE_CHECK_SECONDS: '0' });
      moduleRef = await Test.createTestingModule({ imports: [SettlementWorkerModule.forRoot({ workers: false, relay: false })] })
        .overrideProvider(APP_CONFIG)
        .useValue(config)
        .compile();
      // The missing-price case logs its alert as an error on purpose.
      moduleRef.useLogger(false);
      await moduleRef.init();
    });

    afterAll(async () => {
      await moduleRef?.close();
    });

    it('restates after late meter data: a new version with delta lines pointing at what they correct', async () => {
      const world = reference;
      // Session 2 reports after all: 0 kWh in ISP 0 and 4 kWh in ISP 1 (it was profiled as 2 kWh in ISP 0).
      const at = (isp: number) => new Date(DAY.start.getTime() + isp * 900_000);
      for (const [isp, register] of [[0, '50'], [1, '50'], [2, '54']] as const) {
        await world.db.dataSource.query(
          `INSERT INTO meter_values (session_id, measured_at, power_kw, energy_register_kwh, source, received_at) VALUES ($1, $2, '16', $3, 'ocpp', now())`,
          [SESSION_2, at(isp), register],
        );
      }
      const tick = await providers().get(SettlementPipelineScheduler).tick(new Date());
      expect(tick.restated).toHaveLength(1);
      await eventually(
        async () => {
          const [row]: { n: string }[] = await world.db.dataSource.query(`SELECT count(*) AS n FROM settlement_statements WHERE version = 2`);
          return row.n === '1' ? true : undefined;
        },
        'the restatement',
        60_000,
      );
      await settled(world, world.seeded.statementsPerDay + 1);
      // ISP 0: (10 - 3) x 0.1 = 0.70; ISP 1: (8 - 12) x 0.1 = -0.40; ISP 2: -0.20 -> 0.10 net, split 0.07 / 0.03;
      // tax on 10 + 4 + 6 = 20 kWh x 0.0916 = 1.832 -> -1.83. Every version summed per section:
      expect(await sums(world, FLEET_A, PORTFOLIO_0)).toEqual({ allocation: '0.10', charges: '-1.83', revenue: '0.10' });
      const deltas: { kind: string; amount: string; corrects: number | null }[] = await world.db.dataSource.query(
        `SELECT e.kind, e.amount::text AS amount, e.corrects_line_no AS corrects
           FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
          WHERE s.version = 2 AND e.kind = 'day-ahead-saving' ORDER BY e.line_no`,
      );
      expect(deltas).toEqual([
        { kind: 'day-ahead-saving', amount: '0.200000', corrects: 1 },
        { kind: 'day-ahead-saving', amount: '-0.400000', corrects: 2 },
      ]);
      // Nothing else changed: the other statements are still version 1 only.
      expect(await statementCount(world.db.dataSource)).toBe(world.seeded.statementsPerDay + 1);
    }, 120_000);

    it('waits for a missing price as a delayed job and alerts, never pricing at zero', async () => {
      const world = reference;
      const next = DAY.next();
      // Meter data for an ISP of the next day, for which no price is stored.
      await world.db.dataSource.query(
        `INSERT INTO settlement_meter_isp (portfolio_id, fleet_id, isp_start, charged_kwh, discharged_kwh, baseline_kwh, sessions_measured, sessions_estimated, sessions_profile, basis)
         VALUES ($1, $2, $3, 7, 0, 7, 1, 0, 0, 'measured')`,
        [PORTFOLIO_0, FLEET_A, next.start],
      );
      // Revision 7: the scheduler's tick above already ran this day's revision 0 (then without meter data).
      const payload = {
        schemaVersion: 1 as const,
        correlationId: 'price-missing',
        idempotencyKey: SettlementJobKeys.issueStatements(PORTFOLIO_0, next.isoDate, 7, 0),
        portfolioId: PORTFOLIO_0,
        deliveryDay: next.isoDate,
        revision: '7',
        priceWaits: '0',
      };
      const processor = providers().get(SettlementPipelineProcessor, { strict: false });
      const outcome = await processor.onIssueStatements(payload, { queue: QueueName.Settlement, jobName: JobName.IssueStatements, jobId: 'price-missing', attempt: 1 });
      expect(outcome).toBe('done');
      const waiting: { idempotency_key: string; delayed_s: string }[] = await world.db.dataSource.query(
        `SELECT idempotency_key, round(extract(epoch FROM available_at - created_at))::text AS delayed_s FROM outbox WHERE idempotency_key = $1`,
        [buildIdempotencyKey('settlement', 'statements', PORTFOLIO_0, next.isoDate, 'r7', 'w1')],
      );
      expect(waiting).toEqual([{ idempotency_key: SettlementJobKeys.issueStatements(PORTFOLIO_0, next.isoDate, 7, 1), delayed_s: '900' }]);
      const [issued]: { n: string }[] = await world.db.dataSource.query(`SELECT count(*) AS n FROM settlement_statements WHERE period_start = $1`, [next.start]);
      expect(issued.n).toBe('0');
      expect(await metricsRegistry.getSingleMetricAsString('settlement_price_missing_total')).toContain(`portfolio_id="${PORTFOLIO_0}"} 1`);
    }, 60_000);
  });
});
