import { z } from 'zod';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { defineJob } from './job-definition';
import { jobPayloadSchema } from './job-envelope';
import { QueueName } from './queue-name';

// Jobs of libs/fleet, on the `fleet` queue owned by the connector (it hears the sources).
export const FleetJobName = {
  /** Marks live sessions stale whose source fell silent (issue 3, bad input: a CPO that goes silent). */
  MarkStaleSessions: 'fleet.mark-stale-sessions',
} as const;

export const markStaleSessionsPayloadSchema = jobPayloadSchema(1, {
  /** The instant the check runs for, ISO 8601 UTC; the silence is measured back from it. */
  checkAt: z.string().datetime(),
});
export type MarkStaleSessionsPayload = z.infer<typeof markStaleSessionsPayloadSchema>;

export const FLEET_JOBS = {
  [FleetJobName.MarkStaleSessions]: defineJob({
    queue: QueueName.Fleet,
    schema: markStaleSessionsPayloadSchema,
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['checkAt'],
  }),
} as const;
