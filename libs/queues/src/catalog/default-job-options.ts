import type { JobsOptions } from 'bullmq';

/**
 * Defaults for every job (STYLE.md 9.4): retries with exponential backoff (1 s, 2 s, 4 s, 8 s),
 * completed jobs capped so Redis (running with `noeviction`) cannot fill up, failed jobs kept for
 * inspection and manual retry. A completed job still present also absorbs a duplicate add with
 * the same jobId; after it is removed, the `processed_jobs` row does that.
 */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { count: 1_000, age: 24 * 60 * 60 },
  removeOnFail: false,
} as const satisfies JobsOptions;

/** Options a job definition may override; jobId is always derived from the idempotency key. */
export type JobDefaultOptions = Omit<JobsOptions, 'jobId' | 'repeat'>;
