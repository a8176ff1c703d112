import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { organisationView } from '../application/access.views';
import { CreateOrganisationUseCase } from '../application/create-organisation.use-case';
import { OrganisationsQueries } from '../application/organisations.queries';
import { TenantScope } from '../domain/tenant-scope';
import { AdminOnly, NoDelegation, Roles, Tenant } from './access.decorators';
import { CreateOrganisationRequestDto } from './dto/create-organisation.request.dto';

@ApiTags('organisations')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/organisations')
export class OrganisationsController {
  constructor(
    private readonly createOrganisation: CreateOrganisationUseCase,
    private readonly queries: OrganisationsQueries,
  ) {}

  @Post()
  @Roles('operator')
  @AdminOnly()
  @NoDelegation()
  @ApiOperation({ summary: 'Onboard a client organisation (operators), optionally with its first admin user' })
  async create(@Tenant() scope: TenantScope, @Body() body: CreateOrganisationRequestDto): Promise<ReturnType<typeof organisationView>> {
    return organisationView(await this.createOrganisation.execute(scope, body));
  }

  @Get()
  @ApiOperation({ summary: "The caller's organisation (the client's under X-On-Behalf-Of)" })
  async list(@Tenant() scope: TenantScope): Promise<ReturnType<typeof organisationView>[]> {
    return (await this.queries.list(scope)).map(organisationView);
  }

  @Get(':organisationId')
  async get(@Tenant() scope: TenantScope, @Param('organisationId', ParseUUIDPipe) organisationId: string): Promise<ReturnType<typeof organisationView>> {
    return organisationView(await this.queries.get(scope, organisationId));
  }
}
