import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../domain/access.errors';
import { TenantScope } from '../domain/tenant-scope';
import { ApiKeyEntity } from '../infrastructure/api-key.entity';
import { AuditLogRepository } from '../infrastructure/audit-log.repository';
import { auditRecord } from './audit-actor';
import { apiKeyView } from './access.views';

/** Idempotent; allowed under delegation so an operator can cut off a leaked partner key at once. */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(scope: TenantScope, apiKeyId: string): Promise<ApiKeyEntity> {
    return this.dataSource.transaction(async (manager) => {
      const key = await manager
        .createQueryBuilder(ApiKeyEntity, 'key')
        .innerJoin('key.apiClient', 'client')
        .where('key.id = :apiKeyId AND client.organisation_id = :organisationId', { apiKeyId, organisationId: scope.organisationId })
        .setLock('pessimistic_write', undefined, ['key'])
        .getOne();
      if (!key) throw notFound('api key');
      scope.assertAdmin();
      if (key.revokedAt !== null) return key;
      const before = apiKeyView(key);
      key.revokedAt = new Date();
      await manager.update(ApiKeyEntity, { id: key.id }, { revokedAt: key.revokedAt });
      await this.auditLog.append(manager, auditRecord(scope, { action: 'api_key.revoke', entityType: 'api_key', entityId: key.id, before, after: apiKeyView(key) }));
      return key;
    });
  }
}
