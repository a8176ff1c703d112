/** The parties the platform serves; an organisation has exactly one kind, and it is its role. */
export const ORGANISATION_KINDS = ['operator', 'fleet_owner', 'cpo', 'oem', 'brp', 'dso'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** What a user or machine client may do inside its own organisation. */
export const MEMBER_ROLES = ['admin', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export function isOrganisationKind(value: unknown): value is OrganisationKind {
  return typeof value === 'string' && (ORGANISATION_KINDS as readonly string[]).includes(value);
}

export function isMemberRole(value: unknown): value is MemberRole {
  return typeof value === 'string' && (MEMBER_ROLES as readonly string[]).includes(value);
}
