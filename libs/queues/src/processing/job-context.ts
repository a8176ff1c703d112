import type { JobName, JobPayload } from '../catalog/job-catalog';
import type { QueueName } from '../catalog/queue-name';

/** What a handler knows about the delivery it is processing (for logs and `runIdempotently`). */
export interface JobContext {
  readonly queue: QueueName;
  readonly jobName: JobName;
  readonly jobId: string;
  /** 1 for the first delivery, then 2, 3, ... */
  readonly attempt: number;
}

/**
 * A handler's result: 'done' when it committed its effect, 'skipped' when the work was already
 * done or no longer applies. Failures throw (`UnrecoverableError` for permanent ones).
 */
export type JobOutcome = 'done' | 'skipped';

export type JobHandlerFn<N extends JobName> = (payload: JobPayload<N>, context: JobContext) => Promise<JobOutcome>;

/** The handlers of one process, by job name. */
export type JobHandlerTable = { [N in JobName]?: JobHandlerFn<N> };
