import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { QueueProducers } from './connection/queue-producers';
import { OutboxRelay } from './outbox/outbox-relay';
import { JobHandlerExplorer } from './processing/job-handler.explorer';
import { QUEUES_MODULE_OPTIONS, QueuesModuleOptions } from './queues.options';
import { QueuesRuntime } from './queues.runtime';

/**
 * Queues for one app: producers for every queue, workers for the queues the app owns, the outbox
 * relay, and the boot check of `@JobHandler`s. Needs `APP_CONFIG` (ConfigModule) and a TypeORM
 * `DataSource` provider in the app. The app that owns a queue also imports the module holding
 * its processors, e.g. `PlatformJobsModule` for the `platform` queue; the boot check refuses to
 * start when one is missing.
 *
 * @example imports: [QueuesModule.forRoot({ app: 'settlement' }), PlatformJobsModule]
 */
@Module({})
export class QueuesModule {
  static forRoot(options: QueuesModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: QUEUES_MODULE_OPTIONS, useValue: options },
      {
        provide: QueueProducers,
        inject: [APP_CONFIG],
        useFactory: (config: AppConfig) => new QueueProducers({ redisUrl: config.redis.url, prefix: config.redis.queuePrefix }),
      },
      {
        provide: OutboxRelay,
        inject: [DataSource, QueueProducers, APP_CONFIG],
        useFactory: (dataSource: DataSource, producers: QueueProducers, config: AppConfig) =>
          new OutboxRelay(dataSource, producers, { pollIntervalMs: config.outbox.pollIntervalMs }),
      },
      JobHandlerExplorer,
      QueuesRuntime,
    ];
    return {
      module: QueuesModule,
      global: true,
      imports: [DiscoveryModule],
      providers,
      exports: [QueueProducers, OutboxRelay, QueuesRuntime],
    };
  }
}
