import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DelegationEntity, OrganisationKind } from '@vpp/access';
import { AccessTestApp, call, seedOrganisation, SeededOrganisation, seedUser, startAccessTestApp } from './access-test-app';
import { fillPath, listRoutes, RouteInfo } from './routes';

interface Tenant extends SeededOrganisation {
  readonly ids: Record<string, string>;
}

/** An organisation with one row of every kind an :id route can address. */
async function seedTenant(dataSource: DataSource, kind: OrganisationKind): Promise<Tenant> {
  const org = await seedOrganisation(dataSource, kind);
  const user = await seedUser(dataSource, org.organisationId, 'tenant password 1');
  const counterpart = await seedOrganisation(dataSource, kind === 'operator' ? 'cpo' : 'operator');
  const delegationId = randomUUID();
  const now = new Date();
  await dataSource.getRepository(DelegationEntity).insert({
    id: delegationId,
    operatorOrganisationId: kind === 'operator' ? org.organisationId : counterpart.organisationId,
    clientOrganisationId: kind === 'operator' ? counterpart.organisationId : org.organisationId,
    grantedByType: 'client',
    grantedById: kind === 'operator' ? counterpart.apiClientId : org.apiClientId,
    reason: 'isolation test',
    validFrom: now,
    validTo: new Date(now.getTime() + 3_600_000),
    revokedAt: null,
    revokedById: null,
    createdAt: now,
  });
  const ids = { organisationId: org.organisationId, userId: user.id, apiClientId: org.apiClientId, apiKeyId: org.apiKeyId, delegationId };
  return { ...org, ids };
}

/** Every row of the tenant in every access table, as JSON: equal before and after means nothing was written. */
async function snapshot(dataSource: DataSource, organisationId: string): Promise<string> {
  const queries = [
    ['SELECT * FROM organisations WHERE id = $1', 'id'],
    ['SELECT * FROM users WHERE organisation_id = $1 ORDER BY id', 'id'],
    ['SELECT * FROM api_clients WHERE organisation_id = $1 ORDER BY id', 'id'],
    ['SELECT k.* FROM api_keys k JOIN api_clients c ON c.id = k.api_client_id WHERE c.organisation_id = $1 ORDER BY k.id', 'id'],
    ['SELECT * FROM delegations WHERE client_organisation_id = $1 OR operator_organisation_id = $1 ORDER BY id', 'id'],
    ['SELECT * FROM audit_log WHERE organisation_id = $1 ORDER BY chain_position', 'seq'],
  ] as const;
  const rows: unknown[] = [];
  for (const [sql] of queries) rows.push(await dataSource.query(sql, [organisationId]));
  return JSON.stringify(rows);
}

// A body the validation pipe accepts, so the request reaches the tenant check.
const BODIES: Record<string, unknown> = { 'POST /v1/api-clients/:apiClientId/keys': {} };

describe('tenant isolation across every /v1 route with an id', () => {
  let sut: AccessTestApp;
  let victim: Tenant;
  let routesWithIds: RouteInfo[];

  beforeAll(async () => {
    sut = await startAccessTestApp();
    victim = await seedTenant(sut.dataSource, 'fleet_owner');
    routesWithIds = listRoutes(sut.app).filter((route) => route.path.startsWith('/v1/') && route.params.length > 0);
  });

  afterAll(async () => {
    await sut.close();
  });

  it('finds the routes to check', () => {
    // organisations 1, users 2, api clients 3, api keys 1, delegations 2
    expect(routesWithIds.length).toBeGreaterThanOrEqual(9);
    expect(routesWithIds.map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining(['GET /v1/users/:userId', 'POST /v1/api-keys/:apiKeyId/revoke', 'POST /v1/delegations/:delegationId/revoke']),
    );
  });

  describe.each(['brp', 'operator'] as const)('as a %s admin of another organisation', (kind) => {
    let intruder: Tenant;

    beforeAll(async () => {
      intruder = await seedTenant(sut.dataSource, kind);
    });

    it("gets 404 NOT_FOUND for the victim's ids on every route and writes nothing", async () => {
      // One request first so the intruder key's last_used_at (written at most once a minute) is settled.
      expect((await call(sut.baseUrl, 'GET', '/v1/organisations', { key: intruder.key })).status).toBe(200);
      const [victimBefore, intruderBefore] = [await snapshot(sut.dataSource, victim.organisationId), await snapshot(sut.dataSource, intruder.organisationId)];
      const answers: string[] = [];
      for (const route of routesWithIds) {
        const body = BODIES[`${route.method} ${route.path}`] ?? (route.method === 'GET' ? undefined : {});
        const response = await call(sut.baseUrl, route.method, fillPath(route, victim.ids), { key: intruder.key, body });
        answers.push(`${route.method} ${route.path} -> ${response.status} ${response.body.code ?? ''} ${response.headers.get('content-type') ?? ''}`);
      }
      expect(answers).toEqual(routesWithIds.map((route) => `${route.method} ${route.path} -> 404 NOT_FOUND application/problem+json; charset=utf-8`));
      expect(await snapshot(sut.dataSource, victim.organisationId)).toBe(victimBefore);
      expect(await snapshot(sut.dataSource, intruder.organisationId)).toBe(intruderBefore);
    });

    it('reads its own ids on the same GET routes (the 404s above are about the tenant, not the route)', async () => {
      for (const route of routesWithIds.filter((candidate) => candidate.method === 'GET')) {
        const response = await call(sut.baseUrl, 'GET', fillPath(route, intruder.ids), { key: intruder.key });
        expect(`${route.path} ${response.status}`).toBe(`${route.path} 200`);
      }
    });

    it("never lists the victim's rows on the GET routes without an id", async () => {
      const lists = listRoutes(sut.app).filter((route) => route.method === 'GET' && route.path.startsWith('/v1/') && route.params.length === 0);
      expect(lists.length).toBeGreaterThanOrEqual(5);
      for (const route of lists) {
        const response = await call(sut.baseUrl, 'GET', route.path, { key: intruder.key });
        expect(`${route.path} ${response.status}`).toBe(`${route.path} 200`);
        const text = JSON.stringify(response.body);
        for (const id of Object.values(victim.ids)) expect(text).not.toContain(id);
      }
    });
  });
});
