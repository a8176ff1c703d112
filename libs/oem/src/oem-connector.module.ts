import { Module } from '@nestjs/common';
import { AuditLogRepository } from '@vpp/access';
import { FleetModule } from '@vpp/fleet';
import { TelemetryModule } from '@vpp/telemetry';
import { IngestOemWebhookUseCase } from './application/ingest-oem-webhook.use-case';
import { OemClouds } from './application/oem-clouds';
import { OemPoller } from './application/oem-poller';
import { OemSessionTracker } from './application/oem-session-tracker';
import { PollVehicleStatesUseCase } from './application/poll-vehicle-states.use-case';
import { VehicleStateTelemetry } from './application/vehicle-state-telemetry';
import './http/oem-error-statuses';
import { OemRawBodyHook } from './http/oem-raw-body.hook';
import { OemWebhooksController } from './http/oem-webhooks.controller';

/**
 * The OEM side of the connector app: signed webhooks at POST /oem/webhooks/:oem and the polling
 * loop; a plugged-in state opens an `oem` session at the link's EVSE (OemSessionTracker), unplugged
 * closes it; states of vehicles with a session become meter values (TelemetryModule). Needs the global ConfigModule and a TypeORM DataSource in the importing app.
 */
@Module({
  imports: [FleetModule, TelemetryModule],
  controllers: [OemWebhooksController],
  providers: [OemClouds, PollVehicleStatesUseCase, IngestOemWebhookUseCase, VehicleStateTelemetry, OemSessionTracker, OemPoller, OemRawBodyHook, AuditLogRepository],
  exports: [OemClouds, PollVehicleStatesUseCase],
})
export class OemConnectorModule {}
