import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AdminOnly, NoDelegation, Roles, Tenant, TenantScope } from '@vpp/access';
import { CreateOcpiPartyUseCase } from '../application/create-ocpi-party.use-case';
import { RegisterWithPartyUseCase } from '../application/register-with-party.use-case';
import { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';
import { CreateOcpiPartyRequestDto } from './dto/create-ocpi-party.request.dto';
import { RegisterWithOcpiPartyRequestDto } from './dto/register-with-ocpi-party.request.dto';

export interface OcpiPartyView {
  readonly id: string;
  readonly organisationId: string;
  readonly countryCode: string;
  readonly partyId: string;
  readonly role: string;
  readonly status: string;
  readonly version: string | null;
  readonly registeredAt: string | null;
  readonly lastSeenAt: string | null;
}

function viewOf(party: OcpiPartyEntity): OcpiPartyView {
  return {
    id: party.id,
    organisationId: party.organisationId,
    countryCode: party.countryCode,
    partyId: party.partyId,
    role: party.role,
    status: party.status,
    version: party.version,
    registeredAt: party.registeredAt?.toISOString() ?? null,
    lastSeenAt: party.lastSeenAt?.toISOString() ?? null,
  };
}

/** Operators connect CPOs over OCPI: issue token A, or register with a CPO's token A. Never shows stored tokens. */
@ApiTags('ocpi')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Roles('operator')
@Controller('v1/ocpi/parties')
export class OcpiPartiesController {
  constructor(
    private readonly createParty: CreateOcpiPartyUseCase,
    private readonly registerWith: RegisterWithPartyUseCase,
    private readonly dataSource: DataSource,
  ) {}

  @Post()
  @AdminOnly()
  @NoDelegation()
  @ApiOperation({ summary: 'Issue CREDENTIALS_TOKEN_A for a CPO. `tokenA` is in this response only: it is stored hashed.' })
  async create(@Tenant() scope: TenantScope, @Body() body: CreateOcpiPartyRequestDto): Promise<OcpiPartyView & { tokenA: string; versionsUrl: string }> {
    const created = await this.createParty.execute(scope, body);
    return { ...viewOf(created.party), tokenA: created.tokenA, versionsUrl: created.versionsUrl };
  }

  @Post(':id/register')
  @AdminOnly()
  @NoDelegation()
  @ApiOperation({ summary: "Register with a CPO that is the OCPI receiver, using the CPO's token A" })
  async register(
    @Tenant() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RegisterWithOcpiPartyRequestDto,
  ): Promise<OcpiPartyView> {
    return viewOf(await this.registerWith.execute(scope, id, { versionsUrl: body.versionsUrl, tokenA: body.token }));
  }

  @Get()
  async list(): Promise<OcpiPartyView[]> {
    const parties = await this.dataSource.getRepository(OcpiPartyEntity).find({ order: { createdAt: 'ASC' } });
    return parties.map(viewOf);
  }
}
