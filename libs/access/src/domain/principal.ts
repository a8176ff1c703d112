import { MemberRole, OrganisationKind } from './organisation-kind';

export type PrincipalType = 'user' | 'client';

/** An operator acting inside a client organisation through an active delegation. */
export interface ActiveDelegation {
  readonly delegationId: string;
  readonly clientOrganisationId: string;
  readonly clientOrganisationKind: OrganisationKind;
}

/** Who is calling: resolved once per request from a JWT or an API key. */
export interface Principal {
  readonly type: PrincipalType;
  /** users.id or api_clients.id */
  readonly id: string;
  readonly organisationId: string;
  readonly organisationKind: OrganisationKind;
  readonly memberRole: MemberRole;
  /** api_keys.id when authenticated with an API key */
  readonly apiKeyId?: string;
  readonly delegation?: ActiveDelegation;
}

/** The organisation whose data this request works on: the client's under a delegation, else the caller's own. */
export function effectiveOrganisationId(principal: Principal): string {
  return principal.delegation?.clientOrganisationId ?? principal.organisationId;
}

/**
 * Roles are organisation kinds of the caller's own organisation: a delegation changes the tenant,
 * not who the caller is, so an operator stays an operator inside a client organisation.
 */
export function hasAnyRole(principal: Principal, roles: readonly OrganisationKind[]): boolean {
  return roles.length === 0 || roles.includes(principal.organisationKind);
}

/** The rate-limit bucket: one per API key, one per user. */
export function rateLimitSubject(principal: Principal): string {
  return principal.apiKeyId ? `key:${principal.apiKeyId}` : `${principal.type}:${principal.id}`;
}
