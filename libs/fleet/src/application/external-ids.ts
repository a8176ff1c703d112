import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ExternalEntityType, ExternalParty } from '../domain/fleet-vocabulary';
import { FleetError } from '../domain/fleet.errors';

const COUNTRY = /^[A-Z]{2}$/;
const PARTY = /^[A-Za-z0-9._-]{1,64}$/;

export function assertParty(party: ExternalParty): void {
  if (!COUNTRY.test(party.countryCode) || !PARTY.test(party.partyId)) {
    throw new FleetError('INVALID_PARTY', `party ${JSON.stringify(party)}: country code must be 2 upper-case letters, party id 1-64 of A-Z a-z 0-9 . _ -`);
  }
}

/** Our id for a party's external id, or null when we have never seen it. */
export async function resolveExternalId(manager: EntityManager, entityType: ExternalEntityType, party: ExternalParty, externalId: string): Promise<string | null> {
  const rows: { entity_id: string }[] = await manager.query(
    `SELECT entity_id FROM external_ids WHERE entity_type = $1 AND country_code = $2 AND party_id = $3 AND external_id = $4`,
    [entityType, party.countryCode, party.partyId, externalId],
  );
  return rows[0]?.entity_id ?? null;
}

/**
 * Maps the external id to `candidateId` unless it is mapped already; returns the id that won.
 * Two concurrent first sightings serialise on the unique key: the loser waits for the winner's
 * commit, then reads its id (READ COMMITTED sees it in the next statement).
 */
export async function claimExternalId(
  manager: EntityManager,
  entityType: ExternalEntityType,
  party: ExternalParty,
  externalId: string,
  candidateId: string,
): Promise<{ readonly entityId: string; readonly created: boolean }> {
  assertParty(party);
  const inserted: { entity_id: string }[] = await manager.query(
    `INSERT INTO external_ids (id, entity_type, entity_id, country_code, party_id, external_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT ON CONSTRAINT uq_external_ids_party_external_id DO NOTHING
     RETURNING entity_id`,
    [randomUUID(), entityType, candidateId, party.countryCode, party.partyId, externalId],
  );
  if (inserted.length === 1) return { entityId: candidateId, created: true };
  const existing = await resolveExternalId(manager, entityType, party, externalId);
  if (existing === null) throw new FleetError('UNKNOWN_ENTITY', `external ${entityType} ${externalId} vanished while being claimed`);
  return { entityId: existing, created: false };
}

export function assertInTransaction(manager: EntityManager, what: string): void {
  if (!manager.queryRunner?.isTransactionActive) throw new Error(`${what} runs inside the caller's transaction`);
}
