import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { apiKeyExpiry, generateApiKey } from '../domain/api-key';
import { hashSecret } from '../domain/secret-hash';
import { TenantScope } from '../domain/tenant-scope';
import { ApiClientEntity } from '../infrastructure/api-client.entity';
import { ApiKeyEntity } from '../infrastructure/api-key.entity';
import { AuditLogRepository } from '../infrastructure/audit-log.repository';
import { auditRecord } from './audit-actor';
import { apiKeyView } from './access.views';

export interface CreatedApiKey {
  readonly row: ApiKeyEntity;
  /** The full key; returned once and never stored. */
  readonly plaintext: string;
}

@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(scope: TenantScope, apiClientId: string, command: { expiresInDays?: number } = {}): Promise<CreatedApiKey> {
    const client = scope.requireOwned(await this.dataSource.getRepository(ApiClientEntity).findOneBy({ id: apiClientId, ...scope.where() }), 'api client');
    scope.assertAdmin();
    const key = generateApiKey();
    const secretHash = await hashSecret(key.secret);
    const now = new Date();
    const row = await this.dataSource.transaction(async (manager) => {
      const created = manager.create(ApiKeyEntity, {
        id: randomUUID(),
        apiClientId: client.id,
        keyId: key.keyId,
        secretHash,
        createdAt: now,
        expiresAt: apiKeyExpiry(now, command.expiresInDays ?? this.config.auth.apiKeyDefaultTtlDays),
        revokedAt: null,
        lastUsedAt: null,
      });
      await manager.insert(ApiKeyEntity, created);
      await this.auditLog.append(manager, auditRecord(scope, { action: 'api_key.create', entityType: 'api_key', entityId: created.id, before: null, after: apiKeyView(created) }));
      return created;
    });
    return { row, plaintext: key.plaintext };
  }
}
