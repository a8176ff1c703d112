import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { apiKeyView } from '../application/access.views';
import { RevokeApiKeyUseCase } from '../application/revoke-api-key.use-case';
import { TenantScope } from '../domain/tenant-scope';
import { AdminOnly, Tenant } from './access.decorators';

@ApiTags('api-clients')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly revokeKey: RevokeApiKeyUseCase) {}

  @Post(':apiKeyId/revoke')
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({ summary: 'Revoke an API key at once (allowed under delegation, for incident response)' })
  async revoke(@Tenant() scope: TenantScope, @Param('apiKeyId', ParseUUIDPipe) apiKeyId: string): Promise<ReturnType<typeof apiKeyView>> {
    return apiKeyView(await this.revokeKey.execute(scope, apiKeyId));
  }
}
