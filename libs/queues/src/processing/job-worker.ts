import { Logger } from '@nestjs/common';
import { Worker } from 'bullmq';
import type { QueueName } from '../catalog/queue-name';
import type { QueueConnectionSettings } from '../connection/queue-producers';
import { redisConnectionOptions } from '../connection/redis-connection';
import type { JobDispatcher } from './job-dispatcher';

export interface JobWorkerOptions {
  /** Jobs processed in parallel by one worker; keep it below the DB pool size. */
  readonly concurrency?: number;
  /** How long a job stays locked without renewal before it counts as stalled (BullMQ default 30 s). */
  readonly lockDuration?: number;
  /** How often stalled jobs are looked for (BullMQ default 30 s). */
  readonly stalledInterval?: number;
}

/**
 * A BullMQ worker for one queue whose jobs go through `dispatcher`. The worker connection uses
 * `maxRetriesPerRequest: null` so it waits out a Redis outage instead of erroring out.
 */
export function createJobWorker(
  queue: QueueName,
  dispatcher: JobDispatcher,
  settings: QueueConnectionSettings,
  options: JobWorkerOptions = {},
): Worker {
  const logger = new Logger(`JobWorker:${queue}`);
  const worker = new Worker(queue, dispatcher.process, {
    connection: redisConnectionOptions(settings.redisUrl, 'worker'),
    prefix: settings.prefix,
    concurrency: options.concurrency ?? 4,
    // Spread only what is set: an explicit `undefined` would replace BullMQ's defaults.
    ...(options.lockDuration === undefined ? {} : { lockDuration: options.lockDuration }),
    ...(options.stalledInterval === undefined ? {} : { stalledInterval: options.stalledInterval }),
  });
  // Without a listener an 'error' event (e.g. Redis gone) would crash the process.
  worker.on('error', (error) => logger.error({ msg: 'worker error', queue, error: error.message }));
  worker.on('stalled', (jobId) => logger.warn({ msg: 'job stalled, will be retried', queue, jobId }));
  return worker;
}
