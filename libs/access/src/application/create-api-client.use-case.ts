import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MemberRole } from '../domain/organisation-kind';
import { TenantScope } from '../domain/tenant-scope';
import { ApiClientEntity } from '../infrastructure/api-client.entity';
import { AuditLogRepository } from '../infrastructure/audit-log.repository';
import { auditRecord } from './audit-actor';
import { apiClientView } from './access.views';

@Injectable()
export class CreateApiClientUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(scope: TenantScope, command: { name: string; role: MemberRole }): Promise<ApiClientEntity> {
    scope.assertAdmin();
    return this.dataSource.transaction(async (manager) => {
      const client = manager.create(ApiClientEntity, { id: randomUUID(), ...scope.where(), name: command.name, role: command.role, createdAt: new Date() });
      await manager.insert(ApiClientEntity, client);
      const change = { action: 'api_client.create', entityType: 'api_client', entityId: client.id, before: null, after: apiClientView(client) };
      await this.auditLog.append(manager, auditRecord(scope, change));
      return client;
    });
  }
}
