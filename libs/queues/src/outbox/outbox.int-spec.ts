import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { JobName } from '../catalog/job-catalog';
import { buildIdempotencyKey } from '../catalog/job-envelope';
import { QueueName } from '../catalog/queue-name';
import { QueueProducers } from '../connection/queue-producers';
import { aProbePayload, createScratchDatabase, deleteQueueKeys, ScratchDatabase, uniqueQueueSettings } from '../../test/queue-test-kit';
import { enqueueInTransaction } from './enqueue-in-transaction';
import { OutboxRelay } from './outbox-relay';

Logger.overrideLogger(false);

describe('transactional outbox', () => {
  let db: ScratchDatabase;
  let producers: QueueProducers;

  beforeAll(async () => {
    db = await createScratchDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  beforeEach(() => {
    producers = new QueueProducers(uniqueQueueSettings());
  });

  afterEach(async () => {
    await producers.close();
    await deleteQueueKeys(producers.settings);
  });

  const platformQueue = () => producers.queue(QueueName.Platform);
  const aJob = (payload = aProbePayload(randomUUID())) => ({ name: JobName.CompleteQueueProbe, payload });

  async function outboxRow(idempotencyKey: string): Promise<{ published_at: Date | null; attempts: number } | undefined> {
    const rows: { published_at: Date | null; attempts: number }[] = await db.dataSource.query(
      `SELECT published_at, attempts FROM outbox WHERE idempotency_key = $1`,
      [idempotencyKey],
    );
    return rows[0];
  }

  it('does not enqueue a job whose transaction rolls back', async () => {
    const job = aJob();
    const sut = new OutboxRelay(db.dataSource, producers, { pollIntervalMs: 50 });
    await expect(
      db.dataSource.transaction(async (manager) => {
        await enqueueInTransaction(manager, job);
        throw new Error('business rule failed after the enqueue');
      }),
    ).rejects.toThrow('business rule failed');

    await sut.publishBatch();

    expect(await outboxRow(job.payload.idempotencyKey)).toBeUndefined();
    expect(await platformQueue().getJob(job.payload.idempotencyKey)).toBeUndefined();
  });

  it('enqueues a committed job with its idempotency key as jobId and marks the row published', async () => {
    const job = aJob();
    const sut = new OutboxRelay(db.dataSource, producers, { pollIntervalMs: 50 });
    await db.dataSource.transaction((manager) => enqueueInTransaction(manager, job));
    expect(await platformQueue().getJob(job.payload.idempotencyKey)).toBeUndefined();

    const result = await sut.publishBatch();

    expect(result.published).toContain(job.payload.idempotencyKey);
    const published = await platformQueue().getJob(job.payload.idempotencyKey);
    expect(published?.name).toBe(JobName.CompleteQueueProbe);
    expect(published?.data).toEqual(job.payload);
    expect(published?.opts.attempts).toBe(5);
    expect(published?.opts.backoff).toEqual({ type: 'exponential', delay: 1_000 });
    const row = await outboxRow(job.payload.idempotencyKey);
    expect(row?.published_at).toBeInstanceOf(Date);
    expect(row?.attempts).toBe(1);
  });

  it('treats a second enqueue with the same idempotency key as a no-op', async () => {
    const job = aJob();
    const first = await db.dataSource.transaction((manager) => enqueueInTransaction(manager, job));
    const second = await db.dataSource.transaction((manager) =>
      enqueueInTransaction(manager, { ...job, payload: { ...job.payload, correlationId: 'another-request' } }),
    );

    expect([first, second]).toEqual(['enqueued', 'duplicate']);
    const rows: unknown[] = await db.dataSource.query(`SELECT 1 FROM outbox WHERE idempotency_key = $1`, [job.payload.idempotencyKey]);
    expect(rows).toHaveLength(1);
  });

  it('refuses a payload that does not match the catalog, writing nothing', async () => {
    const job = aJob(aProbePayload('not-a-uuid'));

    await expect(db.dataSource.transaction((manager) => enqueueInTransaction(manager, job))).rejects.toMatchObject({
      code: 'QUEUE_INVALID_JOB_PAYLOAD',
    });
    expect(await outboxRow(job.payload.idempotencyKey)).toBeUndefined();
  });

  it('publishes each job exactly once when two relays race', async () => {
    const jobs = Array.from({ length: 60 }, () => aJob());
    await db.dataSource.transaction(async (manager) => {
      for (const job of jobs) await enqueueInTransaction(manager, job);
    });
    const relays = [1, 2].map(() => new OutboxRelay(db.dataSource, producers, { pollIntervalMs: 50, batchSize: 7 }));

    const publishedByRelay = await Promise.all(relays.map((relay) => drain(relay)));

    // The relays may also pick up rows left unpublished by earlier tests of this file.
    const all = publishedByRelay.flat();
    expect(new Set(all).size).toBe(all.length); // no row handed out twice
    const expectedKeys = jobs.map((job) => job.payload.idempotencyKey);
    expect(all).toEqual(expect.arrayContaining(expectedKeys)); // none missing
    const inQueue = await Promise.all(expectedKeys.map((key) => platformQueue().getJob(key)));
    expect(inQueue.every((queued) => queued !== undefined)).toBe(true);
  });

  it('re-publishing after a crash between add and mark does not create a second job', async () => {
    const job = aJob();
    await db.dataSource.transaction((manager) => enqueueInTransaction(manager, job));
    // The first relay added the job, then died before its transaction marked the row published.
    await platformQueue().add(job.name, job.payload, { jobId: job.payload.idempotencyKey });

    const result = await new OutboxRelay(db.dataSource, producers, { pollIntervalMs: 50 }).publishBatch();

    expect(result.published).toContain(job.payload.idempotencyKey);
    expect(await platformQueue().getJobCountByTypes('waiting')).toBe(1);
  });

  it('keeps a row unpublished, with the error, when Redis refuses the add', async () => {
    const job = aJob({ ...aProbePayload(randomUUID()), idempotencyKey: buildIdempotencyKey('queue-probe', 'redis-down', randomUUID()) });
    await db.dataSource.transaction((manager) => enqueueInTransaction(manager, job));
    const unreachable = new QueueProducers({ redisUrl: 'redis://127.0.0.1:1', prefix: '{vpp-test-unreachable}', addTimeoutMs: 300 });
    try {
      const result = await new OutboxRelay(db.dataSource, unreachable, { pollIntervalMs: 50, retryDelayMs: 0 }).publishBatch();
      expect(result.failed).toBeGreaterThanOrEqual(1);
    } finally {
      await unreachable.close();
    }
    const rows: { published_at: Date | null; attempts: number; last_error: string | null }[] = await db.dataSource.query(
      `SELECT published_at, attempts, last_error FROM outbox WHERE idempotency_key = $1`,
      [job.payload.idempotencyKey],
    );
    expect(rows[0]).toMatchObject({ published_at: null, attempts: 1 });
    expect(rows[0]?.last_error).toEqual(expect.any(String));

    // Redis is back: the next relay publishes it.
    const retry = await new OutboxRelay(db.dataSource, producers, { pollIntervalMs: 50 }).publishBatch();
    expect(retry.published).toContain(job.payload.idempotencyKey);
  });
});

async function drain(relay: OutboxRelay): Promise<string[]> {
  const published: string[] = [];
  for (;;) {
    const result = await relay.publishBatch();
    if (result.published.length === 0 && result.failed === 0) return published;
    published.push(...result.published);
  }
}
