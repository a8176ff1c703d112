import { keyedPseudonym, PSEUDONYM_PATTERN, PrivacyError } from './pseudonym';

const SECRET = 'test-secret-of-at-least-32-characters-000';

describe(keyedPseudonym.name, () => {
  it('is a stable 64-hex HMAC per kind and value', () => {
    const sut = keyedPseudonym(SECRET, 'ocpi-token', '04A1B2C3');
    expect(sut).toMatch(PSEUDONYM_PATTERN);
    expect(keyedPseudonym(SECRET, 'ocpi-token', '04A1B2C3')).toBe(sut);
    expect(keyedPseudonym(SECRET, 'ocpi-token', '  04A1B2C3 ')).toBe(sut);
  });

  it('differs per kind, per key and per case of the identifier', () => {
    const sut = keyedPseudonym(SECRET, 'ocpi-token', 'abc');
    expect(keyedPseudonym(SECRET, 'oem-account', 'abc')).not.toBe(sut);
    expect(keyedPseudonym(`${SECRET}x`, 'ocpi-token', 'abc')).not.toBe(sut);
    expect(keyedPseudonym(SECRET, 'ocpi-token', 'ABC')).not.toBe(sut);
  });

  it('never contains the identifier and refuses an empty one', () => {
    expect(keyedPseudonym(SECRET, 'driver', 'deadbeef')).not.toContain('deadbeef');
    expect(() => keyedPseudonym(SECRET, 'driver', '  ')).toThrow(PrivacyError);
  });
});
