import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Roles, Tenant, TenantScope } from '@vpp/access';
import { parseDecimal, PowerKw } from '@vpp/units';
import { LinkOemAccountUseCase, oemLinkView } from '../application/link-oem-account.use-case';
import { oemCommandView, SendOemCommandUseCase } from '../application/send-oem-command.use-case';
import { VehicleStatesQueries, VehicleStateView } from '../application/vehicle-states.queries';
import type { OemCommand } from '../domain/oem-command';
import { LinkOemAccountRequestDto } from './dto/link-oem-account.request.dto';
import { SendOemCommandRequestDto } from './dto/send-oem-command.request.dto';

function toCommand(body: SendOemCommandRequestDto): OemCommand {
  switch (body.type) {
    case 'charge-limit':
      return { type: 'charge-limit', limit: PowerKw.of(parseDecimal(body.chargeLimitKw ?? '')) };
    case 'target-soc':
      return { type: 'target-soc', socPct: parseDecimal(body.targetSocPct ?? '') };
    default:
      return { type: body.type };
  }
}

@ApiTags('vehicles (OEM)')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/vehicles/:vehicleId')
@Roles('fleet_owner', 'operator')
export class VehicleOemController {
  constructor(
    private readonly link: LinkOemAccountUseCase,
    private readonly states: VehicleStatesQueries,
    private readonly commands: SendOemCommandUseCase,
  ) {}

  @Post('oem-link')
  @ApiOperation({ summary: "Link the vehicle to its OEM account (the account id is stored only as a keyed hash)" })
  async create(
    @Tenant() scope: TenantScope,
    @Param('vehicleId', ParseUUIDPipe) vehicleId: string,
    @Body() body: LinkOemAccountRequestDto,
  ): Promise<ReturnType<typeof oemLinkView>> {
    return oemLinkView(await this.link.execute(scope, { vehicleId, ...body }));
  }

  @Get('oem-state')
  @ApiOperation({ summary: 'The last known OEM state (SoC, plugged in, power) with its age, and whether the OEM is answering' })
  state(@Tenant() scope: TenantScope, @Param('vehicleId', ParseUUIDPipe) vehicleId: string): Promise<VehicleStateView> {
    return this.states.latest(scope, vehicleId);
  }

  @Post('oem-commands')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send start, stop, charge-limit or target-soc through the OEM cloud; the effect arrives by webhook' })
  async command(
    @Tenant() scope: TenantScope,
    @Param('vehicleId', ParseUUIDPipe) vehicleId: string,
    @Body() body: SendOemCommandRequestDto,
  ): Promise<ReturnType<typeof oemCommandView>> {
    return oemCommandView(await this.commands.execute(scope, vehicleId, toCommand(body)));
  }
}
