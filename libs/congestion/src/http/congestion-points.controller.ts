import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Roles, Tenant, TenantScope } from '@vpp/access';
import { Participants } from '../application/participants';
import { congestionPointView } from './congestion-views';
import { parseBody, registerCongestionPointBody } from './dto/congestion.bodies';

/** A DSO registers its congestion points (entity addresses, e.g. `ean.871685900012636543`) and reads them back. */
@ApiTags('congestion')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Roles('dso')
@Controller('v1/congestion/congestion-points')
export class CongestionPointsController {
  constructor(private readonly participants: Participants) {}

  @Post()
  @ApiOperation({ summary: 'Register a congestion point; `congestionArea` also places sites of that grid congestion area behind it' })
  async register(@Tenant() scope: TenantScope, @Body() body: unknown) {
    const input = parseBody(registerCongestionPointBody, body);
    const participant = await this.participants.ofOrganisation(scope.organisationId);
    return congestionPointView(await this.participants.registerCongestionPoint(participant.id, input.entityAddress, input.congestionArea ?? null));
  }

  @Get()
  async list(@Tenant() scope: TenantScope) {
    const participant = await this.participants.ofOrganisation(scope.organisationId);
    return (await this.participants.congestionPoints(participant.id)).map(congestionPointView);
  }
}
