import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { MeterValueIngestService } from './application/meter-value-ingest.service';
import { MeterValuePartitions } from './infrastructure/meter-value-partitions';

/**
 * Telemetry ingest for the protocol adapters (OCPI, OCPP, OEM): inject `MeterValueIngestService`
 * and call `ingestMeterValues(batch)`. Needs `APP_CONFIG` and a TypeORM `DataSource` in the app.
 */
@Module({
  providers: [
    { provide: MeterValuePartitions, inject: [DataSource], useFactory: (dataSource: DataSource) => new MeterValuePartitions(dataSource) },
    {
      provide: MeterValueIngestService,
      inject: [DataSource, APP_CONFIG, MeterValuePartitions],
      useFactory: (dataSource: DataSource, config: AppConfig, partitions: MeterValuePartitions) =>
        new MeterValueIngestService(dataSource, config.telemetry, partitions),
    },
  ],
  exports: [MeterValueIngestService, MeterValuePartitions],
})
export class TelemetryModule {}
