import { MARKET_TIME_ZONE } from '@vpp/units';
import { DEFAULT_JOB_OPTIONS } from '../catalog/default-job-options';
import { JOB_CATALOG, JobName, JobPayload } from '../catalog/job-catalog';
import type { QueueProducers } from '../connection/queue-producers';

/** A cron-driven job: one BullMQ job scheduler per deployment, whatever the replica count. */
export interface CronJobScheduler<N extends JobName> {
  /** The BullMQ job scheduler id; also the correlation id of every job it makes. */
  readonly id: string;
  readonly job: N;
  /** Cron pattern in market time (Europe/Amsterdam), so gates and D-1 hours keep their wall-clock time across DST. */
  readonly pattern: string;
  /** Also run once right away, not only at the next cron tick. */
  readonly immediately?: boolean;
  /** The payload beyond the job envelope. */
  readonly payload: Omit<JobPayload<N>, 'schemaVersion' | 'correlationId' | 'idempotencyKey'>;
}

/**
 * Registers (or updates) the scheduler on its job's queue. Upserting is idempotent, so every
 * replica may do it at boot; every run carries the same idempotency key `<id>.scheduled`.
 */
export async function upsertCronJobScheduler<N extends JobName>(producers: QueueProducers, scheduler: CronJobScheduler<N>): Promise<void> {
  const data = { schemaVersion: 1, correlationId: scheduler.id, idempotencyKey: `${scheduler.id}.scheduled`, ...scheduler.payload } as JobPayload<N>;
  const repeat = { pattern: scheduler.pattern, tz: MARKET_TIME_ZONE, ...(scheduler.immediately === true ? { immediately: true } : {}) };
  await producers.queue(JOB_CATALOG[scheduler.job].queue).upsertJobScheduler(scheduler.id, repeat, { name: scheduler.job, data, opts: DEFAULT_JOB_OPTIONS });
}
