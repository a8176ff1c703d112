import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AdminOnly, Roles, Tenant, TenantScope } from '@vpp/access';
import { PowerKw } from '@vpp/units';
import { RegisterStationUseCase } from '../application/register-station.use-case';
import { OcppError } from '../domain/ocpp.errors';
import { OcppStationEntity } from '../infrastructure/ocpp-station.entity';
import { RegisterStationRequestDto } from './dto/register-station.request.dto';
import './ocpp-error-statuses';

export interface StationView {
  readonly id: string;
  readonly stationId: string;
  readonly countryCode: string;
  readonly fleetId: string | null;
  readonly siteId: string | null;
  readonly declaredBidirectional: boolean;
  readonly ocppVersion: string | null;
  readonly supportsSetpoints: boolean;
  readonly supportsDischarge: boolean;
  readonly connected: boolean;
  readonly lastBootAt: string | null;
  readonly lastSeenAt: string | null;
}

function stationView(row: OcppStationEntity): StationView {
  return {
    id: row.id,
    stationId: row.stationId,
    countryCode: row.countryCode,
    fleetId: row.fleetId,
    siteId: row.siteId,
    declaredBidirectional: row.declaredBidirectional,
    ocppVersion: row.ocppVersion,
    supportsSetpoints: row.supportsSetpoints,
    supportsDischarge: row.supportsDischarge,
    connected: row.connected,
    lastBootAt: row.lastBootAt?.toISOString() ?? null,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
  };
}

/** Depot owners (or an operator on their behalf) register the stations they let us steer. */
@ApiTags('ocpp')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/ocpp/stations')
export class StationsController {
  constructor(
    private readonly register: RegisterStationUseCase,
    private readonly dataSource: DataSource,
  ) {}

  @Post()
  @Roles('fleet_owner', 'cpo', 'operator')
  @AdminOnly()
  @ApiOperation({ summary: 'Register an OCPP 2.0.1/2.1 station (security profile 1/2 password) and map its EVSEs into a fleet site' })
  async create(@Tenant() scope: TenantScope, @Body() body: RegisterStationRequestDto): Promise<StationView> {
    const { id } = await this.register.execute({
      stationId: body.stationId,
      organisationId: scope.organisationId,
      countryCode: body.countryCode,
      password: body.password,
      declaredBidirectional: body.declaredBidirectional,
      fleetId: body.fleetId ?? null,
      siteId: body.siteId ?? null,
      evses: (body.evses ?? []).map((evse) => ({ ...evse, maxPowerKw: PowerKw.fromString(evse.maxPowerKw) })),
      scope,
    });
    return stationView(await this.dataSource.getRepository(OcppStationEntity).findOneByOrFail({ id }));
  }

  @Get(':stationId')
  @ApiOperation({ summary: "A station's connection state and negotiated capabilities" })
  async get(@Tenant() scope: TenantScope, @Param('stationId') stationId: string): Promise<StationView> {
    const row = await this.dataSource.getRepository(OcppStationEntity).findOneBy({ stationId, ...scope.where() });
    if (!row) throw new OcppError('OCPP_STATION_UNKNOWN', `station ${stationId} not found`);
    return stationView(row);
  }
}
