import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { apiClientView, apiKeyView } from '../application/access.views';
import { ApiClientsQueries } from '../application/api-clients.queries';
import { CreateApiClientUseCase } from '../application/create-api-client.use-case';
import { CreateApiKeyUseCase } from '../application/create-api-key.use-case';
import { TenantScope } from '../domain/tenant-scope';
import { AdminOnly, NoDelegation, Tenant } from './access.decorators';
import { CreateApiClientRequestDto } from './dto/create-api-client.request.dto';
import { CreateApiKeyRequestDto } from './dto/create-api-key.request.dto';

type ApiClientView = ReturnType<typeof apiClientView>;
type ApiKeyView = ReturnType<typeof apiKeyView>;

@ApiTags('api-clients')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/api-clients')
export class ApiClientsController {
  constructor(
    private readonly createClient: CreateApiClientUseCase,
    private readonly createKey: CreateApiKeyUseCase,
    private readonly queries: ApiClientsQueries,
  ) {}

  @Post()
  @AdminOnly()
  @NoDelegation()
  async create(@Tenant() scope: TenantScope, @Body() body: CreateApiClientRequestDto): Promise<ApiClientView> {
    return apiClientView(await this.createClient.execute(scope, body));
  }

  @Get()
  async list(@Tenant() scope: TenantScope): Promise<ApiClientView[]> {
    return (await this.queries.list(scope)).map(apiClientView);
  }

  @Get(':apiClientId')
  async get(@Tenant() scope: TenantScope, @Param('apiClientId', ParseUUIDPipe) apiClientId: string): Promise<ApiClientView> {
    return apiClientView(await this.queries.get(scope, apiClientId));
  }

  @Post(':apiClientId/keys')
  @AdminOnly()
  @NoDelegation()
  @ApiOperation({ summary: 'Create an API key. `key` is in this response only: it is never stored and cannot be shown again.' })
  async createApiKey(
    @Tenant() scope: TenantScope,
    @Param('apiClientId', ParseUUIDPipe) apiClientId: string,
    @Body() body: CreateApiKeyRequestDto,
  ): Promise<ApiKeyView & { key: string }> {
    const created = await this.createKey.execute(scope, apiClientId, body);
    return { ...apiKeyView(created.row), key: created.plaintext };
  }

  @Get(':apiClientId/keys')
  @ApiOperation({ summary: 'List the keys of a client (never their secrets)' })
  async listApiKeys(@Tenant() scope: TenantScope, @Param('apiClientId', ParseUUIDPipe) apiClientId: string): Promise<ApiKeyView[]> {
    return (await this.queries.keys(scope, apiClientId)).map(apiKeyView);
  }
}
