import { KeyObject, sign, verify } from 'node:crypto';

const SIGNATURE_BYTES = 64;

/**
 * NaCl `crypto_sign` with Ed25519: the sealed message is the 64-byte signature followed by the
 * message itself, so a receiver can only get the plaintext by verifying it (`openSealedMessage`).
 */
export function sealMessage(message: Buffer, privateKey: KeyObject): Buffer {
  return Buffer.concat([sign(null, message, privateKey), message]);
}

/** `crypto_sign_open`: the message when the signature verifies under `publicKey`, else null. */
export function openSealedMessage(sealed: Buffer, publicKey: KeyObject): Buffer | null {
  if (sealed.length < SIGNATURE_BYTES) return null;
  const signature = sealed.subarray(0, SIGNATURE_BYTES);
  const message = sealed.subarray(SIGNATURE_BYTES);
  try {
    return verify(null, message, publicKey, signature) ? Buffer.from(message) : null;
  } catch {
    return null;
  }
}
