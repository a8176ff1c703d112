import { Module } from '@nestjs/common';
import { AuditLogRepository } from '@vpp/access';
import { FleetModule } from '@vpp/fleet';
import { TelemetryModule } from '@vpp/telemetry';
import { ApplyTransactionEventUseCase } from './application/apply-transaction-event.use-case';
import { AuthenticateStationUseCase } from './application/authenticate-station.use-case';
import { ClearChargingProfileUseCase } from './application/clear-charging-profile.use-case';
import { OCPP_FLEET_PORT } from './application/ocpp-fleet.port';
import { OCPP_TELEMETRY_PORT } from './application/ocpp-telemetry.port';
import { RecordBootNotificationUseCase } from './application/record-boot-notification.use-case';
import { RecordChargingNeedsUseCase } from './application/record-charging-needs.use-case';
import { RecordMeterValuesUseCase } from './application/record-meter-values.use-case';
import { RecordStationConnectedUseCase } from './application/record-station-connected.use-case';
import { RecordStationDisconnectedUseCase } from './application/record-station-disconnected.use-case';
import { RecordStationSeenUseCase } from './application/record-station-seen.use-case';
import { RecordedCommandSender } from './application/recorded-command-sender';
import { RegisterStationUseCase } from './application/register-station.use-case';
import { SendChargingCommandUseCase } from './application/send-charging-command.use-case';
import { CsmsCallHandlers } from './infrastructure/csms-call-handlers';
import { FleetSessionsAdapter } from './infrastructure/fleet-sessions.adapter';
import { OcppCsmsServer } from './infrastructure/csms-server';
import { OcppCommandsProcessor } from './infrastructure/ocpp-commands.processor';
import { StationConnections } from './infrastructure/station-connections';
import { TelemetryIngestAdapter } from './infrastructure/telemetry-ingest.adapter';
import { StationsController } from './http/stations.controller';

/**
 * The OCPP 2.0.1/2.1 CSMS for depots (libs/ocpp/README.md). Needs ConfigModule and TypeORM in the
 * importing app; starts its WebSocket endpoint when the application boots. Transactions become
 * fleet sessions (@vpp/fleet) and meter values go to @vpp/telemetry.
 */
@Module({
  imports: [FleetModule, TelemetryModule],
  providers: [
    { provide: OCPP_FLEET_PORT, useClass: FleetSessionsAdapter },
    { provide: OCPP_TELEMETRY_PORT, useClass: TelemetryIngestAdapter },
    StationConnections,
    AuditLogRepository,
    RegisterStationUseCase,
    AuthenticateStationUseCase,
    RecordStationConnectedUseCase,
    RecordStationDisconnectedUseCase,
    RecordBootNotificationUseCase,
    RecordStationSeenUseCase,
    ApplyTransactionEventUseCase,
    RecordMeterValuesUseCase,
    RecordChargingNeedsUseCase,
    RecordedCommandSender,
    SendChargingCommandUseCase,
    ClearChargingProfileUseCase,
    CsmsCallHandlers,
    OcppCsmsServer,
    OcppCommandsProcessor,
  ],
  exports: [RegisterStationUseCase, SendChargingCommandUseCase, ClearChargingProfileUseCase, StationConnections, OcppCsmsServer],
})
export class OcppModule {}

/**
 * The operator API for OCPP stations (/v1/ocpp/stations), in the api app: registration and
 * status. Needs AccessModule. Commands stay in the connector, which holds the sockets.
 */
@Module({
  imports: [FleetModule],
  controllers: [StationsController],
  providers: [AuditLogRepository, RegisterStationUseCase],
})
export class OcppApiModule {}
