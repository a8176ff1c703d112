import { authorizationHeaderOf, hashCredentialsToken, newCredentialsToken, sameTokenHash, tokenFromAuthorizationHeader } from './credentials-token';

describe('credentials token', () => {
  it('round-trips through the 2.2.1 base64 Authorization header', () => {
    const token = newCredentialsToken();

    expect(authorizationHeaderOf(token)).toBe(`Token ${Buffer.from(token).toString('base64')}`);
    expect(tokenFromAuthorizationHeader(authorizationHeaderOf(token))).toBe(token);
  });

  it('still accepts a raw (2.1.1-style) token that is not base64 of printable text', () => {
    expect(tokenFromAuthorizationHeader('Token ebf3b399-779f-4497-9b9d-ac6ad3cc44d2')).toBe('ebf3b399-779f-4497-9b9d-ac6ad3cc44d2');
  });

  it.each([undefined, '', 'Bearer abc', 'Token', 'Token a b'])('finds no token in %p', (header) => {
    expect(tokenFromAuthorizationHeader(header)).toBeNull();
  });

  it('hashes deterministically and compares in constant time', () => {
    const hash = hashCredentialsToken('abc');

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sameTokenHash(hash, hashCredentialsToken('abc'))).toBe(true);
    expect(sameTokenHash(hash, hashCredentialsToken('abd'))).toBe(false);
  });
});
