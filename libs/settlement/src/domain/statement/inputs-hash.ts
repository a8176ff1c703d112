import { createHash } from 'node:crypto';
import type { StatementInputs } from './statement-inputs';

/** Bumped when the canonical form or a pricing rule changes meaning, so old hashes never match. */
export const INPUTS_HASH_FORMAT = 'settlement-inputs/v1';

/**
 * SHA-256 of the canonical JSON of the inputs: object keys sorted, decimals and quantities as
 * their canonical decimal strings, instants as ISO strings (their `toJSON`). Two runs over the
 * same inputs, in any process, give the same hash: the idempotency key of a statement.
 */
export function statementInputsHash(inputs: StatementInputs): string {
  return createHash('sha256').update(INPUTS_HASH_FORMAT).update('\n').update(canonicalJson(inputs)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, val: unknown) => (isPlainObject(val) ? sortedKeys(val) : val));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function sortedKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, value[key]]));
}
