import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AuditLogQueries } from '../application/audit-log.queries';
import { ChainedAuditEntry, ChainVerification } from '../domain/audit-chain';
import { TenantScope } from '../domain/tenant-scope';
import { AdminOnly, Tenant } from './access.decorators';
import { AuditPageQueryDto } from './dto/audit-page.query.dto';

function entryView(entry: ChainedAuditEntry) {
  return { ...entry, occurredAt: entry.occurredAt.toISOString() };
}

@ApiTags('audit')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly queries: AuditLogQueries) {}

  @Get()
  @AdminOnly()
  @ApiOperation({ summary: "The tenant's audit chain, oldest first; page with `after` = the last chainPosition seen" })
  async page(@Tenant() scope: TenantScope, @Query() query: AuditPageQueryDto): Promise<{ entries: ReturnType<typeof entryView>[]; nextAfter: number | null }> {
    const limit = query.limit ?? 100;
    const entries = await this.queries.page(scope, query.after ?? 0, limit);
    return { entries: entries.map(entryView), nextAfter: entries.length === limit ? entries[entries.length - 1].chainPosition : null };
  }

  @Get('verify')
  @AdminOnly()
  @ApiOperation({ summary: "Walk the tenant's hash chain: ok, or the first broken chain position" })
  verify(@Tenant() scope: TenantScope): Promise<ChainVerification> {
    return this.queries.verify(scope);
  }
}
