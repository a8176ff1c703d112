import { z } from 'zod';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { defineJob } from './job-definition';
import { jobPayloadSchema, uuidSchema } from './job-envelope';
import { QueueName } from './queue-name';

export const PlatformJobName = {
  /** Marks a queue probe processed: proves the outbox -> Redis -> worker -> PostgreSQL path end to end. */
  CompleteQueueProbe: 'platform.complete-queue-probe',
} as const;

export const completeQueueProbePayloadSchema = jobPayloadSchema(1, { probeId: uuidSchema });
export type CompleteQueueProbePayload = z.infer<typeof completeQueueProbePayloadSchema>;

export const PLATFORM_JOBS = {
  [PlatformJobName.CompleteQueueProbe]: defineJob({
    queue: QueueName.Platform,
    schema: completeQueueProbePayloadSchema,
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['probeId'],
  }),
} as const;
