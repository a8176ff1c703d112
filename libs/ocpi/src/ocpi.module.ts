import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AuditLogRepository } from '@vpp/access';
import { FleetModule } from '@vpp/fleet';
import { Pseudonymiser } from '@vpp/privacy';
import { TelemetryModule } from '@vpp/telemetry';
import { AuthenticateOcpiPartyUseCase } from './application/authenticate-ocpi-party.use-case';
import { CreateOcpiPartyUseCase } from './application/create-ocpi-party.use-case';
import { ExpireChargingProfileUseCase } from './application/expire-charging-profile.use-case';
import { HandleCredentialsUseCase } from './application/handle-credentials.use-case';
import { OcpiFleetSync } from './application/ocpi-fleet-sync';
import { OcpiSessionTelemetry } from './application/ocpi-session-telemetry';
import { OcpiSettings } from './application/ocpi-settings';
import { RecordChargingProfileResultUseCase } from './application/record-charging-profile-result.use-case';
import { RegisterWithPartyUseCase } from './application/register-with-party.use-case';
import { PullPartyModulesUseCase } from './application/pull-party-modules.use-case';
import { RequestActiveChargingProfileUseCase } from './application/request-active-charging-profile.use-case';
import { RequestChargingProfileUseCase } from './application/request-charging-profile.use-case';
import { RequestClearProfileUseCase } from './application/request-clear-profile.use-case';
import { SendChargingProfileUseCase } from './application/send-charging-profile.use-case';
import { StoreCdrUseCase } from './application/store-cdr.use-case';
import { StoreLocationUseCase } from './application/store-location.use-case';
import { StoreSessionUseCase } from './application/store-session.use-case';
import { OcpiCdrsController } from './http/cdrs.controller';
import { OcpiChargingProfilesController } from './http/charging-profiles.controller';
import { OcpiCredentialsController } from './http/credentials.controller';
import './http/ocpi-error-statuses';
import { OcpiAuthGuard } from './http/ocpi-auth.guard';
import { registerOcpiHttpHooks } from './http/ocpi-http-hooks';
import { OcpiLocationsController } from './http/locations.controller';
import { OcpiPartiesController } from './http/ocpi-parties.controller';
import { OcpiSessionsController } from './http/sessions.controller';
import { OcpiVersionsController } from './http/versions.controller';
import { OcpiCommandsProcessor } from './infrastructure/jobs/ocpi-commands.processor';
import { OcpiPullScheduler } from './infrastructure/jobs/ocpi-pull.scheduler';
import { OcpiPullsProcessor } from './infrastructure/jobs/ocpi-pulls.processor';

const SHARED = [OcpiSettings, RequestChargingProfileUseCase, RequestClearProfileUseCase, RequestActiveChargingProfileUseCase];
/** The charging profile commands the dispatcher (and operators) request. */
const COMMANDS = [RequestChargingProfileUseCase, RequestClearProfileUseCase, RequestActiveChargingProfileUseCase];

/**
 * OCPI 2.2.1 towards CPOs, in the connector app: versions, credentials, Locations, Sessions and
 * CDRs receivers (Session energy into meter_values through TelemetryModule), ChargingProfiles sender interface under /ocpi, and the `connector` queue jobs
 * that send charging profile commands and pull the CPOs' Locations and Sessions (on a schedule). Needs ConfigModule, a TypeORM DataSource and QueuesModule.
 */
@Module({
  imports: [FleetModule, TelemetryModule],
  controllers: [
    OcpiVersionsController,
    OcpiCredentialsController,
    OcpiLocationsController,
    OcpiSessionsController,
    OcpiCdrsController,
    OcpiChargingProfilesController,
  ],
  providers: [
    ...SHARED,
    AuthenticateOcpiPartyUseCase,
    HandleCredentialsUseCase,
    OcpiFleetSync,
    OcpiSessionTelemetry,
    StoreLocationUseCase,
    StoreSessionUseCase,
    StoreCdrUseCase,
    RecordChargingProfileResultUseCase,
    SendChargingProfileUseCase,
    ExpireChargingProfileUseCase,
    OcpiCommandsProcessor,
    PullPartyModulesUseCase,
    OcpiPullsProcessor,
    OcpiPullScheduler,
    OcpiAuthGuard,
    Pseudonymiser,
  ],
  exports: COMMANDS,
})
export class OcpiConnectorModule implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    private readonly settings: OcpiSettings,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify) registerOcpiHttpHooks(fastify, this.settings.bodyLimitBytes);
  }
}

/**
 * The charging profile commands alone, without controllers or jobs, for a process that commands
 * sessions but does not host the OCPI endpoints (the dispatcher in a split deployment): commands
 * are recorded and their sending enqueued on the `connector` queue, whose OCPI job PUTs them with
 * the CPO's credentials; the result comes back to the connector's response_url, so
 * OCPI_PUBLIC_BASE_URL must name the connector there. Needs ConfigModule, a DataSource, QueuesModule.
 */
@Module({
  providers: SHARED,
  exports: COMMANDS,
})
export class OcpiCommandsModule {}

/** The operator API for OCPI parties (/v1/ocpi/parties), in the api app. Needs AccessModule. */
@Module({
  controllers: [OcpiPartiesController],
  providers: [...SHARED, CreateOcpiPartyUseCase, RegisterWithPartyUseCase, AuditLogRepository],
  exports: COMMANDS,
})
export class OcpiApiModule {}
