import { createHash } from 'node:crypto';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The hashed content of one audit entry; `seq` is storage detail and not part of the chain. */
export interface AuditEntryContent {
  readonly organisationId: string;
  readonly chainPosition: number;
  readonly actorType: string;
  readonly actorId: string | null;
  readonly actorOrganisationId: string | null;
  readonly onBehalfOfOrganisationId: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly before: JsonValue | null;
  readonly after: JsonValue | null;
  readonly occurredAt: Date;
  readonly correlationId: string | null;
}

export interface ChainedAuditEntry extends AuditEntryContent {
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level and no whitespace, so the same entry always hashes
 * the same, whatever order PostgreSQL jsonb hands the keys back in.
 */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('audit values must be finite');
  return JSON.stringify(value);
}

function contentAsJson(entry: AuditEntryContent): JsonValue {
  return {
    organisationId: entry.organisationId,
    chainPosition: entry.chainPosition,
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorOrganisationId: entry.actorOrganisationId,
    onBehalfOfOrganisationId: entry.onBehalfOfOrganisationId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before,
    after: entry.after,
    occurredAt: entry.occurredAt.toISOString(),
    correlationId: entry.correlationId,
  };
}

/** SHA-256 over the previous hash and the canonical JSON of the entry, hex encoded. */
export function auditEntryHash(entry: AuditEntryContent, prevHash: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(contentAsJson(entry))).digest('hex');
}

export function chainEntry(entry: AuditEntryContent, prevHash: string): ChainedAuditEntry {
  return { ...entry, prevHash, hash: auditEntryHash(entry, prevHash) };
}

export type ChainVerification =
  | { readonly ok: true; readonly entries: number; readonly lastHash: string }
  | { readonly ok: false; readonly brokenAt: number; readonly reason: 'gap' | 'prev_hash_mismatch' | 'hash_mismatch' };

/**
 * Walks one tenant's chain in position order. Reports the first position whose link or content
 * does not check out; positions must run 1, 2, 3... without gaps (a deleted row is a break).
 */
export function verifyChain(entries: readonly ChainedAuditEntry[], start: { position: number; hash: string } = { position: 0, hash: GENESIS_HASH }): ChainVerification {
  let expectedPosition = start.position + 1;
  let prevHash = start.hash;
  for (const entry of entries) {
    if (entry.chainPosition !== expectedPosition) return { ok: false, brokenAt: expectedPosition, reason: 'gap' };
    if (entry.prevHash !== prevHash) return { ok: false, brokenAt: entry.chainPosition, reason: 'prev_hash_mismatch' };
    if (auditEntryHash(entry, entry.prevHash) !== entry.hash) {
      return { ok: false, brokenAt: entry.chainPosition, reason: 'hash_mismatch' };
    }
    prevHash = entry.hash;
    expectedPosition += 1;
  }
  return { ok: true, entries: expectedPosition - start.position - 1, lastHash: prevHash };
}
