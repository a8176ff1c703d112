import { z } from 'zod';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { defineJob } from './job-definition';
import { jobPayloadSchema } from './job-envelope';
import { QueueName } from './queue-name';

/** UTC day `YYYY-MM-DD`: the day the job runs for, which makes its idempotency key. */
const utcDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a UTC day like 2026-01-31');

// Housekeeping of libs/telemetry; on the `platform` queue (owned by settlement, see queue-name.ts).
export const TelemetryJobName = {
  /** Drops `meter_values` day partitions older than the retention setting (issue 3, item 7). */
  ApplyTelemetryRetention: 'platform.apply-telemetry-retention',
  /** Creates the coming days' `meter_values` partitions ahead of ingest. */
  EnsureMeterValuePartitions: 'platform.ensure-meter-value-partitions',
} as const;

export const applyTelemetryRetentionPayloadSchema = jobPayloadSchema(1, { runDay: utcDaySchema });
export type ApplyTelemetryRetentionPayload = z.infer<typeof applyTelemetryRetentionPayloadSchema>;

export const ensureMeterValuePartitionsPayloadSchema = jobPayloadSchema(1, { runDay: utcDaySchema });
export type EnsureMeterValuePartitionsPayload = z.infer<typeof ensureMeterValuePartitionsPayloadSchema>;

export const TELEMETRY_JOBS = {
  [TelemetryJobName.ApplyTelemetryRetention]: defineJob({
    queue: QueueName.Platform,
    schema: applyTelemetryRetentionPayloadSchema,
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['runDay'],
  }),
  [TelemetryJobName.EnsureMeterValuePartitions]: defineJob({
    queue: QueueName.Platform,
    schema: ensureMeterValuePartitionsPayloadSchema,
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['runDay'],
  }),
} as const;
