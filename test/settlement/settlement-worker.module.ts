import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, ConfigModule } from '@vpp/config';
import { dataSourceOptions } from '@vpp/persistence';
import { PlatformJobsModule, QueuesModule } from '@vpp/queues';
import { SettlementPipelineModule } from '@vpp/settlement';
import { TelemetryJobsModule } from '@vpp/telemetry';

/**
 * What the settlement app runs for its queues, with a short job lock so a killed worker's job is
 * found stalled within seconds. `workers: false, relay: false` gives the test process the same
 * providers (scheduler, processor) without taking jobs from the worker children.
 */
@Module({})
export class SettlementWorkerModule {
  static forRoot(options: { workers: boolean; relay: boolean }): DynamicModule {
    return {
      module: SettlementWorkerModule,
      imports: [
        ConfigModule,
        TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config, { poolSize: 4 }) }),
        QueuesModule.forRoot({ app: 'settlement', ...options, worker: { concurrency: 2, lockDuration: 2_000, stalledInterval: 500 } }),
        PlatformJobsModule,
        TelemetryJobsModule,
        SettlementPipelineModule,
      ],
    };
  }
}
