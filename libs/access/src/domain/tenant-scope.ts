import { AccessError, notFound } from './access.errors';
import { effectiveOrganisationId, Principal } from './principal';

/**
 * The tenant filter every repository query uses: rows are read and written only for
 * `organisationId`. Ids of other tenants are reported as not found, never as forbidden.
 */
export class TenantScope {
  readonly organisationId: string;

  constructor(readonly principal: Principal) {
    this.organisationId = effectiveOrganisationId(principal);
  }

  get onBehalfOfOrganisationId(): string | null {
    return this.principal.delegation?.clientOrganisationId ?? null;
  }

  get isDelegated(): boolean {
    return this.principal.delegation !== undefined;
  }

  canAccess(organisationId: string | null | undefined): boolean {
    return organisationId === this.organisationId;
  }

  /** Throws NOT_FOUND for a row of another tenant (or a missing row: pass its organisation id or null). */
  assertCanAccess(organisationId: string | null | undefined, entityType = 'resource'): void {
    if (!this.canAccess(organisationId)) throw notFound(entityType);
  }

  /** The row if it belongs to this tenant; NOT_FOUND for a missing row and for another tenant's row alike. */
  requireOwned<T extends { readonly organisationId: string }>(row: T | null | undefined, entityType = 'resource'): T {
    if (!row || !this.canAccess(row.organisationId)) throw notFound(entityType);
    return row;
  }

  /** Shorthand for a repository `where`: `{ ...scope.where(), id }`. */
  where(): { organisationId: string } {
    return { organisationId: this.organisationId };
  }

  assertAdmin(): void {
    if (this.principal.memberRole !== 'admin') {
      throw new AccessError('FORBIDDEN_ROLE', 'this action needs an admin of the organisation');
    }
  }
}
