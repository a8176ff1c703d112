import { AccessError } from './access.errors';
import { hasAnyRole, Principal } from './principal';
import { TenantScope } from './tenant-scope';

function aPrincipal(overrides: Partial<Principal> = {}): Principal {
  return { type: 'user', id: 'u-1', organisationId: 'org-a', organisationKind: 'brp', memberRole: 'member', ...overrides };
}

describe(TenantScope.name, () => {
  it('scopes to the caller organisation', () => {
    const sut = new TenantScope(aPrincipal());
    expect(sut.where()).toEqual({ organisationId: 'org-a' });
    expect(sut.onBehalfOfOrganisationId).toBeNull();
    expect(() => sut.assertCanAccess('org-a')).not.toThrow();
  });

  it('reports another tenant id as not found, not forbidden', () => {
    const sut = new TenantScope(aPrincipal());
    let caught: unknown;
    try {
      sut.assertCanAccess('org-b', 'user');
    } catch (error) {
      caught = error;
    }
    expect((caught as AccessError).code).toBe('NOT_FOUND');
  });

  it('treats a missing row (null organisation) as not found', () => {
    expect(() => new TenantScope(aPrincipal()).assertCanAccess(null)).toThrow(AccessError);
  });

  it('moves an operator into the client organisation under a delegation', () => {
    const sut = new TenantScope(
      aPrincipal({ organisationKind: 'operator', delegation: { delegationId: 'd-1', clientOrganisationId: 'org-c', clientOrganisationKind: 'cpo' } }),
    );
    expect(sut.organisationId).toBe('org-c');
    expect(sut.onBehalfOfOrganisationId).toBe('org-c');
    expect(sut.canAccess('org-a')).toBe(false);
  });

  it('asks for an admin where needed', () => {
    expect(() => new TenantScope(aPrincipal()).assertAdmin()).toThrow(/admin/);
    expect(() => new TenantScope(aPrincipal({ memberRole: 'admin' })).assertAdmin()).not.toThrow();
  });
});

describe(hasAnyRole.name, () => {
  it.each([
    [['brp', 'operator'], 'brp', true],
    [['operator'], 'brp', false],
    [[], 'dso', true],
  ] as const)('roles %p, caller %s -> %s', (roles, kind, expected) => {
    expect(hasAnyRole(aPrincipal({ organisationKind: kind }), roles)).toBe(expected);
  });
});
