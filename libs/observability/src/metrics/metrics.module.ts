import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';

/** GET /metrics in the Prometheus text format; the HTTP counters are fed by `createHttpApp`. */
@Module({ controllers: [MetricsController] })
export class MetricsModule {}
