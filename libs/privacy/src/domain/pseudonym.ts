import { createHmac } from 'node:crypto';

/**
 * The identifier kinds we pseudonymise (issue 3 item 7). The kind is part of the hashed input, so
 * the same string as an OCPI token uid and as an OEM account id gives unrelated hashes: a leak of
 * one table cannot be joined with another by value.
 */
export const PSEUDONYM_KINDS = ['driver', 'ocpi-token', 'oem-account'] as const;
export type PseudonymKind = (typeof PSEUDONYM_KINDS)[number];

/** A keyed hash as stored: 64 lower-case hex characters (HMAC-SHA256). */
export type Pseudonym = string;

export const PSEUDONYM_PATTERN = /^[0-9a-f]{64}$/;

/**
 * HMAC-SHA256 over `kind` and the identifier. Keyed, not a plain hash, because identifiers such
 * as RFID uids have little entropy: without the key nobody can rebuild the mapping by hashing
 * every candidate. Surrounding white space is not part of an identifier; case is (OCPI 2.2.1
 * token uids are compared as given).
 */
export function keyedPseudonym(secret: string, kind: PseudonymKind, identifier: string): Pseudonym {
  const value = identifier.trim();
  if (value.length === 0) throw new PrivacyError('IDENTIFIER_EMPTY', 'an empty identifier cannot be pseudonymised');
  return createHmac('sha256', secret).update(`${kind}\u0000${value}`, 'utf8').digest('hex');
}

export type PrivacyErrorCode = 'IDENTIFIER_EMPTY' | 'PERSONAL_DATA_SUBJECT_INVALID';

export class PrivacyError extends Error {
  constructor(
    readonly code: PrivacyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PrivacyError';
  }
}
