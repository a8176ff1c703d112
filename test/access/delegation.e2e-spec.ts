import { AuditLogEntryEntity, UserEntity } from '@vpp/access';
import { AccessTestApp, call, seedOrganisation, SeededOrganisation, seedUser, startAccessTestApp } from './access-test-app';

describe('operator delegation', () => {
  let sut: AccessTestApp;
  let operator: SeededOrganisation;
  let client: SeededOrganisation;
  let clientUser: UserEntity;

  beforeAll(async () => {
    sut = await startAccessTestApp();
    operator = await seedOrganisation(sut.dataSource, 'operator');
    client = await seedOrganisation(sut.dataSource, 'fleet_owner');
    clientUser = await seedUser(sut.dataSource, client.organisationId, 'client password 1');
  });

  afterAll(async () => {
    await sut.close();
  });

  const onBehalf = (): Record<string, string> => ({ 'x-on-behalf-of': client.organisationId });

  function auditOf(organisationId: string): Promise<AuditLogEntryEntity[]> {
    return sut.dataSource.getRepository(AuditLogEntryEntity).find({ where: { organisationId }, order: { chainPosition: 'ASC' } });
  }

  it('walks through refuse -> grant -> allowed and audited -> revoke -> refuse', async () => {
    // 1. No delegation: the client's rows are invisible, and the header is refused.
    expect((await call(sut.baseUrl, 'GET', `/v1/users/${clientUser.id}`, { key: operator.key })).status).toBe(404);
    const refused = await call(sut.baseUrl, 'GET', '/v1/users', { key: operator.key, headers: onBehalf() });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('DELEGATION_REQUIRED');

    // 2. The client grants.
    const validTo = new Date(Date.now() + 3_600_000).toISOString();
    const granted = await call(sut.baseUrl, 'POST', '/v1/delegations', {
      key: client.key,
      body: { operatorOrganisationId: operator.organisationId, reason: 'support ticket 4711', validTo },
    });
    expect(granted.status).toBe(201);
    const delegationId = String(granted.body.id);

    // 3. The operator reads and acts inside the client organisation; every request is audited.
    const listed = await call(sut.baseUrl, 'GET', '/v1/users', { key: operator.key, headers: { ...onBehalf(), 'x-correlation-id': 'delegated-read-1' } });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: clientUser.id })]));
    const disabled = await call(sut.baseUrl, 'POST', `/v1/users/${clientUser.id}/disable`, { key: operator.key, headers: { ...onBehalf(), 'x-correlation-id': 'delegated-write-1' } });
    expect(disabled.status).toBe(200);

    const audit = await auditOf(client.organisationId);
    const read = audit.find((entry) => entry.correlationId === 'delegated-read-1');
    expect(read).toMatchObject({ action: 'delegation.request', entityId: delegationId, actorId: operator.apiClientId, actorOrganisationId: operator.organisationId, onBehalfOfOrganisationId: client.organisationId, after: { method: 'GET', path: '/v1/users' } });
    const write = audit.find((entry) => entry.correlationId === 'delegated-write-1' && entry.action === 'user.disable');
    expect(write).toMatchObject({ entityId: clientUser.id, actorOrganisationId: operator.organisationId, onBehalfOfOrganisationId: client.organisationId, before: { disabledAt: null } });
    expect(write?.after).toMatchObject({ disabledAt: expect.any(String) });

    // 4. Credentials and delegations stay the client's own decision, even under a delegation.
    const createUser = await call(sut.baseUrl, 'POST', '/v1/users', { key: operator.key, headers: onBehalf(), body: { email: `op-${delegationId}@example.com`, password: 'long enough password', role: 'admin' } });
    expect(createUser.status).toBe(403);
    expect(createUser.body.code).toBe('FORBIDDEN_ROLE');

    // 5. The client revokes; the operator is out again at once.
    expect((await call(sut.baseUrl, 'POST', `/v1/delegations/${delegationId}/revoke`, { key: client.key })).status).toBe(200);
    const afterRevoke = await call(sut.baseUrl, 'GET', '/v1/users', { key: operator.key, headers: onBehalf() });
    expect(afterRevoke.status).toBe(403);
    expect(afterRevoke.body.code).toBe('DELEGATION_REQUIRED');
    const revokeEntries = (await auditOf(operator.organisationId)).filter((entry) => entry.entityId === delegationId).map((entry) => entry.action);
    expect(revokeEntries).toEqual(['delegation.grant', 'delegation.revoke']);
  });

  it('refuses X-On-Behalf-Of from organisations that are not operators', async () => {
    const brp = await seedOrganisation(sut.dataSource, 'brp');
    const response = await call(sut.baseUrl, 'GET', '/v1/users', { key: brp.key, headers: onBehalf() });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN_ROLE');
  });

  it('does not let a delegation to one operator open the client to another', async () => {
    const other = await seedOrganisation(sut.dataSource, 'operator');
    const validTo = new Date(Date.now() + 3_600_000).toISOString();
    const granted = await call(sut.baseUrl, 'POST', '/v1/delegations', { key: client.key, body: { operatorOrganisationId: operator.organisationId, reason: 'only this one', validTo } });
    expect(granted.status).toBe(201);
    const response = await call(sut.baseUrl, 'GET', '/v1/users', { key: other.key, headers: onBehalf() });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('DELEGATION_REQUIRED');
  });

  it('refuses a grant to an organisation that is not an operator, writing nothing', async () => {
    const brp = await seedOrganisation(sut.dataSource, 'brp');
    const before = (await auditOf(client.organisationId)).length;
    const response = await call(sut.baseUrl, 'POST', '/v1/delegations', {
      key: client.key,
      body: { operatorOrganisationId: brp.organisationId, reason: 'wrong target', validTo: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(response.status).toBe(404);
    expect((await auditOf(client.organisationId)).length).toBe(before);
  });
});
