import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessError, notFound } from '../domain/access.errors';
import { delegationWindowProblem } from '../domain/delegation';
import { TenantScope } from '../domain/tenant-scope';
import { AuditLogRepository } from '../infrastructure/audit-log.repository';
import { DelegationEntity } from '../infrastructure/delegation.entity';
import { OrganisationEntity } from '../infrastructure/organisation.entity';
import { auditRecord } from './audit-actor';
import { delegationView } from './access.views';

export interface GrantDelegationCommand {
  readonly operatorOrganisationId: string;
  readonly reason: string;
  readonly validFrom?: Date;
  readonly validTo: Date;
}

/**
 * The client organisation grants (it owns the data); an operator cannot grant itself access.
 * Recorded in both chains: the client's (whose data opens up) and the operator's.
 */
@Injectable()
export class GrantDelegationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(scope: TenantScope, command: GrantDelegationCommand): Promise<DelegationEntity> {
    scope.assertAdmin();
    const validFrom = command.validFrom ?? new Date();
    const problem = delegationWindowProblem(validFrom, command.validTo);
    if (problem) throw new AccessError('DELEGATION_INVALID', problem);
    if (command.operatorOrganisationId === scope.organisationId) throw new AccessError('DELEGATION_INVALID', 'an organisation cannot delegate to itself');
    const operator = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: command.operatorOrganisationId, kind: 'operator' });
    if (!operator) throw notFound('operator organisation');
    return this.dataSource.transaction(async (manager) => {
      const delegation = manager.create(DelegationEntity, {
        id: randomUUID(),
        operatorOrganisationId: operator.id,
        clientOrganisationId: scope.organisationId,
        grantedByType: scope.principal.type,
        grantedById: scope.principal.id,
        reason: command.reason,
        validFrom,
        validTo: command.validTo,
        revokedAt: null,
        revokedById: null,
        createdAt: new Date(),
      });
      await manager.insert(DelegationEntity, delegation);
      const change = { action: 'delegation.grant', entityType: 'delegation', entityId: delegation.id, before: null, after: delegationView(delegation) };
      await this.auditLog.append(manager, auditRecord(scope, change, delegation.clientOrganisationId));
      await this.auditLog.append(manager, auditRecord(scope, change, delegation.operatorOrganisationId));
      return delegation;
    });
  }
}
