import { Logger } from '@nestjs/common';
import { Worker } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { AppConfig, loadConfig } from '@vpp/config';
import {
  BidPreparer,
  MARKET_CALENDAR_SCHEDULER_ID,
  MarketCalendarProcessor,
  MarketCalendarScheduler,
  MarketEventsQueries,
  MarketGate,
  MarketGateStore,
  MarketProductCatalog,
  MarketProductRepository,
  MarketsClock,
  MissedGateAlerts,
  PlanMarketCalendarUseCase,
  PrepareMarketGateUseCase,
  RecordOnlyBidPreparer,
  marketGatesMissedTotal,
} from '@vpp/markets';
import { JobDispatcher, JobName, OutboxRelay, QueueName, QueueProducers, createJobWorker } from '@vpp/queues';
import { DeliveryDay } from '@vpp/units';
import { eventually } from '@vpp/testing';
import { ScratchDatabase, createScratchDatabase, deleteQueueKeys, uniqueQueueSettings } from '../../libs/queues/test/queue-test-kit';

Logger.overrideLogger(false);

/** The test's "now"; BullMQ delays and retries still run on the real clock. */
class SetClock implements MarketsClock {
  constructor(private instant: Date) {}
  now(): Date {
    return new Date(this.instant);
  }
  set(instant: Date): void {
    this.instant = instant;
  }
}

/** A counterparty that is down: every preparation fails; `onCall` lets a test move time meanwhile. */
class DownCounterpartyPreparer implements BidPreparer {
  readonly name = 'down-counterparty';
  calls = 0;
  constructor(private readonly onCall: (call: number) => void = () => undefined) {}
  async prepare(_gate: MarketGate, _manager: EntityManager): Promise<void> {
    this.calls += 1;
    this.onCall(this.calls);
    throw new Error('counterparty unavailable (HTTP 503)');
  }
}

// The market calendar end to end on real PostgreSQL and Redis (issue 5, item 2): planning writes
// gates and outbox jobs, the relay publishes them, the `bidding` worker prepares each gate through
// the record-only BidPreparer. A database of its own, because relays claim every due outbox row.
// The clock is set by the test; "the gates come due" is simulated by making the planned outbox
// rows available now (after asserting their delays), since the real delays are days long.
describe('market calendar', () => {
  let db: ScratchDatabase;
  const settings = uniqueQueueSettings();
  const config: AppConfig = loadConfig({ MARKETS_GATE_SAFETY_MARGIN_MINUTES: '15', MARKETS_GATE_RETRY_ROUND_SECONDS: '60', MARKETS_CALENDAR_HORIZON_DAYS: '1' });
  const clock = new SetClock(new Date('2026-03-26T00:00:00Z'));
  let producers: QueueProducers;
  let relay: OutboxRelay;
  let worker: Worker;
  let plan: PlanMarketCalendarUseCase;
  let alerts: MissedGateAlerts;
  let store: MarketGateStore;

  const processorWith = (preparer: BidPreparer): MarketCalendarProcessor => {
    const prepare = new PrepareMarketGateUseCase(db.dataSource, store, alerts, preparer, clock);
    return new MarketCalendarProcessor(db.dataSource, plan, prepare, alerts, clock, config);
  };
  const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);
  const publishAll = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const { published } = await relay.publishBatch();
      if (published.length === 0) return total;
      total += published.length;
    }
  };
  const comeDue = (): Promise<unknown> => query(`UPDATE outbox SET available_at = now() WHERE published_at IS NULL AND queue = 'bidding'`);
  const gateKeysOf = async (isoDate: string): Promise<string[]> =>
    (await query<{ gate_key: string }>(`SELECT gate_key FROM market_gates WHERE delivery_day = $1 ORDER BY gate_key`, [isoDate])).map((r) => r.gate_key);

  beforeAll(async () => {
    db = await createScratchDatabase();
    producers = new QueueProducers(settings);
    relay = new OutboxRelay(db.dataSource, producers, { pollIntervalMs: 50 });
    store = new MarketGateStore();
    alerts = new MissedGateAlerts(db.dataSource, store);
    plan = new PlanMarketCalendarUseCase(db.dataSource, new MarketProductCatalog(db.dataSource, new MarketProductRepository(), config), store, alerts, config);
    const processor = processorWith(new RecordOnlyBidPreparer(clock));
    worker = createJobWorker(
      QueueName.Bidding,
      new JobDispatcher({
        [JobName.PlanMarketCalendar]: (payload, context) => processor.planCalendar(payload, context),
        [JobName.PrepareMarketGate]: (payload, context) => processor.prepareGate(payload, context),
      }),
      settings,
    );
  });

  afterAll(async () => {
    await worker.close();
    await producers.close();
    await deleteQueueKeys(settings);
    await db.drop();
  });

  it('fires every gate of a normal day and both DST days exactly once, however often it is planned', async () => {
    const days = ['2026-06-10', '2026-03-29', '2026-10-25'].map((d) => DeliveryDay.of(d));
    clock.set(new Date('2026-03-26T00:00:00Z'));
    const first = await plan.execute(clock.now(), days);
    // 3 daily auctions per day + one aFRR energy gate per ISP: 99 + 95 + 103
    expect(first).toEqual({ planned: 297, alreadyPlanned: 0, missed: 0 });
    expect(await plan.execute(clock.now(), days)).toEqual({ planned: 0, alreadyPlanned: 297, missed: 0 });

    // Each job is due at its prepare-at: gate - 15 min, counted from the planning clock.
    const delays = await query<{ idempotency_key: string; delay_s: string }>(
      `SELECT idempotency_key, extract(epoch FROM available_at - created_at)::bigint::text AS delay_s FROM outbox WHERE queue = 'bidding'`,
    );
    expect(delays).toHaveLength(297);
    const delayOf = (key: string): string | undefined => delays.find((d) => d.idempotency_key === key)?.delay_s;
    // FCR 2026-03-29: gate 2026-03-28T07:00Z (D-1 08:00 CET), prepare 06:45Z = 2 d 6 h 45 min after 2026-03-26T00:00Z
    expect(delayOf('gate.fcr-nl.20260328T2300Z')).toBe(String(2 * 86_400 + 6 * 3_600 + 45 * 60));
    // aFRR energy ISP 2026-10-25T01:15Z (the second 02:15 local): gate 00:50Z, prepare 00:35Z
    expect(delayOf('gate.afrr-energy-nl.20261025T0115Z')).toBe(String((Date.parse('2026-10-25T00:35:00Z') - Date.parse('2026-03-26T00:00:00Z')) / 1000));

    await comeDue();
    expect(await publishAll()).toBe(297);
    const prepared = await eventually(async () => {
      const rows = await query<{ n: string }>(`SELECT count(*)::text AS n FROM market_gates WHERE status = 'prepared'`);
      return rows[0].n === '297' ? rows : undefined;
    }, 'all gates prepared', 60_000);
    expect(prepared).toBeDefined();

    // The scheduler runs again, and a gate's job is delivered twice: still one preparation per gate.
    expect(await plan.execute(clock.now(), days)).toEqual({ planned: 0, alreadyPlanned: 297, missed: 0 });
    expect(await publishAll()).toBe(0);
    const duplicate = { schemaVersion: 1, correlationId: 'test', idempotencyKey: 'gate.sdac-nl.20260328T2300Z', gateKey: 'gate.sdac-nl.20260328T2300Z', round: '1' };
    await producers.add(QueueName.Bidding, JobName.PrepareMarketGate, duplicate, { jobId: 'duplicate-delivery-1' });
    await eventually(async () => ((await producers.queue(QueueName.Bidding).getJobState('duplicate-delivery-1')) === 'completed' ? true : undefined), 'the duplicate delivery completed', 10_000);
    expect(await (await producers.queue(QueueName.Bidding).getJob('duplicate-delivery-1'))?.returnvalue).toBe('skipped');

    const perGate = await query<{ gate_key: string; n: string }>(`SELECT gate_key, count(*)::text AS n FROM bid_preparations GROUP BY gate_key`);
    expect(perGate).toHaveLength(297);
    expect(perGate.every((row) => row.n === '1')).toBe(true);
    expect(await gateKeysOf('2026-03-29')).toHaveLength(95);
    expect(await gateKeysOf('2026-10-25')).toHaveLength(103);
    expect(await gateKeysOf('2026-06-10')).toHaveLength(99);
    expect(await query(`SELECT 1 FROM market_events`)).toEqual([]);
  }, 120_000);

  it('raises the missed-gate alert when a gate job runs after the gate', async () => {
    const day = DeliveryDay.of('2026-07-15');
    clock.set(new Date('2026-07-13T00:00:00Z'));
    expect((await plan.execute(clock.now(), [day])).planned).toBe(99);
    const gateKey = 'gate.fcr-nl.20260714T2200Z';
    // FCR gate for 2026-07-15: 2026-07-14 08:00 CEST = 06:00Z; the job runs one second late
    clock.set(new Date('2026-07-14T06:00:01Z'));
    const before = (await marketGatesMissedTotal.get()).values.find((v) => v.labels.product_code === 'fcr-nl' && v.labels.reason === 'job-after-gate')?.value ?? 0;

    const outcome = await processorWith(new RecordOnlyBidPreparer(clock)).prepareGate(
      { schemaVersion: 1, correlationId: 'test', idempotencyKey: gateKey, gateKey, round: '1' },
      { queue: QueueName.Bidding, jobName: JobName.PrepareMarketGate, jobId: gateKey, attempt: 1 },
    );

    expect(outcome).toBe('done');
    const after = (await marketGatesMissedTotal.get()).values.find((v) => v.labels.product_code === 'fcr-nl' && v.labels.reason === 'job-after-gate')?.value;
    expect(after).toBe(before + 1);
    expect(await query(`SELECT status, missed_at FROM market_gates WHERE gate_key = $1`, [gateKey])).toEqual([{ status: 'missed', missed_at: new Date('2026-07-14T06:00:01Z') }]);
    expect(await query(`SELECT 1 FROM bid_preparations WHERE gate_key = $1`, [gateKey])).toEqual([]);
    const events = await new MarketEventsQueries(db.dataSource).list({ limit: 10 });
    expect(events).toEqual([
      expect.objectContaining({ kind: 'gate-missed', gateKey, market: 'fcr', productCode: 'fcr-nl', deliveryDay: '2026-07-15', reason: 'job-after-gate', gateClosureAt: '2026-07-14T06:00:00.000Z' }),
    ]);
    // A second delivery neither prepares nor alerts again.
    const again = await processorWith(new RecordOnlyBidPreparer(clock)).prepareGate(
      { schemaVersion: 1, correlationId: 'test', idempotencyKey: gateKey, gateKey, round: '1' },
      { queue: QueueName.Bidding, jobName: JobName.PrepareMarketGate, jobId: gateKey, attempt: 2 },
    );
    expect(again).toBe('skipped');
    expect(await query(`SELECT 1 FROM market_events WHERE gate_key = $1`, [gateKey])).toHaveLength(1);
  });

  it('retries a counterparty that is down until the gate, then alerts', async () => {
    // aFRR energy ISP 2026-07-15 12:00 CEST = 10:00Z: gate 09:35Z
    const gateKey = 'gate.afrr-energy-nl.20260715T1000Z';
    clock.set(new Date('2026-07-15T09:30:00Z'));
    const preparer = new DownCounterpartyPreparer((call) => {
      // The second try is still failing when the gate passes.
      if (call === 2) clock.set(new Date('2026-07-15T09:35:00Z'));
    });
    const processor = processorWith(preparer);
    const payload = { schemaVersion: 1 as const, correlationId: 'test', idempotencyKey: gateKey, gateKey, round: '1' };
    const context = { queue: QueueName.Bidding, jobName: JobName.PrepareMarketGate, jobId: gateKey };

    // Attempt 1 before the gate: the failure is thrown, so BullMQ retries with backoff.
    await expect(processor.prepareGate(payload, { ...context, attempt: 1 })).rejects.toThrow('counterparty unavailable');
    expect(await query(`SELECT status, attempts, last_error FROM market_gates WHERE gate_key = $1`, [gateKey])).toEqual([
      { status: 'scheduled', attempts: 1, last_error: 'counterparty unavailable (HTTP 503)' },
    ]);
    // Attempt 2 fails and the gate has passed meanwhile: the alert, no more retries.
    await expect(processor.prepareGate(payload, { ...context, attempt: 2 })).resolves.toBe('done');
    expect(await query(`SELECT status, attempts FROM market_gates WHERE gate_key = $1`, [gateKey])).toEqual([{ status: 'missed', attempts: 2 }]);
    const [event] = await query<{ reason: string; message: string }>(`SELECT reason, message FROM market_events WHERE gate_key = $1`, [gateKey]);
    expect(event.reason).toBe('counterparty-down-until-gate');
    expect(event.message).toContain('counterparty unavailable (HTTP 503)');
    expect(preparer.calls).toBe(2);
  });

  it('starts another retry round when a round runs out of attempts before the gate', async () => {
    // ISP 2026-07-15 14:00 CEST = 12:00Z: gate 11:35Z; the last attempt of round 1 fails at 11:00Z
    const gateKey = 'gate.afrr-energy-nl.20260715T1200Z';
    clock.set(new Date('2026-07-15T11:00:00Z'));
    const payload = { schemaVersion: 1 as const, correlationId: 'test', idempotencyKey: gateKey, gateKey, round: '1' };
    const outcome = await processorWith(new DownCounterpartyPreparer()).prepareGate(payload, {
      queue: QueueName.Bidding,
      jobName: JobName.PrepareMarketGate,
      jobId: gateKey,
      attempt: 5,
    });
    expect(outcome).toBe('done');
    const rounds = await query<{ payload: { round: string; gateKey: string }; delay_s: string }>(
      `SELECT payload, extract(epoch FROM available_at - created_at)::bigint::text AS delay_s FROM outbox WHERE idempotency_key = $1`,
      [`${gateKey}.r2`],
    );
    // due after the 60-s retry round (the gate is 35 min away)
    expect(rounds).toEqual([{ payload: expect.objectContaining({ round: '2', gateKey }), delay_s: '60' }]);
    expect(await query(`SELECT status FROM market_gates WHERE gate_key = $1`, [gateKey])).toEqual([{ status: 'scheduled' }]);
  });

  it('alerts for scheduled gates that closed without any job running, on the next calendar run', async () => {
    // 2026-07-15's gates were planned above; by 2026-07-16T00:00Z every one has closed.
    clock.set(new Date('2026-07-16T00:00:00Z'));
    const run = await plan.execute(clock.now(), []);
    // 99 gates: 1 missed by a late job, 1 by the down counterparty, the rest never ran
    expect(run.missed).toBe(97);
    const reasons = await query<{ reason: string; n: string }>(
      `SELECT e.reason, count(*)::text AS n FROM market_events e JOIN market_gates g USING (gate_key) WHERE g.delivery_day = '2026-07-15' GROUP BY e.reason ORDER BY e.reason`,
    );
    expect(reasons).toEqual([
      { reason: 'counterparty-down-until-gate', n: '1' },
      { reason: 'job-after-gate', n: '1' },
      { reason: 'not-prepared-by-gate', n: '97' },
    ]);
  });

  it('runs the calendar from a BullMQ job scheduler, registered idempotently', async () => {
    clock.set(new Date('2027-01-10T00:00:00Z'));
    const scheduler = new MarketCalendarScheduler(producers, config);
    await scheduler.register('0 * * * *');
    await scheduler.register('0 * * * *');
    const schedulers = await producers.queue(QueueName.Bidding).getJobSchedulers();
    expect(schedulers).toEqual([expect.objectContaining({ key: MARKET_CALENDAR_SCHEDULER_ID, pattern: '0 * * * *', tz: 'Europe/Amsterdam' })]);
    // `immediately`: the first run plans today (2027-01-10) and the horizon day without waiting for the hour.
    const keys = await eventually(async () => {
      const planned = await gateKeysOf('2027-01-11');
      return planned.length === 99 ? planned : undefined;
    }, 'the scheduled run planned 2027-01-11', 30_000);
    expect(keys).toContain('gate.sdac-nl.20270110T2300Z');
    await producers.queue(QueueName.Bidding).removeJobScheduler(MARKET_CALENDAR_SCHEDULER_ID);
  }, 60_000);
});
