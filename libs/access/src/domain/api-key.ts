import { randomBytes } from 'node:crypto';
import { AccessError } from './access.errors';

/**
 * Presented key: `vpp_<keyId>_<secret>`. The key id (public, 24 hex chars) finds the row without
 * touching the secret; only the secret's scrypt hash is stored, so the key is shown once.
 */
export const API_KEY_PREFIX = 'vpp';
const KEY_ID_PATTERN = /^[0-9a-f]{24}$/;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface ParsedApiKey {
  readonly keyId: string;
  readonly secret: string;
}

export interface GeneratedApiKey extends ParsedApiKey {
  /** The full key to hand to the partner once. */
  readonly plaintext: string;
}

export function generateApiKey(): GeneratedApiKey {
  const keyId = randomBytes(12).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secret, plaintext: formatApiKey(keyId, secret) };
}

export function formatApiKey(keyId: string, secret: string): string {
  return `${API_KEY_PREFIX}_${keyId}_${secret}`;
}

/** Returns null for anything that is not shaped like one of our keys. */
export function parseApiKey(presented: string): ParsedApiKey | null {
  const prefix = `${API_KEY_PREFIX}_`;
  if (!presented.startsWith(prefix)) return null;
  const rest = presented.slice(prefix.length);
  const separator = rest.indexOf('_');
  if (separator < 0) return null;
  const keyId = rest.slice(0, separator);
  const secret = rest.slice(separator + 1);
  if (!KEY_ID_PATTERN.test(keyId) || !SECRET_PATTERN.test(secret)) return null;
  return { keyId, secret };
}

export interface ApiKeyState {
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

/**
 * Revocation wins over expiry so a partner whose key was revoked learns that, not "expired".
 * Call only after the secret verified: an attacker without the secret learns nothing.
 */
export function assertApiKeyUsable(key: ApiKeyState, now: Date): void {
  if (key.revokedAt !== null && key.revokedAt.getTime() <= now.getTime()) {
    throw new AccessError('API_KEY_REVOKED', 'the API key has been revoked');
  }
  if (key.expiresAt.getTime() <= now.getTime()) {
    throw new AccessError('API_KEY_EXPIRED', 'the API key has expired');
  }
}

export function apiKeyExpiry(createdAt: Date, ttlDays: number): Date {
  return new Date(createdAt.getTime() + ttlDays * 86_400_000);
}
