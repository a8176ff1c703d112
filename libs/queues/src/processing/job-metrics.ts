import { Counter } from 'prom-client';
import { metricsRegistry } from '@vpp/observability';

const labelNames = ['queue', 'job_name'] as const;

export const queueJobsCompletedTotal = new Counter({
  name: 'queue_jobs_completed_total',
  help: 'Jobs whose handler committed its effect, by queue and job name.',
  labelNames,
  registers: [metricsRegistry],
});

export const queueJobsSkippedTotal = new Counter({
  name: 'queue_jobs_skipped_total',
  help: 'Jobs whose work was already done or no longer applied (duplicates included), by queue and job name.',
  labelNames,
  registers: [metricsRegistry],
});

// `final` is "true" when BullMQ will not retry (invalid payload, UnrecoverableError, last attempt).
export const queueJobsFailedTotal = new Counter({
  name: 'queue_jobs_failed_total',
  help: 'Failed job attempts, by queue, job name and whether the failure was final.',
  labelNames: [...labelNames, 'final'] as const,
  registers: [metricsRegistry],
});
