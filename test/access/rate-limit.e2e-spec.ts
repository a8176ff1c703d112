import { AccessTestApp, call, seedOrganisation, startAccessTestApp } from './access-test-app';

describe('rate limit per client', () => {
  let sut: AccessTestApp;

  beforeAll(async () => {
    sut = await startAccessTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await sut.close();
  });

  it('answers 429 problem+json with Retry-After once a key exceeds its limit, and only that key', async () => {
    const noisy = await seedOrganisation(sut.dataSource, 'cpo');
    const quiet = await seedOrganisation(sut.dataSource, 'cpo');
    for (let request = 1; request <= 3; request += 1) {
      expect((await call(sut.baseUrl, 'GET', '/v1/organisations', { key: noisy.key })).status).toBe(200);
    }
    const limited = await call(sut.baseUrl, 'GET', '/v1/organisations', { key: noisy.key });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    const retryAfter = Number.parseInt(limited.headers.get('retry-after') ?? '', 10);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await call(sut.baseUrl, 'GET', '/v1/organisations', { key: quiet.key })).status).toBe(200);
  });

  it('counts a key before its secret is checked, so guessing secrets is throttled too', async () => {
    const target = await seedOrganisation(sut.dataSource, 'oem');
    const [prefix, keyId] = target.key.split('_');
    const guess = `${prefix}_${keyId}_${'B'.repeat(43)}`;
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect((await call(sut.baseUrl, 'GET', '/v1/organisations', { key: guess })).status).toBe(401);
    }
    expect((await call(sut.baseUrl, 'GET', '/v1/organisations', { key: guess })).status).toBe(429);
  });
});
