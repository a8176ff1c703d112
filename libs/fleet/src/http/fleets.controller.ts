import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, Tenant, TenantScope } from '@vpp/access';
import { EnergyKwh, PowerKw } from '@vpp/units';
import { CreateFleetUseCase } from '../application/create-fleet.use-case';
import { CreateSiteUseCase } from '../application/create-site.use-case';
import { CreateVehicleUseCase } from '../application/create-vehicle.use-case';
import type { FleetView, SiteView, VehicleView } from '../application/fleet-asset.views';
import { FleetAssetsQueries } from '../application/fleet-assets.queries';
import { FleetSessionsQueries, SessionPage } from '../application/fleet-sessions.queries';
import { answerCreated } from './created-status';
import { CreateVehicleBody, createVehicleSchema } from './schemas/assets.schemas';
import { openApiSchema } from './schemas/fleet-api.primitives';
import { SessionsQuery, sessionsQuerySchema } from './schemas/reads.schemas';
import { CreateFleetBody, CreateSiteBody, createFleetSchema, createSiteSchema } from './schemas/sites.schemas';
import { ZodValidationPipe } from './zod-validation.pipe';
import './fleet-error-statuses';

const kw = (text: string | null | undefined): PowerKw | null => (text === null || text === undefined ? null : PowerKw.fromString(text));

/** Fleets and what hangs off them: sites, vehicles, sessions (issue 3, item 1). */
@ApiTags('fleet')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/fleets')
@Roles('fleet_owner', 'operator')
export class FleetsController {
  constructor(
    private readonly createFleet: CreateFleetUseCase,
    private readonly createSite: CreateSiteUseCase,
    private readonly createVehicle: CreateVehicleUseCase,
    private readonly queries: FleetAssetsQueries,
    private readonly sessions: FleetSessionsQueries,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a fleet; the name is the idempotency key (201 new, 200 the existing one)' })
  @ApiBody({ schema: openApiSchema(createFleetSchema) })
  async create(@Tenant() scope: TenantScope, @Body(new ZodValidationPipe(createFleetSchema)) body: CreateFleetBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<FleetView> {
    return answerCreated(reply, await this.createFleet.execute(scope, body));
  }

  @Get()
  @ApiOperation({ summary: "The organisation's fleets" })
  list(@Tenant() scope: TenantScope): Promise<FleetView[]> {
    return this.queries.fleets(scope);
  }

  @Get(':fleetId')
  get(@Tenant() scope: TenantScope, @Param('fleetId', ParseUUIDPipe) fleetId: string): Promise<FleetView> {
    return this.queries.fleet(scope, fleetId);
  }

  @Post(':fleetId/sites')
  @ApiOperation({ summary: 'Create a site with its grid connection (EAN with check digit, limits nest fuse -> site); `reference` makes retries idempotent' })
  @ApiBody({ schema: openApiSchema(createSiteSchema) })
  async createSiteOf(
    @Tenant() scope: TenantScope,
    @Param('fleetId', ParseUUIDPipe) fleetId: string,
    @Body(new ZodValidationPipe(createSiteSchema)) body: CreateSiteBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SiteView> {
    const g = body.gridConnection;
    const result = await this.createSite.execute(scope, {
      fleetId, name: body.name, reference: body.reference, country: body.country, innovationCluster: body.innovationCluster, timezone: body.timezone,
      gridConnection: g === undefined ? undefined : {
        ean: g.ean, importLimitKw: PowerKw.fromString(g.importLimitKw), exportLimitKw: PowerKw.fromString(g.exportLimitKw), fuseLimitKw: kw(g.fuseLimitKw),
        dso: g.dso, congestionArea: g.congestionArea ?? null,
      },
    });
    return answerCreated(reply, result);
  }

  @Get(':fleetId/sites')
  sitesOf(@Tenant() scope: TenantScope, @Param('fleetId', ParseUUIDPipe) fleetId: string): Promise<SiteView[]> {
    return this.queries.sites(scope, fleetId);
  }

  @Post(':fleetId/vehicles')
  @ApiOperation({ summary: 'Add a vehicle under a pseudonym (no VIN, plate or name); the pseudonym is the idempotency key' })
  @ApiBody({ schema: openApiSchema(createVehicleSchema) })
  async createVehicleOf(
    @Tenant() scope: TenantScope,
    @Param('fleetId', ParseUUIDPipe) fleetId: string,
    @Body(new ZodValidationPipe(createVehicleSchema)) body: CreateVehicleBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VehicleView> {
    const result = await this.createVehicle.execute(scope, {
      fleetId, pseudonymousId: body.pseudonymousId,
      batteryKwh: body.batteryKwh === null || body.batteryKwh === undefined ? null : EnergyKwh.fromString(body.batteryKwh),
      maxAcChargeKw: kw(body.maxAcChargeKw), maxDcChargeKw: kw(body.maxDcChargeKw), maxAcDischargeKw: kw(body.maxAcDischargeKw), maxDcDischargeKw: kw(body.maxDcDischargeKw),
      v2gCapable: body.v2gCapable, oem: body.oem ?? null, model: body.model ?? null,
    });
    return answerCreated(reply, result);
  }

  @Get(':fleetId/vehicles')
  vehiclesOf(@Tenant() scope: TenantScope, @Param('fleetId', ParseUUIDPipe) fleetId: string): Promise<VehicleView[]> {
    return this.queries.vehicles(scope, fleetId);
  }

  @Get(':fleetId/sessions')
  @ApiOperation({ summary: "The fleet's sessions, newest arrival first, with status and control channel; keyset-paged with `cursor`" })
  sessionsOf(@Tenant() scope: TenantScope, @Param('fleetId', ParseUUIDPipe) fleetId: string, @Query(new ZodValidationPipe(sessionsQuerySchema)) query: SessionsQuery): Promise<SessionPage> {
    return this.sessions.list(scope, fleetId, { ...query, limit: query.limit ?? 100 });
  }
}
