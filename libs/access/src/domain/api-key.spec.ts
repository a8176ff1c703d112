import { AccessError } from './access.errors';
import { apiKeyExpiry, assertApiKeyUsable, formatApiKey, generateApiKey, parseApiKey } from './api-key';

function codeOf(action: () => void): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof AccessError ? error.code : 'not an AccessError';
  }
}

describe('api key', () => {
  const now = new Date('2026-01-10T12:00:00.000Z');

  it('generates keys that parse back to their id and secret', () => {
    const sut = generateApiKey();
    expect(sut.plaintext).toMatch(/^vpp_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(sut.plaintext)).toEqual({ keyId: sut.keyId, secret: sut.secret });
  });

  it('generates a different key every time', () => {
    expect(generateApiKey().plaintext).not.toBe(generateApiKey().plaintext);
  });

  it('keeps underscores that belong to the secret', () => {
    const secret = 'a_b'.padEnd(43, 'x');
    expect(parseApiKey(formatApiKey('0123456789abcdef01234567', secret))?.secret).toBe(secret);
  });

  it.each([
    ['', 'empty'],
    ['vpp_', 'prefix only'],
    ['xyz_0123456789abcdef01234567_' + 'a'.repeat(43), 'wrong prefix'],
    ['vpp_0123456789ABCDEF01234567_' + 'a'.repeat(43), 'upper-case key id'],
    ['vpp_0123456789abcdef01234567_' + 'a'.repeat(42), 'short secret'],
    ['vpp_0123456789abcdef01234567', 'no secret'],
  ])('refuses %p (%s)', (presented) => {
    expect(parseApiKey(presented)).toBeNull();
  });

  it('accepts a key before its expiry', () => {
    expect(codeOf(() => assertApiKeyUsable({ expiresAt: new Date(now.getTime() + 1), revokedAt: null }, now))).toBeUndefined();
  });

  it('refuses a key exactly at its expiry instant', () => {
    expect(codeOf(() => assertApiKeyUsable({ expiresAt: now, revokedAt: null }, now))).toBe('API_KEY_EXPIRED');
  });

  it('reports revocation before expiry', () => {
    const past = new Date(now.getTime() - 1000);
    expect(codeOf(() => assertApiKeyUsable({ expiresAt: past, revokedAt: past }, now))).toBe('API_KEY_REVOKED');
  });

  it('computes expiry from the TTL in days', () => {
    // 30 days * 86 400 000 ms
    expect(apiKeyExpiry(now, 30).toISOString()).toBe('2026-02-09T12:00:00.000Z');
  });
});
