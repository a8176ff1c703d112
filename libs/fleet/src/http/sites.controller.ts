import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminOnly, Roles, Tenant, TenantScope } from '@vpp/access';
import { PowerKw } from '@vpp/units';
import { ConnectSiteUseCase } from '../application/connect-site.use-case';
import { CreateChargePointCommand, CreateChargePointUseCase } from '../application/create-charge-point.use-case';
import type { ChargePointView, SiteView } from '../application/fleet-asset.views';
import { FleetAssetsQueries } from '../application/fleet-assets.queries';
import { UpdateSiteLimitsUseCase } from '../application/update-site-limits.use-case';
import { answerCreated } from './created-status';
import { CreateChargePointBody, createChargePointSchema } from './schemas/assets.schemas';
import { openApiSchema } from './schemas/fleet-api.primitives';
import { GridConnectionBody, gridConnectionSchema, UpdateSiteLimitsBody, updateSiteLimitsSchema } from './schemas/sites.schemas';
import { ZodValidationPipe } from './zod-validation.pipe';
import './fleet-error-statuses';

function chargePointCommand(siteId: string, body: CreateChargePointBody): CreateChargePointCommand {
  const common = {
    siteId, vendor: body.vendor ?? null, model: body.model ?? null,
    evses: body.evses.map((evse) => ({ ...evse, maxPowerKw: PowerKw.fromString(evse.maxPowerKw) })),
  };
  return body.protocol === 'ocpp'
    ? { ...common, protocol: 'ocpp', ocppVersion: body.ocppVersion, stationId: body.stationId, password: body.password }
    : { ...common, protocol: 'none', reference: body.reference };
}

/** Sites, their grid connection limits and their charge points (issue 3, item 1). */
@ApiTags('fleet')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/sites')
@Roles('fleet_owner', 'operator')
export class SitesController {
  constructor(
    private readonly updateLimits: UpdateSiteLimitsUseCase,
    private readonly connectSite: ConnectSiteUseCase,
    private readonly createChargePoint: CreateChargePointUseCase,
    private readonly queries: FleetAssetsQueries,
  ) {}

  @Get(':siteId')
  get(@Tenant() scope: TenantScope, @Param('siteId', ParseUUIDPipe) siteId: string): Promise<SiteView> {
    return this.queries.site(scope, siteId);
  }

  @Put(':siteId/grid-connection')
  @AdminOnly()
  @ApiOperation({
    summary: 'Give a site without one its grid connection (EAN with check digit, limits nest fuse -> site -> every EVSE): 201 new, 200 the same again, 409 another exists',
  })
  @ApiBody({ schema: openApiSchema(gridConnectionSchema) })
  async connect(
    @Tenant() scope: TenantScope,
    @Param('siteId', ParseUUIDPipe) siteId: string,
    @Body(new ZodValidationPipe(gridConnectionSchema)) body: GridConnectionBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SiteView> {
    const kw = (text: string | null | undefined): PowerKw | null => (text === null || text === undefined ? null : PowerKw.fromString(text));
    const result = await this.connectSite.execute(scope, siteId, {
      ean: body.ean, importLimitKw: PowerKw.fromString(body.importLimitKw), exportLimitKw: PowerKw.fromString(body.exportLimitKw), fuseLimitKw: kw(body.fuseLimitKw),
      dso: body.dso, congestionArea: body.congestionArea ?? null,
    });
    return answerCreated(reply, result);
  }

  @Patch(':siteId/grid-connection')
  @ApiOperation({ summary: "Change the grid connection's limits; they must still nest fuse >= site >= every EVSE" })
  @ApiBody({ schema: openApiSchema(updateSiteLimitsSchema) })
  update(@Tenant() scope: TenantScope, @Param('siteId', ParseUUIDPipe) siteId: string, @Body(new ZodValidationPipe(updateSiteLimitsSchema)) body: UpdateSiteLimitsBody): Promise<SiteView> {
    const kw = (text: string | null | undefined): PowerKw | null | undefined => (text === undefined ? undefined : text === null ? null : PowerKw.fromString(text));
    return this.updateLimits.execute(scope, siteId, {
      importLimitKw: kw(body.importLimitKw) ?? undefined, exportLimitKw: kw(body.exportLimitKw) ?? undefined, fuseLimitKw: kw(body.fuseLimitKw),
      dso: body.dso, congestionArea: body.congestionArea,
    });
  }

  @Post(':siteId/charge-points')
  @AdminOnly()
  @ApiOperation({
    summary: 'Add a charge point with its EVSEs (each within the site limit). OCPP stations get their identity and basic-auth password (stored hashed) and may connect at once',
  })
  @ApiBody({ schema: openApiSchema(createChargePointSchema) })
  async create(
    @Tenant() scope: TenantScope,
    @Param('siteId', ParseUUIDPipe) siteId: string,
    @Body(new ZodValidationPipe(createChargePointSchema)) body: CreateChargePointBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChargePointView> {
    return answerCreated(reply, await this.createChargePoint.execute(scope, chargePointCommand(siteId, body)));
  }

  @Get(':siteId/charge-points')
  chargePointsOf(@Tenant() scope: TenantScope, @Param('siteId', ParseUUIDPipe) siteId: string): Promise<ChargePointView[]> {
    return this.queries.chargePoints(scope, siteId);
  }
}
