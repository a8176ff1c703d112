import type { ApiClientEntity } from '../infrastructure/api-client.entity';
import type { ApiKeyEntity } from '../infrastructure/api-key.entity';
import type { DelegationEntity } from '../infrastructure/delegation.entity';
import type { OrganisationEntity } from '../infrastructure/organisation.entity';
import type { UserEntity } from '../infrastructure/user.entity';

// What leaves the access context (HTTP responses and audit before/after): never a hash or a secret.

export function organisationView(row: OrganisationEntity) {
  return { id: row.id, name: row.name, kind: row.kind, country: row.country, createdAt: row.createdAt.toISOString() };
}

export function userView(row: UserEntity) {
  return {
    id: row.id,
    organisationId: row.organisationId,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    disabledAt: row.disabledAt?.toISOString() ?? null,
  };
}

export function apiClientView(row: ApiClientEntity) {
  return { id: row.id, organisationId: row.organisationId, name: row.name, role: row.role, createdAt: row.createdAt.toISOString() };
}

export function apiKeyView(row: ApiKeyEntity) {
  return {
    id: row.id,
    apiClientId: row.apiClientId,
    keyId: row.keyId,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export function delegationView(row: DelegationEntity) {
  return {
    id: row.id,
    operatorOrganisationId: row.operatorOrganisationId,
    clientOrganisationId: row.clientOrganisationId,
    grantedByType: row.grantedByType,
    grantedById: row.grantedById,
    reason: row.reason,
    validFrom: row.validFrom.toISOString(),
    validTo: row.validTo.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
