import { Module } from '@nestjs/common';
import { AuditLogRepository } from '@vpp/access';
import { ChannelLatencyQueries } from './application/channel-latency.queries';
import { CreateChargePointUseCase } from './application/create-charge-point.use-case';
import { CreateFleetUseCase } from './application/create-fleet.use-case';
import { CreateSiteUseCase } from './application/create-site.use-case';
import { CreateVehicleUseCase } from './application/create-vehicle.use-case';
import { ExternalIdsQueries } from './application/external-ids.queries';
import { FleetAssetsQueries } from './application/fleet-assets.queries';
import { FleetSessionsQueries } from './application/fleet-sessions.queries';
import { UpdateSiteLimitsUseCase } from './application/update-site-limits.use-case';
import { ConnectSiteUseCase } from './application/connect-site.use-case';
import { V2gComplianceApi } from './application/v2g-compliance.api';
import { FleetModule } from './fleet.module';
import { FleetAssetsController } from './http/fleet-assets.controller';
import { FleetsController } from './http/fleets.controller';
import { SitesController } from './http/sites.controller';
import './http/fleet-error-statuses';

/**
 * The operator API of the fleet asset model (/v1, api app; libs/fleet/README.md "Operator API").
 * Needs ConfigModule, a TypeORM DataSource and AccessModule (auth guard, tenant scope) in the app.
 */
@Module({
  imports: [FleetModule],
  controllers: [FleetsController, SitesController, FleetAssetsController],
  providers: [
    AuditLogRepository,
    CreateFleetUseCase,
    CreateSiteUseCase,
    UpdateSiteLimitsUseCase,
    ConnectSiteUseCase,
    CreateChargePointUseCase,
    CreateVehicleUseCase,
    V2gComplianceApi,
    FleetAssetsQueries,
    FleetSessionsQueries,
    ExternalIdsQueries,
    ChannelLatencyQueries,
  ],
})
export class FleetApiModule {}
