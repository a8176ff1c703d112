import 'reflect-metadata';
import type { JobNameOf } from '../catalog/job-catalog';
import type { QueueName } from '../catalog/queue-name';
import type { JobHandlerFn } from './job-context';

export const JOB_HANDLER_METADATA = 'vpp:queues:job-handler';

export interface JobHandlerMetadata {
  readonly queue: QueueName;
  readonly jobName: string;
}

/**
 * Marks a provider method as the handler of one catalog job. The method receives the validated
 * payload (already typed) and returns 'done' or 'skipped'. At boot, `QueuesModule` checks that
 * each job of the queues the app owns has exactly one handler.
 */
export function JobHandler<Q extends QueueName, N extends JobNameOf<Q>>(queue: Q, jobName: N) {
  return (_target: object, _propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<JobHandlerFn<N>>): void => {
    const metadata: JobHandlerMetadata = { queue, jobName };
    if (descriptor.value === undefined) throw new Error(`@JobHandler(${queue}, ${jobName}) must decorate a method`);
    Reflect.defineMetadata(JOB_HANDLER_METADATA, metadata, descriptor.value);
  };
}

export function jobHandlerMetadataOf(method: unknown): JobHandlerMetadata | undefined {
  if (typeof method !== 'function') return undefined;
  return Reflect.getMetadata(JOB_HANDLER_METADATA, method) as JobHandlerMetadata | undefined;
}
