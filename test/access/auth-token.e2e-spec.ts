import { JwtService } from '@nestjs/jwt';
import { UserEntity } from '@vpp/access';
import { AccessTestApp, call, seedOrganisation, SeededOrganisation, seedUser, startAccessTestApp } from './access-test-app';

describe('user tokens and role guards', () => {
  const password = 'correct horse battery staple';
  let sut: AccessTestApp;
  let org: SeededOrganisation;
  let user: UserEntity;

  beforeAll(async () => {
    sut = await startAccessTestApp();
    org = await seedOrganisation(sut.dataSource, 'brp');
    user = await seedUser(sut.dataSource, org.organisationId, password, 'member');
  });

  afterAll(async () => {
    await sut.close();
  });

  async function tokenFor(email: string, pass: string): Promise<{ status: number; token: string; code?: string }> {
    const response = await call(sut.baseUrl, 'POST', '/v1/auth/token', { body: { email, password: pass } });
    return { status: response.status, token: String(response.body.accessToken), code: response.body.code };
  }

  it('issues a short-lived JWT for the right password that authenticates requests', async () => {
    const issued = await call(sut.baseUrl, 'POST', '/v1/auth/token', { body: { email: user.email.toUpperCase(), password } });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ tokenType: 'Bearer', expiresInSeconds: sut.config.auth.jwtTtlSeconds });
    const me = await call(sut.baseUrl, 'GET', `/v1/users/${user.id}`, { token: String(issued.body.accessToken) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.id, email: user.email, role: 'member' });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    expect(await tokenFor(user.email, 'wrong password!')).toMatchObject({ status: 401, code: 'CREDENTIALS_INVALID' });
    expect(await tokenFor('nobody@example.com', password)).toMatchObject({ status: 401, code: 'CREDENTIALS_INVALID' });
  });

  it('refuses an expired JWT with 401 TOKEN_EXPIRED', async () => {
    // Same secret as the app, so only the expiry is wrong.
    const jwt = new JwtService({ secret: sut.config.auth.jwtSecret });
    const expired = await jwt.signAsync({ sub: user.id, org: org.organisationId, typ: 'access', exp: Math.floor(Date.now() / 1000) - 5 });
    const response = await call(sut.baseUrl, 'GET', '/v1/organisations', { token: expired });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('TOKEN_EXPIRED');
  });

  it.each([
    ['signed with another secret', () => new JwtService({ secret: 'x'.repeat(40) }).signAsync({ sub: '00000000-0000-4000-8000-000000000000', org: 'o', typ: 'access' })],
    ['not a JWT', () => Promise.resolve('abc.def.ghi')],
  ])('refuses a token %s with 401 TOKEN_INVALID', async (_label, makeToken) => {
    const response = await call(sut.baseUrl, 'GET', '/v1/organisations', { token: await makeToken() });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('TOKEN_INVALID');
  });

  it('refuses the token of a user disabled after it was issued', async () => {
    const victim = await seedUser(sut.dataSource, org.organisationId, password, 'member');
    const { token } = await tokenFor(victim.email, password);
    expect((await call(sut.baseUrl, 'GET', '/v1/organisations', { token })).status).toBe(200);
    const disabled = await call(sut.baseUrl, 'POST', `/v1/users/${victim.id}/disable`, { key: org.key });
    expect(disabled.status).toBe(200);
    expect((await call(sut.baseUrl, 'GET', '/v1/organisations', { token })).body.code).toBe('TOKEN_INVALID');
  });

  it('answers 403 FORBIDDEN_ROLE to an organisation kind the route does not allow', async () => {
    // POST /v1/organisations is @Roles('operator'); the caller is a BRP admin.
    const response = await call(sut.baseUrl, 'POST', '/v1/organisations', { key: org.key, body: { name: 'x', kind: 'cpo', country: 'NL' } });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN_ROLE');
  });

  it('answers 403 FORBIDDEN_ROLE to a member on an admin-only route', async () => {
    const { token } = await tokenFor(user.email, password);
    const response = await call(sut.baseUrl, 'POST', '/v1/users', { token, body: { email: 'new@example.com', password: 'long enough password', role: 'member' } });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN_ROLE');
    expect(await sut.dataSource.getRepository(UserEntity).countBy({ email: 'new@example.com', organisationId: org.organisationId })).toBe(0);
  });
});
