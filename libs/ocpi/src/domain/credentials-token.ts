import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A new credentials token: 32 random bytes, base64url, so it is printable and has no `=`. */
export function newCredentialsToken(): string {
  return randomBytes(32).toString('base64url');
}

/** OCPI 2.2.1 transport_and_format "Authorization header": the token travels base64-encoded. */
export function authorizationHeaderOf(token: string): string {
  return `Token ${Buffer.from(token, 'utf8').toString('base64')}`;
}

/**
 * The credentials token in an `Authorization` header, or null. 2.2.1 requires base64; a token
 * sent raw (the 2.1.1 habit, still common) is accepted when it does not decode to printable ASCII.
 */
export function tokenFromAuthorizationHeader(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Token\s+(\S+)$/i.exec(header.trim());
  if (!match) return null;
  const value = match[1];
  if (BASE64.test(value) && value.length % 4 === 0) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    if (PRINTABLE_ASCII.test(decoded)) return decoded;
  }
  return PRINTABLE_ASCII.test(value) ? value : null;
}

/**
 * Our tokens are 256-bit random values, so a fast SHA-256 is enough to store them (no dictionary
 * to attack) and lets every request find its party by an indexed lookup instead of a slow KDF.
 */
export function hashCredentialsToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sameTokenHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
