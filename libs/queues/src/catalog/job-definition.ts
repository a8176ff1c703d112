import type { z } from 'zod';
import type { JobDefaultOptions } from './default-job-options';
import type { QueueName } from './queue-name';

/** The fields every payload has (see `jobPayloadSchema`). */
export interface JobEnvelope {
  readonly schemaVersion: number;
  readonly correlationId: string;
  readonly idempotencyKey: string;
}

/** One job of the catalog: where it goes, what its payload looks like, how it is retried. */
export interface JobDefinition<Q extends QueueName = QueueName, P extends JobEnvelope = JobEnvelope> {
  readonly queue: Q;
  readonly schema: z.ZodType<P, z.ZodTypeDef, unknown>;
  readonly options: JobDefaultOptions;
  /** Payload fields logged with every line about this job (STYLE.md 9.3: always log business ids). */
  readonly businessIdFields: readonly string[];
}

/** Keeps the literal types of a definition while checking its shape. */
export function defineJob<Q extends QueueName, S extends z.ZodType<JobEnvelope, z.ZodTypeDef, unknown>>(definition: {
  queue: Q;
  schema: S;
  options: JobDefaultOptions;
  businessIdFields: readonly (keyof z.infer<S> & string)[];
}): JobDefinition<Q, z.infer<S>> & { readonly schema: S } {
  return definition;
}

/** A failed payload parse as `path: message` lines, for refusals and errors. */
export function payloadIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
