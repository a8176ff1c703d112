import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { CorrelationContext } from '@vpp/observability';
import { isJobName, jobDefinition } from '../catalog/job-catalog';
import { JobDefinition, JobEnvelope, payloadIssues } from '../catalog/job-definition';
import type { QueueName } from '../catalog/queue-name';
import type { JobContext, JobHandlerTable, JobOutcome } from './job-context';
import { queueJobsCompletedTotal, queueJobsFailedTotal, queueJobsSkippedTotal } from './job-metrics';

type AnyJobHandler = (payload: JobEnvelope, context: JobContext) => Promise<JobOutcome>;

/**
 * The processor shell around every handler (STYLE.md 9.4): validates the payload against the
 * catalog (invalid -> `UnrecoverableError`, so BullMQ fails it without retries), restores the
 * correlation id, logs queue, jobId, attempt and business ids, and counts outcomes. The handler
 * then loads by id, skips finished work and runs one use case in one transaction.
 */
export class JobDispatcher {
  private readonly logger = new Logger(JobDispatcher.name);

  constructor(private readonly handlers: JobHandlerTable) {}

  readonly process = async (job: Job): Promise<JobOutcome> => {
    const queue = job.queueName as QueueName;
    const base = { queue, jobId: job.id ?? '', jobName: job.name, attempt: job.attemptsMade + 1 };
    if (!isJobName(job.name)) return this.refuse(base, `unknown job ${job.name} on queue ${queue}`);
    const jobName = job.name;
    const definition = jobDefinition(jobName);
    // The one cast: the payload below is parsed with this very job's schema before the call.
    const handler = this.handlers[jobName] as AnyJobHandler | undefined;
    if (definition.queue !== queue || handler === undefined) {
      return this.refuse(base, `no handler for job ${jobName} on queue ${queue} in this process`);
    }
    const parsed = definition.schema.safeParse(job.data);
    if (!parsed.success) {
      return this.refuse(base, `invalid payload: ${payloadIssues(parsed.error).join('; ')}`);
    }
    const payload = parsed.data;
    const fields = { ...base, correlationId: payload.correlationId, ...businessIds(definition, payload) };
    const context: JobContext = { queue, jobName, jobId: base.jobId, attempt: base.attempt };
    return CorrelationContext.run(payload.correlationId, () => this.run(handler, payload, context, fields, job));
  };

  private async run(handler: AnyJobHandler, payload: JobEnvelope, context: JobContext, fields: Record<string, unknown>, job: Job): Promise<JobOutcome> {
    const labels = { queue: context.queue, job_name: context.jobName };
    try {
      const outcome = await handler(payload, context);
      (outcome === 'done' ? queueJobsCompletedTotal : queueJobsSkippedTotal).inc(labels);
      this.logger.log({ msg: `job ${outcome}`, ...fields, outcome });
      return outcome;
    } catch (error) {
      const final = error instanceof UnrecoverableError || context.attempt >= (job.opts.attempts ?? 1);
      queueJobsFailedTotal.inc({ ...labels, final: String(final) });
      this.logger.error({ msg: 'job failed', ...fields, final, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  private refuse(fields: { queue: QueueName; jobName: string; jobId: string; attempt: number }, reason: string): never {
    queueJobsFailedTotal.inc({ queue: fields.queue, job_name: fields.jobName, final: 'true' });
    this.logger.error({ msg: 'job refused', ...fields, reason });
    throw new UnrecoverableError(reason);
  }
}

function businessIds(definition: JobDefinition, payload: JobEnvelope): Record<string, unknown> {
  const record: Record<string, unknown> = { ...payload };
  return Object.fromEntries(definition.businessIdFields.map((field) => [field, record[field]]));
}
