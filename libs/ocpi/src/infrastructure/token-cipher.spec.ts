import { TokenCipher } from './token-cipher';

describe(TokenCipher.name, () => {
  const sut = new TokenCipher('a-test-key-of-at-least-thirty-two-characters');

  it('round-trips a token, with a fresh IV each time', () => {
    const first = sut.encrypt('token-b');
    const second = sut.encrypt('token-b');

    expect(first).not.toBe(second);
    expect(first).not.toContain('token-b');
    expect(sut.decrypt(first)).toBe('token-b');
  });

  it('refuses a tampered ciphertext or another key', () => {
    const sealed = sut.encrypt('token-b');
    const [version, iv, tag, data] = sealed.split('.');
    const tampered = [version, iv, tag, `${data.slice(0, -2)}AA`].join('.');

    expect(() => sut.decrypt(tampered)).toThrow();
    expect(() => new TokenCipher('another-key-of-at-least-thirty-two-characters').decrypt(sealed)).toThrow();
  });
});
