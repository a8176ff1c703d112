import { SecretCipher } from './secret-cipher';

describe(SecretCipher.name, () => {
  const sut = new SecretCipher('a-test-key-of-at-least-thirty-two-characters');

  it('round-trips a secret, with a fresh IV each time', () => {
    const first = sut.encrypt('token-b');
    const second = sut.encrypt('token-b');

    expect(first).not.toBe(second);
    expect(first).not.toContain('token-b');
    expect(sut.decrypt(first)).toBe('token-b');
  });

  it('opens a value sealed by the per-context ciphers it replaces (same v1 format and key derivation)', () => {
    const storedBefore = 'v1.uSZZPqPk_Rm9KB3u.l-Mvp9xtqbG_hupawyE8UQ.i4MwVw6yfYZeEwbSeVRCDL7Ug0Lh5Q';

    expect(sut.decrypt(storedBefore)).toBe('sealed-before-the-move');
  });

  it('refuses a tampered ciphertext, another key or another format', () => {
    const sealed = sut.encrypt('token-b');
    const [version, iv, tag, data] = sealed.split('.');
    const tampered = [version, iv, tag, `${data.slice(0, -2)}AA`].join('.');

    expect(() => sut.decrypt(tampered)).toThrow();
    expect(() => new SecretCipher('another-key-of-at-least-thirty-two-characters').decrypt(sealed)).toThrow();
    expect(() => sut.decrypt(`v2.${iv}.${tag}.${data}`)).toThrow('not a secret sealed by SecretCipher');
  });
});
