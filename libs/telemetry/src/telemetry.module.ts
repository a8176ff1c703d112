import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, PLATFORM_CLOCK } from '@vpp/config';
import { MeterValueIngestService, TELEMETRY_CLOCK, TelemetryClock } from './application/meter-value-ingest.service';
import { MeterValueGroupIngest } from './application/meter-value-group-ingest';
import { MeterValuePartitions } from './infrastructure/meter-value-partitions';

/**
 * Telemetry ingest for the protocol adapters (OCPI, OCPP, OEM): inject `MeterValueIngestService`
 * and call `ingestMeterValues(batch)`. Needs `APP_CONFIG` and a TypeORM `DataSource` in the app.
 * Adapters with a few rows per request use `MeterValueGroupIngest` (group commit).
 * "Now" comes from the `TELEMETRY_CLOCK` provider, an alias of the platform clock (PLATFORM_CLOCK,
 * @vpp/config): a process running a simulated day overrides that one provider.
 */
@Module({
  providers: [
    { provide: TELEMETRY_CLOCK, useExisting: PLATFORM_CLOCK },
    { provide: MeterValuePartitions, inject: [DataSource], useFactory: (dataSource: DataSource) => new MeterValuePartitions(dataSource) },
    {
      provide: MeterValueIngestService,
      inject: [DataSource, APP_CONFIG, MeterValuePartitions, TELEMETRY_CLOCK],
      useFactory: (dataSource: DataSource, config: AppConfig, partitions: MeterValuePartitions, clock: TelemetryClock) =>
        new MeterValueIngestService(dataSource, config.telemetry, partitions, () => clock.now()),
    },
    { provide: MeterValueGroupIngest, inject: [MeterValueIngestService], useFactory: (ingest: MeterValueIngestService) => new MeterValueGroupIngest(ingest) },
  ],
  exports: [MeterValueIngestService, MeterValueGroupIngest, MeterValuePartitions, TELEMETRY_CLOCK],
})
export class TelemetryModule {}
