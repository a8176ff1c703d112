import type { JsonValue } from '../domain/audit-chain';
import { TenantScope } from '../domain/tenant-scope';
import type { AuditActor, AuditRecord } from '../infrastructure/audit-log.repository';

export function auditActorOf(scope: TenantScope): AuditActor {
  return { type: scope.principal.type, id: scope.principal.id, organisationId: scope.principal.organisationId };
}

/** An audit record for a change made in the scope's tenant by the scope's principal. */
export function auditRecord(
  scope: TenantScope,
  change: { action: string; entityType: string; entityId: string | null; before: JsonValue | null; after: JsonValue | null },
  organisationId: string = scope.organisationId,
): AuditRecord {
  return { organisationId, actor: auditActorOf(scope), onBehalfOfOrganisationId: scope.onBehalfOfOrganisationId, ...change };
}
