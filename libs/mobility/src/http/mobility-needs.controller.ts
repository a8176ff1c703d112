import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Roles, Tenant, TenantScope } from '@vpp/access';
import { parseDecimal } from '@vpp/units';
import { MobilitySubjectType } from '../application/mobility-subject';
import { MobilityNeedsQueries } from '../application/mobility-needs.queries';
import { SetMobilityNeedsCommand, SetMobilityNeedsUseCase } from '../application/set-mobility-needs.use-case';
import type { MobilityNeedsChange } from '../domain/mobility-needs';
import { MobilityNeedsRequestDto } from './dto/mobility-needs.request.dto';

function toChange(body: MobilityNeedsRequestDto): MobilityNeedsChange {
  const dec = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : parseDecimal(value));
  return {
    departureAt: body.departureAt === undefined ? undefined : body.departureAt === null ? null : new Date(body.departureAt),
    energyNeedKwh: dec(body.energyNeedKwh),
    targetSocPct: dec(body.targetSocPct),
    minSocPct: dec(body.minSocPct),
  };
}

/**
 * Drivers' apps and reservation systems (machine clients of the fleet owner) and operators set
 * the needs that override what CPOs and OEMs report (issue 3 item 6).
 */
@ApiTags('mobility needs')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1')
@Roles('fleet_owner', 'operator')
export class MobilityNeedsController {
  constructor(
    private readonly setNeeds: SetMobilityNeedsUseCase,
    private readonly queries: MobilityNeedsQueries,
  ) {}

  private async write(scope: TenantScope, type: MobilitySubjectType, id: string, mode: 'set' | 'change', body: MobilityNeedsRequestDto): Promise<Record<string, unknown>> {
    const command: SetMobilityNeedsCommand = { subjectType: type, subjectId: id, mode, change: toChange(body), source: body.source, driverId: body.driverId, boost: body.boost };
    return (await this.setNeeds.execute(scope, command)).view;
  }

  @Put('sessions/:sessionId/needs')
  @ApiOperation({ summary: "Set a session's needs (departure, energy or target SoC, min SoC); replaces any earlier override" })
  setSession(@Tenant() scope: TenantScope, @Param('sessionId', ParseUUIDPipe) id: string, @Body() body: MobilityNeedsRequestDto): Promise<Record<string, unknown>> {
    return this.write(scope, 'session', id, 'set', body);
  }

  @Patch('sessions/:sessionId/needs')
  @ApiOperation({ summary: "Change some of a session's needs; absent fields stay, null clears" })
  changeSession(@Tenant() scope: TenantScope, @Param('sessionId', ParseUUIDPipe) id: string, @Body() body: MobilityNeedsRequestDto): Promise<Record<string, unknown>> {
    return this.write(scope, 'session', id, 'change', body);
  }

  @Post('sessions/:sessionId/boost')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask for an immediate boost: charge at full power now' })
  boostSession(@Tenant() scope: TenantScope, @Param('sessionId', ParseUUIDPipe) id: string): Promise<Record<string, unknown>> {
    return this.write(scope, 'session', id, 'change', { boost: true });
  }

  @Get('sessions/:sessionId/needs')
  @ApiOperation({ summary: 'The override, and the effective needs with where each value came from' })
  getSession(@Tenant() scope: TenantScope, @Param('sessionId', ParseUUIDPipe) id: string): Promise<Record<string, unknown>> {
    return this.queries.view(scope, 'session', id);
  }

  @Put('vehicles/:vehicleId/needs')
  @ApiOperation({ summary: "Set a vehicle's standing needs (e.g. a car-sharing reservation's next departure)" })
  setVehicle(@Tenant() scope: TenantScope, @Param('vehicleId', ParseUUIDPipe) id: string, @Body() body: MobilityNeedsRequestDto): Promise<Record<string, unknown>> {
    return this.write(scope, 'vehicle', id, 'set', body);
  }

  @Patch('vehicles/:vehicleId/needs')
  changeVehicle(@Tenant() scope: TenantScope, @Param('vehicleId', ParseUUIDPipe) id: string, @Body() body: MobilityNeedsRequestDto): Promise<Record<string, unknown>> {
    return this.write(scope, 'vehicle', id, 'change', body);
  }

  @Get('vehicles/:vehicleId/needs')
  getVehicle(@Tenant() scope: TenantScope, @Param('vehicleId', ParseUUIDPipe) id: string): Promise<Record<string, unknown>> {
    return this.queries.view(scope, 'vehicle', id);
  }
}
