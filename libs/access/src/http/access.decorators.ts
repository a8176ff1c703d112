import { createParamDecorator, CustomDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { OrganisationKind } from '../domain/organisation-kind';
import type { Principal } from '../domain/principal';
import { TenantScope } from '../domain/tenant-scope';
import { AuthenticatedRequest } from './authenticated-request';

export const IS_PUBLIC = 'vpp:access:public';
export const REQUIRED_ROLES = 'vpp:access:roles';
export const ADMIN_ONLY = 'vpp:access:admin-only';
export const NO_DELEGATION = 'vpp:access:no-delegation';

/** No authentication (token issue, health). Everything else needs a JWT or an API key. */
export const Public = (): CustomDecorator => SetMetadata(IS_PUBLIC, true);

/** Organisation kinds allowed to call; checked against the caller's own organisation. */
export const Roles = (...roles: OrganisationKind[]): CustomDecorator => SetMetadata(REQUIRED_ROLES, roles);

/** Only admins of the organisation (users or API clients with role admin). */
export const AdminOnly = (): CustomDecorator => SetMetadata(ADMIN_ONLY, true);

/**
 * Refused under `X-On-Behalf-Of`: actions that would outlive the delegation (credentials,
 * delegations themselves) are the client organisation's own decision.
 */
export const NoDelegation = (): CustomDecorator => SetMetadata(NO_DELEGATION, true);

function requestOf(context: ExecutionContext): AuthenticatedRequest {
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = requestOf(context).principal;
  if (!principal) throw new Error('@CurrentPrincipal() on a route without authentication');
  return principal;
});

/** The request's tenant scope: pass it to every repository query. */
export const Tenant = createParamDecorator((_data: unknown, context: ExecutionContext): TenantScope => {
  const principal = requestOf(context).principal;
  if (!principal) throw new Error('@Tenant() on a route without authentication');
  return new TenantScope(principal);
});
