import type { AppName } from './catalog/queue-name';
import type { JobWorkerOptions } from './processing/job-worker';

export const QUEUES_MODULE_OPTIONS = Symbol('QUEUES_MODULE_OPTIONS');

export interface QueuesModuleOptions {
  /** The app this process runs as; decides which queues get workers (see `QUEUE_OWNERS`). */
  readonly app: AppName;
  /** Run the outbox relay in this process (default true; several relays are safe). */
  readonly relay?: boolean;
  /** Start workers for the owned queues (default true). */
  readonly workers?: boolean;
  readonly worker?: JobWorkerOptions;
}
