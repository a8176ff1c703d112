import { generateKeyPairSync } from 'node:crypto';
import { encodeCs1PublicKey, parseCs1PublicKey } from './cs1-key';
import { openSealedMessage, sealMessage } from './sealed-message';

describe('cs1 public keys', () => {
  const signing = generateKeyPairSync('ed25519');
  const encryption = generateKeyPairSync('x25519');

  it('encodes signing || encryption key as cs1. + base64 of 64 bytes and parses it back', () => {
    const text = encodeCs1PublicKey(signing.publicKey, encryption.publicKey);
    expect(text).toMatch(/^cs1\.[A-Za-z0-9+/]{86}==$/);
    expect(Buffer.from(text.slice(4), 'base64')).toHaveLength(64);
    const parsed = parseCs1PublicKey(text);
    expect(parsed.signingKey.export({ format: 'jwk' }).x).toBe(signing.publicKey.export({ format: 'jwk' }).x);
    expect(parsed.encryptionKey.toString('base64url')).toBe(encryption.publicKey.export({ format: 'jwk' }).x);
  });

  it('parses the example key of message-transport-mechanism.md', () => {
    expect(() => parseCs1PublicKey('cs1.V4lZrkYHq8FzneXxUML+QEMXMul3tBm+gPGoVDIZBA92VoWTu8/kRu2Zx72XOm1i/qwwoSgXjqSAqSa43myCaQ==')).not.toThrow();
  });

  it.each(['cs2.AAAA', 'cs1.', `cs1.${Buffer.alloc(32).toString('base64')}`, 'cs1.not base64!'])('refuses %s', (text) => {
    expect(() => parseCs1PublicKey(text)).toThrow(expect.objectContaining({ code: 'UFTP_INVALID_KEY' }));
  });

  it('refuses to encode keys of the wrong kinds', () => {
    expect(() => encodeCs1PublicKey(encryption.publicKey, signing.publicKey)).toThrow(expect.objectContaining({ code: 'UFTP_INVALID_KEY' }));
  });
});

describe('sealed messages (crypto_sign)', () => {
  const keys = generateKeyPairSync('ed25519');
  const message = Buffer.from('<FlexRequest/>', 'utf8');

  it('is the 64-byte signature followed by the message, and opens with the right key', () => {
    const sealed = sealMessage(message, keys.privateKey);
    expect(sealed).toHaveLength(64 + message.length);
    expect(sealed.subarray(64).equals(message)).toBe(true);
    expect(openSealedMessage(sealed, keys.publicKey)?.toString('utf8')).toBe('<FlexRequest/>');
  });

  it('does not open with another key, tampered content or a short blob', () => {
    const sealed = sealMessage(message, keys.privateKey);
    expect(openSealedMessage(sealed, generateKeyPairSync('ed25519').publicKey)).toBeNull();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 2] ^= 1;
    expect(openSealedMessage(tampered, keys.publicKey)).toBeNull();
    expect(openSealedMessage(Buffer.alloc(10), keys.publicKey)).toBeNull();
  });
});
