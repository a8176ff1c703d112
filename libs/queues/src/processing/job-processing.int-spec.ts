import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Job, QueueEvents, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { CorrelationContext } from '@vpp/observability';
import { createDataSource } from '@vpp/persistence';
import { DEFAULT_JOB_OPTIONS } from '../catalog/default-job-options';
import { JobName } from '../catalog/job-catalog';
import { QueueName } from '../catalog/queue-name';
import { QueueConnectionSettings, QueueProducers } from '../connection/queue-producers';
import { redisConnectionOptions } from '../connection/redis-connection';
import { QueueProbeProcessor } from '../probe/queue-probe.processor';
import { eventually } from '@vpp/testing';
import { aProbePayload, insertProbe, deleteQueueKeys, probeProcessedCount, uniqueQueueSettings } from '../../test/queue-test-kit';
import { JobDispatcher } from './job-dispatcher';
import { queueJobsFailedTotal, queueJobsSkippedTotal } from './job-metrics';
import { createJobWorker, JobWorkerOptions } from './job-worker';

Logger.overrideLogger(false);
jest.setTimeout(30_000);

describe('processing platform jobs with a real worker', () => {
  let dataSource: DataSource;
  let settings: QueueConnectionSettings;
  let producers: QueueProducers;
  let queueEvents: QueueEvents;
  const workers: Worker[] = [];

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig(), { poolSize: 6 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  beforeEach(async () => {
    settings = uniqueQueueSettings();
    producers = new QueueProducers(settings);
    queueEvents = new QueueEvents(QueueName.Platform, { connection: redisConnectionOptions(settings.redisUrl, 'worker'), prefix: settings.prefix });
    await queueEvents.waitUntilReady();
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
    await queueEvents.close();
    await producers.close();
    await deleteQueueKeys(settings);
  });

  function startWorker(options: JobWorkerOptions = {}): Worker {
    const processor = new QueueProbeProcessor(dataSource);
    const dispatcher = new JobDispatcher({ [JobName.CompleteQueueProbe]: (payload, context) => processor.complete(payload, context) });
    const worker = createJobWorker(QueueName.Platform, dispatcher, settings, options);
    workers.push(worker);
    return worker;
  }

  async function addProbeJob(payload: object, jobId: string): Promise<Job> {
    return producers.queue(QueueName.Platform).add(JobName.CompleteQueueProbe, payload, { ...DEFAULT_JOB_OPTIONS, jobId });
  }

  async function counterValue(counter: typeof queueJobsSkippedTotal | typeof queueJobsFailedTotal, labels: Record<string, string>): Promise<number> {
    const metric = await counter.get();
    return metric.values.find((v) => Object.entries(labels).every(([k, value]) => (v.labels as Record<string, unknown>)[k] === value))?.value ?? 0;
  }

  it('gives one effect when the same job is delivered twice', async () => {
    const probeId = await insertProbe(dataSource);
    const payload = aProbePayload(probeId);
    const skippedBefore = await counterValue(queueJobsSkippedTotal, { queue: 'platform', job_name: JobName.CompleteQueueProbe });
    // Two jobIds for one idempotency key: what a re-add after BullMQ removed the first job looks like.
    const first = await addProbeJob(payload, payload.idempotencyKey);
    const second = await addProbeJob(payload, `${payload.idempotencyKey}.redelivery`);
    startWorker({ concurrency: 2 });

    const outcomes = await Promise.all([first.waitUntilFinished(queueEvents, 15_000), second.waitUntilFinished(queueEvents, 15_000)]);

    expect([...outcomes].sort()).toEqual(['done', 'skipped']);
    expect(await probeProcessedCount(dataSource, probeId)).toBe(1);
    const ledger: unknown[] = await dataSource.query(`SELECT 1 FROM processed_jobs WHERE queue = 'platform' AND idempotency_key = $1`, [payload.idempotencyKey]);
    expect(ledger).toHaveLength(1);
    expect(await counterValue(queueJobsSkippedTotal, { queue: 'platform', job_name: JobName.CompleteQueueProbe })).toBe(skippedBefore + 1);
  });

  it('restores the correlation id of the payload around the handler', async () => {
    const probeId = await insertProbe(dataSource);
    const payload = aProbePayload(probeId, { correlationId: `req-${randomUUID()}` });
    const seen: (string | undefined)[] = [];
    const processor = new QueueProbeProcessor(dataSource);
    const dispatcher = new JobDispatcher({
      [JobName.CompleteQueueProbe]: async (parsed, context) => {
        seen.push(CorrelationContext.currentId());
        return processor.complete(parsed, context);
      },
    });
    workers.push(createJobWorker(QueueName.Platform, dispatcher, settings));
    const job = await addProbeJob(payload, payload.idempotencyKey);

    await expect(job.waitUntilFinished(queueEvents, 15_000)).resolves.toBe('done');

    expect(seen).toEqual([payload.correlationId]);
  });

  it('fails an invalid payload at once, without retries, and keeps the failed job', async () => {
    const jobId = `invalid-${randomUUID()}`;
    const labels = { queue: 'platform', job_name: JobName.CompleteQueueProbe, final: 'true' };
    const failedBefore = await counterValue(queueJobsFailedTotal, labels);
    const job = await addProbeJob({ ...aProbePayload(randomUUID()), probeId: 12.5 }, jobId);
    startWorker();

    await expect(job.waitUntilFinished(queueEvents, 15_000)).rejects.toThrow(/invalid payload: probeId/);

    const failed = await producers.queue(QueueName.Platform).getJob(jobId);
    expect(await failed?.getState()).toBe('failed');
    expect(failed?.attemptsMade).toBe(1); // of 5 allowed: UnrecoverableError skips the retries
    expect(await counterValue(queueJobsFailedTotal, labels)).toBe(failedBefore + 1);
  });

  it('gives one effect when the worker dies after the effect committed, before the job was marked completed', async () => {
    const probeId = await insertProbe(dataSource);
    const payload = aProbePayload(probeId);
    const job = await addProbeJob(payload, payload.idempotencyKey);

    const exit = await runCrashingWorker(loadConfig().database.url, settings, 1_000);

    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await probeProcessedCount(dataSource, probeId)).toBe(1); // the effect committed
    expect(await job.getState()).toBe('active'); // ...but BullMQ never heard back
    // A fresh worker finds the job stalled once the dead worker's lock expires, and reruns it.
    startWorker({ lockDuration: 1_000, stalledInterval: 300 });
    const finished = await eventually(async () => {
      const state = await job.getState();
      return state === 'completed' || state === 'failed' ? state : undefined;
    }, 'the stalled job to finish', 20_000);

    expect(finished).toBe('completed');
    expect((await producers.queue(QueueName.Platform).getJob(job.id!))?.returnvalue).toBe('skipped');
    expect(await probeProcessedCount(dataSource, probeId)).toBe(1);
  });
});

function runCrashingWorker(
  databaseUrl: string,
  settings: QueueConnectionSettings,
  lockDurationMs: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr?: string }> {
  const args = [databaseUrl, settings.redisUrl, settings.prefix, String(lockDurationMs)];
  const child = fork(join(__dirname, '../../test/crash-after-effect.child.ts'), args, {
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code === 0 || signal !== null ? { code, signal } : { code, signal, stderr }));
  });
}
