import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * Slow hash for passwords and API key secrets: scrypt from node:crypto (no native add-on to build),
 * with a per-secret salt and the cost parameters stored next to the hash so they can be raised
 * later without invalidating existing hashes. Format: `scrypt$ln=14,r=8,p=1$<salt>$<hash>` (base64url).
 */
export interface ScryptCost {
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

// 2^14 * 8 * 128 B = 16 MiB and about 50 ms per hash on our machines (OWASP minimum for scrypt).
export const DEFAULT_SCRYPT_COST: ScryptCost = { logN: 14, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function derive(secret: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** cost.logN, r: cost.r, p: cost.p, maxmem: 2 ** cost.logN * cost.r * 256 };
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashSecret(secret: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, cost);
  return `scrypt$ln=${cost.logN},r=${cost.r},p=${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const FORMAT = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** Constant-time comparison; a malformed stored hash verifies as false rather than throwing. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) return false;
  const cost = { logN: Number.parseInt(match[1], 10), r: Number.parseInt(match[2], 10), p: Number.parseInt(match[3], 10) };
  if (cost.logN < 10 || cost.logN > 20) return false;
  const expected = Buffer.from(match[5], 'base64url');
  const actual = await derive(secret, Buffer.from(match[4], 'base64url'), cost);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
