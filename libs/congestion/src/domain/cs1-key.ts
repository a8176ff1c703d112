import { createPublicKey, KeyObject } from 'node:crypto';
import { CongestionError } from './congestion.errors';

const PREFIX = 'cs1.';
const KEY_BYTES = 32;

/**
 * Cryptographic scheme 1 public keys (message-transport-mechanism.md): `cs1.` + base64 of 64 bytes,
 * the Ed25519 signing key (NaCl crypto_sign) followed by the X25519 encryption key (crypto_box).
 * We only sign and verify; the encryption half is carried so the published key is complete.
 */
export interface Cs1PublicKey {
  readonly signingKey: KeyObject;
  /** 32 raw bytes of the crypto_box public key. */
  readonly encryptionKey: Buffer;
}

function rawOkpKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new CongestionError('UFTP_INVALID_KEY', 'not an OKP public key');
  return Buffer.from(jwk.x, 'base64url');
}

/** `cs1.<base64(signing || encryption)>` for two public KeyObjects (Ed25519, X25519). */
export function encodeCs1PublicKey(signingKey: KeyObject, encryptionKey: KeyObject): string {
  if (signingKey.asymmetricKeyType !== 'ed25519' || encryptionKey.asymmetricKeyType !== 'x25519') {
    throw new CongestionError('UFTP_INVALID_KEY', 'cs1 needs an Ed25519 signing key and an X25519 encryption key');
  }
  return PREFIX + Buffer.concat([rawOkpKey(signingKey), rawOkpKey(encryptionKey)]).toString('base64');
}

/** @throws CongestionError `UFTP_INVALID_KEY` for a string that is not a 64-byte cs1 key. */
export function parseCs1PublicKey(text: string): Cs1PublicKey {
  const body = typeof text === 'string' && text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(body) ? Buffer.from(body, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 2 * KEY_BYTES) throw new CongestionError('UFTP_INVALID_KEY', 'a cs1 public key is "cs1." + base64 of 64 bytes');
  const signingKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: bytes.subarray(0, KEY_BYTES).toString('base64url') }, format: 'jwk' });
  return { signingKey, encryptionKey: Buffer.from(bytes.subarray(KEY_BYTES)) };
}
