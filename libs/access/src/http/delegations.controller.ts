import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { delegationView } from '../application/access.views';
import { DelegationsQueries } from '../application/delegations.queries';
import { GrantDelegationUseCase } from '../application/grant-delegation.use-case';
import { RevokeDelegationUseCase } from '../application/revoke-delegation.use-case';
import { TenantScope } from '../domain/tenant-scope';
import { AdminOnly, NoDelegation, Tenant } from './access.decorators';
import { GrantDelegationRequestDto } from './dto/grant-delegation.request.dto';

type DelegationView = ReturnType<typeof delegationView>;

/**
 * The client organisation grants an operator access to its data for a window; either side may
 * revoke. Under a delegation the operator sends `X-On-Behalf-Of: <clientOrganisationId>`.
 */
@ApiTags('delegations')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/delegations')
export class DelegationsController {
  constructor(
    private readonly grant: GrantDelegationUseCase,
    private readonly revokeDelegation: RevokeDelegationUseCase,
    private readonly queries: DelegationsQueries,
  ) {}

  @Post()
  @AdminOnly()
  @NoDelegation()
  @ApiOperation({ summary: 'Grant an operator organisation access to the caller organisation' })
  async create(@Tenant() scope: TenantScope, @Body() body: GrantDelegationRequestDto): Promise<DelegationView> {
    const delegation = await this.grant.execute(scope, {
      operatorOrganisationId: body.operatorOrganisationId,
      reason: body.reason,
      validFrom: body.validFrom === undefined ? undefined : new Date(body.validFrom),
      validTo: new Date(body.validTo),
    });
    return delegationView(delegation);
  }

  @Get()
  @ApiOperation({ summary: 'Delegations granted by or to the caller organisation' })
  async list(@Tenant() scope: TenantScope): Promise<DelegationView[]> {
    return (await this.queries.list(scope)).map(delegationView);
  }

  @Get(':delegationId')
  async get(@Tenant() scope: TenantScope, @Param('delegationId', ParseUUIDPipe) delegationId: string): Promise<DelegationView> {
    return delegationView(await this.queries.get(scope, delegationId));
  }

  @Post(':delegationId/revoke')
  @HttpCode(200)
  @AdminOnly()
  @NoDelegation()
  async revoke(@Tenant() scope: TenantScope, @Param('delegationId', ParseUUIDPipe) delegationId: string): Promise<DelegationView> {
    return delegationView(await this.revokeDelegation.execute(scope, delegationId));
  }
}
