import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Worker } from 'bullmq';
import { jobNamesOfQueue } from './catalog/job-catalog';
import { queuesOwnedBy } from './catalog/queue-name';
import { QueueProducers } from './connection/queue-producers';
import { OutboxRelay } from './outbox/outbox-relay';
import { checkJobHandlers } from './processing/check-job-handlers';
import { JobDispatcher } from './processing/job-dispatcher';
import { BoundJobHandler, JobHandlerExplorer, toHandlerTable } from './processing/job-handler.explorer';
import { createJobWorker } from './processing/job-worker';
import { JobHandlerSetupError } from './queues.errors';
import { QUEUES_MODULE_OPTIONS, QueuesModuleOptions } from './queues.options';

/**
 * The lifecycle of the queues in one app: refuse to boot when handlers and catalog disagree,
 * start workers and the relay once the app is up, and on shutdown stop the relay first (no new
 * jobs), then let workers finish their current job, then close the producer connections.
 */
@Injectable()
export class QueuesRuntime implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueuesRuntime.name);
  private handlers: BoundJobHandler[] = [];
  private workers: Worker[] = [];

  constructor(
    @Inject(QUEUES_MODULE_OPTIONS) private readonly options: QueuesModuleOptions,
    private readonly explorer: JobHandlerExplorer,
    private readonly producers: QueueProducers,
    private readonly relay: OutboxRelay,
  ) {}

  async onModuleInit(): Promise<void> {
    this.handlers = this.explorer.explore();
    const problems = checkJobHandlers(this.options.app, this.handlers);
    if (problems.length > 0) {
      // Nest runs no shutdown hooks for an app that failed to init: release Redis here, so the
      // process can exit with the error instead of hanging on open connections.
      await this.producers.close();
      throw new JobHandlerSetupError(this.options.app, problems);
    }
  }

  onApplicationBootstrap(): void {
    if (this.options.workers ?? true) {
      const dispatcher = new JobDispatcher(toHandlerTable(this.handlers));
      const queues = queuesOwnedBy(this.options.app).filter((queue) => jobNamesOfQueue(queue).length > 0);
      this.workers = queues.map((queue) => createJobWorker(queue, dispatcher, this.producers.settings, this.options.worker));
      this.logger.log({ msg: 'queue workers started', app: this.options.app, queues, prefix: this.producers.settings.prefix });
    }
    if (this.options.relay ?? true) this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers = [];
    await this.producers.close();
  }

  /** The workers of this app (for health checks and tests). */
  runningWorkers(): readonly Worker[] {
    return this.workers;
  }
}
