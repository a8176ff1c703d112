import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, Tenant, TenantScope } from '@vpp/access';
import type { V2gEligibility } from '../domain/v2g-eligibility';
import { ChannelLatencyQueries, ChannelLatencyView } from '../application/channel-latency.queries';
import { ExternalIdsQueries, ExternalIdView } from '../application/external-ids.queries';
import type { ChargePointView, VehicleView } from '../application/fleet-asset.views';
import { FleetAssetsQueries } from '../application/fleet-assets.queries';
import { FleetSessionsQueries, SessionView } from '../application/fleet-sessions.queries';
import { V2gComplianceApi, V2gComplianceView } from '../application/v2g-compliance.api';
import { answerCreated } from './created-status';
import { RecordV2gComplianceBody, recordV2gComplianceSchema } from './schemas/assets.schemas';
import { openApiSchema } from './schemas/fleet-api.primitives';
import { EligibilityQuery, eligibilityQuerySchema, ExternalIdsQuery, externalIdsQuerySchema } from './schemas/reads.schemas';
import { ZodValidationPipe } from './zod-validation.pipe';
import './fleet-error-statuses';

/** Single assets by id, V2G compliance per EVSE, and the read-only mappings and latency estimates. */
@ApiTags('fleet')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1')
@Roles('fleet_owner', 'operator')
export class FleetAssetsController {
  constructor(
    private readonly queries: FleetAssetsQueries,
    private readonly sessions: FleetSessionsQueries,
    private readonly v2g: V2gComplianceApi,
    private readonly externalIds: ExternalIdsQueries,
    private readonly latency: ChannelLatencyQueries,
  ) {}

  @Get('charge-points/:chargePointId')
  chargePoint(@Tenant() scope: TenantScope, @Param('chargePointId', ParseUUIDPipe) id: string): Promise<ChargePointView> {
    return this.queries.chargePoint(scope, id);
  }

  @Get('vehicles/:vehicleId')
  vehicle(@Tenant() scope: TenantScope, @Param('vehicleId', ParseUUIDPipe) id: string): Promise<VehicleView> {
    return this.queries.vehicle(scope, id);
  }

  @Get('sessions/:sessionId')
  @ApiOperation({ summary: 'One session with its status, needs and control channel' })
  session(@Tenant() scope: TenantScope, @Param('sessionId', ParseUUIDPipe) id: string): Promise<SessionView> {
    return this.sessions.get(scope, id);
  }

  @Post('evses/:evseId/v2g-compliance')
  @ApiOperation({ summary: "Record that discharging meets the site country's grid code: AC for a vehicle or model on this EVSE, DC for the EVSE alone (audited)" })
  @ApiBody({ schema: openApiSchema(recordV2gComplianceSchema) })
  async recordCompliance(
    @Tenant() scope: TenantScope,
    @Param('evseId', ParseUUIDPipe) evseId: string,
    @Body(new ZodValidationPipe(recordV2gComplianceSchema)) body: RecordV2gComplianceBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<V2gComplianceView> {
    return answerCreated(reply, await this.v2g.record(scope, { evseId, ...body }));
  }

  @Get('evses/:evseId/v2g-compliance')
  complianceOf(@Tenant() scope: TenantScope, @Param('evseId', ParseUUIDPipe) evseId: string): Promise<V2gComplianceView[]> {
    return this.v2g.list(scope, evseId);
  }

  @Get('evses/:evseId/v2g-eligibility')
  @ApiOperation({ summary: 'May this vehicle discharge on this EVSE (grid code of the site country)? Without vehicleId: an unknown EV' })
  eligibility(@Tenant() scope: TenantScope, @Param('evseId', ParseUUIDPipe) evseId: string, @Query(new ZodValidationPipe(eligibilityQuerySchema)) query: EligibilityQuery): Promise<V2gEligibility & { country: string }> {
    return this.v2g.eligibility(scope, evseId, query.vehicleId);
  }

  @Get('external-ids')
  @ApiOperation({ summary: "Read-only: the parties' ids (country code, party id, external id) of one of your entities" })
  externalIdsOf(@Tenant() scope: TenantScope, @Query(new ZodValidationPipe(externalIdsQuerySchema)) query: ExternalIdsQuery): Promise<ExternalIdView[]> {
    return this.externalIds.of(scope, query.entityType, query.entityId);
  }

  @Get('channel-latency')
  @ApiOperation({ summary: 'Read-only: running command-to-effect latency estimates of the channels steering your fleets' })
  channelLatency(@Tenant() scope: TenantScope): Promise<ChannelLatencyView[]> {
    return this.latency.list(scope);
  }
}
