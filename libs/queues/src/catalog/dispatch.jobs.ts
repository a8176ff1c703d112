import { z } from 'zod';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { defineJob } from './job-definition';
import { jobPayloadSchema, uuidSchema } from './job-envelope';
import { QueueName } from './queue-name';

// Jobs of libs/dispatch on the `dispatch-commands` queue: the fan-out of the real-time loop's
// changed per-session commands, one job per channel and party batch (the rows live in PostgreSQL).
export const DispatchJobName = {
  /** Sends one batch of dispatch_commands to its channel and party (OCPI CPO, OCPP depot, OEM cloud). */
  SendDispatchBatch: 'dispatch-commands.send-batch',
} as const;

export const dispatchBatchPayloadSchema = jobPayloadSchema(1, { batchId: uuidSchema });
export type DispatchBatchPayload = z.infer<typeof dispatchBatchPayloadSchema>;

export const DISPATCH_JOBS = {
  [DispatchJobName.SendDispatchBatch]: defineJob({
    queue: QueueName.DispatchCommands,
    schema: dispatchBatchPayloadSchema,
    // Retries resend only the commands of the batch still 'recorded' (or failed for a transient reason);
    // a batch whose fencing token is no longer the portfolio's newest is superseded, never sent.
    options: DEFAULT_JOB_OPTIONS,
    businessIdFields: ['batchId'],
  }),
} as const;
