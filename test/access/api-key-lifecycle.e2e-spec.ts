import { ApiKeyEntity, parseApiKey } from '@vpp/access';
import { AccessTestApp, call, seedOrganisation, SeededOrganisation, startAccessTestApp } from './access-test-app';

// The secret is everything after the key id: base64url secrets may themselves contain '_',
// so splitting on '_' could yield an empty string, which every text "contains".
function secretOf(key: string): string {
  const parsed = parseApiKey(key);
  if (parsed === null || parsed.secret.length < 16) throw new Error(`not an API key: ${key}`);
  return parsed.secret;
}

describe('API key lifecycle', () => {
  let sut: AccessTestApp;
  let org: SeededOrganisation;

  beforeAll(async () => {
    sut = await startAccessTestApp();
    org = await seedOrganisation(sut.dataSource, 'cpo');
  });

  afterAll(async () => {
    await sut.close();
  });

  async function createKey(body: Record<string, unknown> = {}): Promise<{ id: string; key: string; apiClientId: string }> {
    const client = await call(sut.baseUrl, 'POST', '/v1/api-clients', { key: org.key, body: { name: 'partner backend', role: 'member' } });
    expect(client.status).toBe(201);
    const created = await call(sut.baseUrl, 'POST', `/v1/api-clients/${String(client.body.id)}/keys`, { key: org.key, body });
    expect(created.status).toBe(201);
    return { id: String(created.body.id), key: String(created.body.key), apiClientId: String(client.body.id) };
  }

  it('creates a key that works at once, shows it once and stores only a hash', async () => {
    const created = await createKey();
    expect(created.key).toMatch(/^vpp_[0-9a-f]{24}_/);

    const me = await call(sut.baseUrl, 'GET', '/v1/organisations', { key: created.key });
    expect(me.status).toBe(200);
    expect(me.body).toEqual([expect.objectContaining({ id: org.organisationId, kind: 'cpo' })]);

    const listed = await call(sut.baseUrl, 'GET', `/v1/api-clients/${created.apiClientId}/keys`, { key: org.key });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(secretOf(created.key));
    expect(listed.body).toEqual([expect.not.objectContaining({ key: expect.anything() })]);

    const row = await sut.dataSource.getRepository(ApiKeyEntity).findOneByOrFail({ id: created.id });
    expect(row.secretHash).toMatch(/^scrypt\$ln=14,r=8,p=1\$/);
    expect(row.secretHash).not.toContain(secretOf(created.key));
    expect(row.lastUsedAt).not.toBeNull();
    const [audit] = (await sut.dataSource.query(`SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'api_key.create'`, [created.id])) as Array<{ after: unknown }>;
    expect(audit.after).toMatchObject({ keyId: created.key.split('_')[1] });
    expect(JSON.stringify(audit.after)).not.toContain(secretOf(created.key));
  });

  it('accepts the key in Authorization: ApiKey as well', async () => {
    const response = await call(sut.baseUrl, 'GET', '/v1/organisations', { headers: { authorization: `ApiKey ${org.key}` } });
    expect(response.status).toBe(200);
  });

  it('defaults the expiry to API_KEY_DEFAULT_TTL_DAYS and honours expiresInDays', async () => {
    const defaulted = await sut.dataSource.getRepository(ApiKeyEntity).findOneByOrFail({ id: (await createKey()).id });
    const days = (defaulted.expiresAt.getTime() - defaulted.createdAt.getTime()) / 86_400_000;
    expect(days).toBe(sut.config.auth.apiKeyDefaultTtlDays);
    const short = await sut.dataSource.getRepository(ApiKeyEntity).findOneByOrFail({ id: (await createKey({ expiresInDays: 7 })).id });
    expect((short.expiresAt.getTime() - short.createdAt.getTime()) / 86_400_000).toBe(7);
  });

  it('refuses a wrong secret for a real key id with 401 API_KEY_INVALID', async () => {
    const created = await createKey();
    const [prefix, keyId] = created.key.split('_');
    const wrong = `${prefix}_${keyId}_${'A'.repeat(43)}`;
    const response = await call(sut.baseUrl, 'GET', '/v1/organisations', { key: wrong });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('API_KEY_INVALID');
  });

  it.each([
    ['an unknown key id', `vpp_${'0'.repeat(24)}_${'a'.repeat(43)}`],
    ['garbage', 'not-a-key'],
  ])('refuses %s with 401 API_KEY_INVALID', async (_label, key) => {
    const response = await call(sut.baseUrl, 'GET', '/v1/organisations', { key });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('API_KEY_INVALID');
  });

  it('asks for credentials when none are sent', async () => {
    const response = await call(sut.baseUrl, 'GET', '/v1/organisations');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('AUTH_REQUIRED');
  });

  it('refuses a revoked key with 401 API_KEY_REVOKED, at once', async () => {
    const created = await createKey();
    expect((await call(sut.baseUrl, 'GET', '/v1/organisations', { key: created.key })).status).toBe(200);
    const revoked = await call(sut.baseUrl, 'POST', `/v1/api-keys/${created.id}/revoke`, { key: org.key });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const response = await call(sut.baseUrl, 'GET', '/v1/organisations', { key: created.key });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('API_KEY_REVOKED');
  });

  it('refuses an expired key with 401 API_KEY_EXPIRED', async () => {
    const created = await createKey();
    expect((await call(sut.baseUrl, 'GET', '/v1/organisations', { key: created.key })).status).toBe(200);
    await sut.dataSource.getRepository(ApiKeyEntity).update({ id: created.id }, { expiresAt: new Date(Date.now() - 1000) });
    const response = await call(sut.baseUrl, 'GET', '/v1/organisations', { key: created.key });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('API_KEY_EXPIRED');
  });
});
