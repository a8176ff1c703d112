import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../domain/access.errors';
import { TenantScope } from '../domain/tenant-scope';
import { AuditLogRepository } from '../infrastructure/audit-log.repository';
import { DelegationEntity } from '../infrastructure/delegation.entity';
import { auditRecord } from './audit-actor';
import { delegationView } from './access.views';

/** Either side may end a delegation at any time; idempotent. */
@Injectable()
export class RevokeDelegationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(scope: TenantScope, delegationId: string): Promise<DelegationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const delegation = await manager.findOne(DelegationEntity, {
        where: [
          { id: delegationId, clientOrganisationId: scope.organisationId },
          { id: delegationId, operatorOrganisationId: scope.organisationId },
        ],
        lock: { mode: 'pessimistic_write' },
      });
      if (!delegation) throw notFound('delegation');
      scope.assertAdmin();
      if (delegation.revokedAt !== null) return delegation;
      const before = delegationView(delegation);
      delegation.revokedAt = new Date();
      delegation.revokedById = scope.principal.id;
      await manager.update(DelegationEntity, { id: delegation.id }, { revokedAt: delegation.revokedAt, revokedById: delegation.revokedById });
      const change = { action: 'delegation.revoke', entityType: 'delegation', entityId: delegation.id, before, after: delegationView(delegation) };
      await this.auditLog.append(manager, auditRecord(scope, change, delegation.clientOrganisationId));
      await this.auditLog.append(manager, auditRecord(scope, change, delegation.operatorOrganisationId));
      return delegation;
    });
  }
}
