import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { AccessError } from '../domain/access.errors';
import { Principal } from '../domain/principal';
import { AuditLogRepository } from '../infrastructure/audit-log.repository';
import { DelegationEntity } from '../infrastructure/delegation.entity';
import { OrganisationEntity } from '../infrastructure/organisation.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `X-On-Behalf-Of: <orgId>`: only an operator, only with an active delegation from that
 * organisation. Every delegated request is recorded in the client's audit chain before it runs.
 */
@Injectable()
export class ResolveDelegationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(principal: Principal, clientOrganisationId: string, request: { method: string; path: string }, now = new Date()): Promise<Principal> {
    if (principal.organisationKind !== 'operator') {
      throw new AccessError('FORBIDDEN_ROLE', 'only operators may act on behalf of another organisation');
    }
    if (clientOrganisationId === principal.organisationId) return principal;
    // The same answer for a malformed id, an unknown organisation and a missing grant: nothing leaks.
    const delegation = UUID.test(clientOrganisationId)
      ? await this.dataSource.getRepository(DelegationEntity).findOne({
          where: {
            operatorOrganisationId: principal.organisationId,
            clientOrganisationId,
            revokedAt: IsNull(),
            validFrom: LessThanOrEqual(now),
            validTo: MoreThan(now),
          },
          order: { validTo: 'DESC' },
        })
      : null;
    if (!delegation) throw new AccessError('DELEGATION_REQUIRED', 'no active delegation from that organisation');
    const client = await this.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: clientOrganisationId });
    await this.auditLog.appendAlone({
      organisationId: clientOrganisationId,
      actor: { type: principal.type, id: principal.id, organisationId: principal.organisationId },
      onBehalfOfOrganisationId: clientOrganisationId,
      action: 'delegation.request',
      entityType: 'delegation',
      entityId: delegation.id,
      before: null,
      after: { method: request.method, path: request.path },
    });
    return { ...principal, delegation: { delegationId: delegation.id, clientOrganisationId, clientOrganisationKind: client.kind } };
  }
}
