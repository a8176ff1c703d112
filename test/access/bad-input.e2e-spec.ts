import { DataSource } from 'typeorm';
import { AccessTestApp, call, seedOrganisation, SeededOrganisation, startAccessTestApp } from './access-test-app';

async function rowCounts(dataSource: DataSource, organisationId: string): Promise<string> {
  const [row] = (await dataSource.query(
    `SELECT (SELECT count(*) FROM users WHERE organisation_id = $1) AS users,
            (SELECT count(*) FROM api_clients WHERE organisation_id = $1) AS clients,
            (SELECT count(*) FROM delegations WHERE client_organisation_id = $1) AS delegations,
            (SELECT count(*) FROM audit_log WHERE organisation_id = $1) AS audit`,
    [organisationId],
  )) as Array<Record<string, string>>;
  return JSON.stringify(row);
}

describe('bad input', () => {
  let sut: AccessTestApp;
  let org: SeededOrganisation;
  let operator: SeededOrganisation;

  beforeAll(async () => {
    sut = await startAccessTestApp();
    org = await seedOrganisation(sut.dataSource, 'fleet_owner');
    operator = await seedOrganisation(sut.dataSource, 'operator');
  });

  afterAll(async () => {
    await sut.close();
  });

  it.each([
    ['wrong types', '/v1/users', { email: 42, password: true, role: 'member' }, 'VALIDATION_FAILED'],
    ['an unknown role', '/v1/users', { email: 'a@example.com', password: 'long enough password', role: 'owner' }, 'VALIDATION_FAILED'],
    ['an extra field', '/v1/users', { email: 'b@example.com', password: 'long enough password', role: 'member', organisationId: '00000000-0000-4000-8000-000000000000' }, 'VALIDATION_FAILED'],
    ['a short password', '/v1/users', { email: 'c@example.com', password: 'short', role: 'member' }, 'VALIDATION_FAILED'],
    ['a bad api client', '/v1/api-clients', { name: '', role: 'member', scopes: ['all'] }, 'VALIDATION_FAILED'],
    ['a date that is not ISO-8601', '/v1/delegations', { operatorOrganisationId: '00000000-0000-4000-8000-000000000000', reason: 'why not', validTo: 'tomorrow' }, 'VALIDATION_FAILED'],
    ['a date without a zone', '/v1/delegations', { operatorOrganisationId: '00000000-0000-4000-8000-000000000000', reason: 'why not', validTo: '2099-01-10T17:30:00' }, 'VALIDATION_FAILED'],
    ['malformed JSON', '/v1/users', '{"email": ', 'MALFORMED_JSON'],
  ])('refuses %s with 400 problem+json and writes nothing', async (_label, path, body, code) => {
    const before = await rowCounts(sut.dataSource, org.organisationId);
    const response = await call(sut.baseUrl, 'POST', path, { key: org.key, body });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe(code);
    expect(await rowCounts(sut.dataSource, org.organisationId)).toBe(before);
  });

  it('refuses an id that is not a UUID with 400', async () => {
    const response = await call(sut.baseUrl, 'GET', '/v1/users/not-a-uuid', { key: org.key });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('refuses a delegation window that is empty or too long with 422 DELEGATION_INVALID', async () => {
    const before = await rowCounts(sut.dataSource, org.organisationId);
    const tooLong = await call(sut.baseUrl, 'POST', '/v1/delegations', {
      key: org.key,
      body: { operatorOrganisationId: operator.organisationId, reason: 'forever', validTo: new Date(Date.now() + 400 * 86_400_000).toISOString() },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.code).toBe('DELEGATION_INVALID');
    const past = await call(sut.baseUrl, 'POST', '/v1/delegations', {
      key: org.key,
      body: { operatorOrganisationId: operator.organisationId, reason: 'backwards', validTo: new Date(Date.now() - 1000).toISOString() },
    });
    expect(past.status).toBe(422);
    expect(await rowCounts(sut.dataSource, org.organisationId)).toBe(before);
  });

  it('answers a duplicate email with 409 CONFLICT and writes nothing', async () => {
    const body = { email: `dup-${org.organisationId}@example.com`, password: 'long enough password', role: 'member' };
    expect((await call(sut.baseUrl, 'POST', '/v1/users', { key: org.key, body })).status).toBe(201);
    const before = await rowCounts(sut.dataSource, org.organisationId);
    const again = await call(sut.baseUrl, 'POST', '/v1/users', { key: org.key, body: { ...body, email: body.email.toUpperCase() } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');
    expect(await rowCounts(sut.dataSource, org.organisationId)).toBe(before);
  });
});
