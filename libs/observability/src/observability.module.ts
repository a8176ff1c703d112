import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';

/** Logging, /metrics and /health for one app; pair it with `createHttpApp`. */
@Module({})
export class ObservabilityModule {
  static forApp(appName: string): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [LoggingModule.forApp(appName), MetricsModule, HealthModule],
      exports: [LoggingModule],
    };
  }
}
