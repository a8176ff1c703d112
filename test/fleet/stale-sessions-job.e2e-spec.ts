import { Logger } from '@nestjs/common';
import { Job, QueueEvents, Worker } from 'bullmq';
import { loadConfig } from '@vpp/config';
import { MarkStaleSessionsProcessor, MarkStaleSessionsUseCase, StaleSessionsScheduler, UpsertExternalSessionUseCase } from '@vpp/fleet';
import { JobDispatcher, JobName, OutboxRelay, QueueName, QueueProducers, createJobWorker, redisConnectionOptions } from '@vpp/queues';
import { EnergyKwh } from '@vpp/units';
import { ScratchDatabase, createScratchDatabase, deleteQueueKeys, uniqueQueueSettings } from '../../libs/queues/test/queue-test-kit';
import { aParty, aSite, anEvse } from './fleet-test-kit';

Logger.overrideLogger(false);

// The stale-session check end to end on real PostgreSQL and Redis: the connector's scheduler
// writes the job to the outbox, the relay publishes it, the `fleet` worker marks the silent
// session stale. A database of its own, because relays claim every outbox row of theirs.
describe(StaleSessionsScheduler.name, () => {
  let db: ScratchDatabase;
  const settings = uniqueQueueSettings();
  let producers: QueueProducers;
  let queueEvents: QueueEvents;
  let worker: Worker;

  beforeAll(async () => {
    db = await createScratchDatabase();
    producers = new QueueProducers(settings);
    queueEvents = new QueueEvents(QueueName.Fleet, { connection: redisConnectionOptions(settings.redisUrl, 'worker'), prefix: settings.prefix });
    await queueEvents.waitUntilReady();
    const processor = new MarkStaleSessionsProcessor(db.dataSource, new MarkStaleSessionsUseCase(), loadConfig({ FLEET_STALE_SESSION_MINUTES: '30' }));
    worker = createJobWorker(QueueName.Fleet, new JobDispatcher({ [JobName.MarkStaleSessions]: (payload, context) => processor.handle(payload, context) }), settings);
  });

  afterAll(async () => {
    // Optional chaining: when beforeAll failed half-way, close what it opened so jest can exit.
    await worker?.close();
    await queueEvents?.close();
    await producers?.close();
    await deleteQueueKeys(settings);
    await db?.drop();
  });

  it('enqueues one job per interval however often replicas tick, and the worker marks the silent session stale', async () => {
    const site = await aSite(db.dataSource);
    const evseId = await db.dataSource.transaction((m) => anEvse(m, site, 'E1'));
    const party = aParty();
    const receivedAt = new Date(Date.now() - 2 * 3_600_000);
    const { sessionId } = await db.dataSource.transaction((m) =>
      new UpsertExternalSessionUseCase().execute(m, {
        party, externalSessionId: 'S1', source: 'ocpi', lastUpdated: receivedAt, receivedAt,
        fields: { fleetId: site.fleetId, evseId, arrivalAt: receivedAt, energyNeedKwh: EnergyKwh.of(10), status: 'charging' },
      }),
    );

    // The session's stated need enqueued the recording of its baseline (planning queue): out of the way first.
    const relay = new OutboxRelay(db.dataSource, producers, { pollIntervalMs: 50 });
    expect((await relay.publishBatch()).published).toEqual([expect.stringMatching(/^session-baseline\./)]);

    const sut = new StaleSessionsScheduler(db.dataSource, loadConfig({ FLEET_STALE_CHECK_INTERVAL_SECONDS: '60' }));
    const now = new Date();
    const bucketStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    // Two connector replicas ticking in the same minute: one job.
    expect(await sut.enqueue(now)).toBe(true);
    expect(await sut.enqueue(new Date(bucketStart.getTime() + 59_999))).toBe(false);

    const published = await relay.publishBatch();
    expect(published.published).toHaveLength(1);
    const job = await Job.fromId(producers.queue(QueueName.Fleet), published.published[0]);
    expect(job?.data).toMatchObject({ checkAt: bucketStart.toISOString() });
    await expect(job?.waitUntilFinished(queueEvents, 30_000)).resolves.toBe('done');

    const rows: { status: string }[] = await db.dataSource.query(`SELECT status FROM sessions WHERE id = $1`, [sessionId]);
    expect(rows[0].status).toBe('stale');
  }, 60_000);
});
