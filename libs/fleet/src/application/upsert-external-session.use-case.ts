import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { buildIdempotencyKey, enqueueInTransaction, JobName } from '@vpp/queues';
import { EnergyKwh } from '@vpp/units';
import type { ExternalParty, SessionSource } from '../domain/fleet-vocabulary';
import { FleetError } from '../domain/fleet.errors';
import { sessionNeedsIssue } from '../domain/session-needs';
import { SESSION_STATUSES, canTransition } from '../domain/session-status';
import { SessionState, SessionUpdate, applySessionUpdate } from '../domain/session-update';
import { SessionEntity } from '../infrastructure/persistence/session.entity';
import { assertInTransaction, claimExternalId, resolveExternalId } from './external-ids';
import { sessionColumnsOf, sessionColumnsOfUpdate, sessionStateOf } from './session.mapper';

export interface UpsertExternalSessionCommand {
  readonly party: ExternalParty;
  /** The party's session id (OCPI `id`, OCPP `transactionId`, an OEM charge id). */
  readonly externalSessionId: string;
  readonly source: Exclude<SessionSource, 'import'>;
  /** The source's last-modified time (OCPI `last_updated`; OCPP/OEM: the message's own timestamp). */
  readonly lastUpdated: Date;
  /** When we received it; drives staleness. Defaults to now. */
  readonly receivedAt?: Date;
  /**
   * Our session id when the caller already holds it (e.g. `ocpi_sessions.fleet_session_id`, written
   * by an earlier upsert of the same external session): skips the external-id lookup. A wrong id
   * fails with SESSION_NOT_FOUND; it never creates a session.
   */
  readonly sessionId?: string;
  /**
   * The caller holds no mapping for this external session (e.g. no `ocpi_sessions` row for it
   * yet), so it is most likely new: the external id is claimed straight away instead of looked up
   * first, one statement fewer at plug-in. A session that turns out to be known is updated as
   * without the hint. Only with the fields a first sighting needs (INCOMPLETE_SESSION otherwise).
   */
  readonly likelyNew?: boolean;
  /** For a first sighting `fleetId`, `evseId` and `arrivalAt` are required; later updates may be partial. */
  readonly fields: SessionUpdate;
}

export type UpsertExternalSessionResult = {
  readonly sessionId: string;
  readonly outcome: 'created' | 'updated' | 'ignored_older';
};

/**
 * Creates or updates our session for a party's session id (issue 3, items 1-3). Idempotent: the
 * same update twice leaves one row with the same content; an update older than what we hold is
 * ignored. Runs in the caller's transaction (`manager`), so the OCPI/OCPP adapter can write its
 * own rows atomically with it. When the source reports a departure or energy need that is new or
 * changed, it also enqueues the recording of the session's baseline as known at `lastUpdated`
 * (`planning.record-session-baseline`), in the same transaction.
 *
 * @throws FleetError INCOMPLETE_SESSION (first sighting without fleet, EVSE or arrival),
 *   INVALID_SESSION_TRANSITION, INVALID_SOC, INVALID_PARTY.
 */
@Injectable()
export class UpsertExternalSessionUseCase {
  async execute(manager: EntityManager, command: UpsertExternalSessionCommand): Promise<UpsertExternalSessionResult> {
    assertInTransaction(manager, 'upsertExternalSession');
    const seen: NeedsSeen = { before: null };
    const result = await this.upsert(manager, command, seen);
    await enqueueBaselineOnNewNeeds(manager, result, command, seen.before);
    return result;
  }

  private async upsert(manager: EntityManager, command: UpsertExternalSessionCommand, seen: NeedsSeen): Promise<UpsertExternalSessionResult> {
    if (command.sessionId !== undefined) return this.update(manager, command.sessionId, command, seen);
    if (command.likelyNew !== true) {
      const known = await resolveExternalId(manager, 'session', command.party, command.externalSessionId);
      if (known !== null) return this.update(manager, known, command, seen);
    }
    const initial = initialState(command);
    const claim = await claimExternalId(manager, 'session', command.party, command.externalSessionId, randomUUID());
    if (!claim.created) return this.update(manager, claim.entityId, command, seen);
    const receivedAt = command.receivedAt ?? new Date();
    const row = manager.create(SessionEntity, {
      ...sessionColumnsOf(initial),
      id: claim.entityId,
      source: command.source,
      historical: false,
      unusableReason: sessionNeedsIssue(initial),
      lastSeenAt: receivedAt,
      importRef: null,
      createdAt: receivedAt,
      updatedAt: receivedAt,
    });
    await manager.insert(SessionEntity, row);
    return { sessionId: claim.entityId, outcome: 'created' };
  }

  private async update(manager: EntityManager, sessionId: string, command: UpsertExternalSessionCommand, seen: NeedsSeen): Promise<UpsertExternalSessionResult> {
    if (reportsNeeds(command)) seen.before = await storedNeeds(manager, sessionId);
    if (await updateInOneStatement(manager, sessionId, command)) return { sessionId, outcome: 'updated' };
    // Not applied in one statement: older than what we hold, an invalid status move, a SoC to
    // refuse, or no such row. The domain path sorts these out with the same rules (and errors).
    return this.updateViaDomain(manager, sessionId, command);
  }

  private async updateViaDomain(manager: EntityManager, sessionId: string, command: UpsertExternalSessionCommand): Promise<UpsertExternalSessionResult> {
    const row = await manager.findOne(SessionEntity, { where: { id: sessionId }, lock: { mode: 'pessimistic_write' } });
    if (row === null) throw new FleetError('SESSION_NOT_FOUND', `session ${sessionId} is mapped but missing`);
    const outcome = applySessionUpdate(sessionStateOf(row), command.fields, command.lastUpdated);
    if (outcome.kind === 'ignored_older') return { sessionId, outcome: 'ignored_older' };
    const receivedAt = command.receivedAt ?? new Date();
    const lastSeenAt = receivedAt.getTime() > row.lastSeenAt.getTime() ? receivedAt : row.lastSeenAt;
    await manager.update(SessionEntity, { id: sessionId }, { ...sessionColumnsOf(outcome.next), unusableReason: outcome.unusableReason, lastSeenAt, updatedAt: new Date() });
    return { sessionId, outcome: 'updated' };
  }
}

/** Needs a source reports (departure, energy need), as stored: what decides whether they changed. */
type ReportedNeeds = { departure: number | null; needKwh: string | null };
/** The needs the row held before this upsert (null: a new session, or no needs reported). */
type NeedsSeen = { before: ReportedNeeds | null };

function reportsNeeds(command: UpsertExternalSessionCommand): boolean {
  return command.fields.expectedDepartureAt != null || command.fields.energyNeedKwh != null;
}

async function storedNeeds(manager: EntityManager, sessionId: string): Promise<ReportedNeeds | null> {
  const rows: { expected_departure_at: Date | null; energy_need_kwh: string | null }[] = await manager.query(
    `SELECT expected_departure_at, energy_need_kwh FROM sessions WHERE id = $1`,
    [sessionId],
  );
  return rows.length === 0 ? null : { departure: rows[0].expected_departure_at?.getTime() ?? null, needKwh: rows[0].energy_need_kwh };
}

/**
 * A session whose source now reports a departure or energy need it did not hold before (a first
 * sighting with them, or a changed value) gets its baseline recorded as known at the report's
 * `lastUpdated`; repeats of the same needs (OCPP sends them with every TransactionEvent) do not.
 */
async function enqueueBaselineOnNewNeeds(manager: EntityManager, result: UpsertExternalSessionResult, command: UpsertExternalSessionCommand, before: ReportedNeeds | null): Promise<void> {
  if (result.outcome === 'ignored_older' || !reportsNeeds(command)) return;
  const after = await storedNeeds(manager, result.sessionId);
  if (after === null || (after.departure === null && after.needKwh === null)) return;
  if (before !== null && before.departure === after.departure && before.needKwh === after.needKwh) return;
  const knownAt = command.lastUpdated;
  const idempotencyKey = buildIdempotencyKey('session-baseline', result.sessionId, String(knownAt.getTime()));
  await enqueueInTransaction(manager, {
    name: JobName.RecordSessionBaseline,
    payload: { schemaVersion: 1, correlationId: idempotencyKey, idempotencyKey, sessionId: result.sessionId, knownAt: knownAt.toISOString() },
  });
}

/** Every allowed `from -> to` status move (staying included), from the domain's own table. */
const ALLOWED_MOVES = SESSION_STATUSES.flatMap((from) => SESSION_STATUSES.filter((to) => canTransition(from, to)).map((to) => `('${from}','${to}')`)).join(', ');

/**
 * `applySessionUpdate` as one locking UPDATE ... RETURNING (the hot path: one round trip instead
 * of lookup + SELECT FOR UPDATE + UPDATE). It applies only when the update is not older than the
 * stored `external_updated_at` and the status move is allowed (so a finished session never
 * reopens); the row lock and PostgreSQL's re-check of the WHERE clause against a concurrently
 * committed version keep it order-safe. `unusable_reason` is `sessionNeedsIssue` of the merged
 * row. Returns false when nothing was written; updates carrying a SoC are left to the domain path,
 * which validates them (INVALID_SOC) before anything is written.
 */
async function updateInOneStatement(manager: EntityManager, sessionId: string, command: UpsertExternalSessionCommand): Promise<boolean> {
  const { status, ...columns } = sessionColumnsOfUpdate(command.fields);
  if (command.fields.targetSocPct !== undefined || command.fields.minSocPct !== undefined) return false;
  const metadata = manager.connection.getMetadata(SessionEntity);
  const params: unknown[] = [sessionId, command.lastUpdated, command.receivedAt ?? new Date(), new Date(), status ?? null];
  const param = (value: unknown): string => `$${params.push(value)}`;
  const next = new Map<string, string>();
  for (const [property, value] of Object.entries(columns)) {
    const column = metadata.findColumnWithPropertyName(property);
    if (column === undefined) throw new Error(`sessions has no column for ${property}`);
    next.set(column.databaseName, `${param(toDatabase(column, value))}::${sqlTypeOf(column)}`);
  }
  const value = (name: string): string => next.get(name) ?? `s.${name}`;
  const requested = `coalesce($5::text, CASE WHEN s.status = 'stale' THEN 'plugged_in' ELSE s.status END)`;
  const sets = [...next].map(([name, expression]) => `${name} = ${expression}`);
  const rows: unknown[] = await manager.query(
    `UPDATE sessions s SET ${[...sets, `status = ${requested}`].join(', ')},
       unusable_reason = CASE
         WHEN ${value('expected_departure_at')} IS NOT NULL AND ${value('expected_departure_at')} <= ${value('arrival_at')} THEN 'departure_before_arrival'
         WHEN ${value('energy_need_kwh')} IS NOT NULL AND ${value('energy_need_kwh')} <= 0 THEN 'zero_energy_need'
         WHEN s.target_soc_pct IS NOT NULL AND s.min_soc_pct IS NOT NULL AND s.min_soc_pct > s.target_soc_pct THEN 'min_soc_above_target'
       END,
       external_updated_at = $2, last_seen_at = greatest(s.last_seen_at, $3::timestamptz), updated_at = $4
     WHERE s.id = $1 AND (s.external_updated_at IS NULL OR s.external_updated_at <= $2)
       AND (s.status, ${requested}) IN (${ALLOWED_MOVES})
     RETURNING s.id`,
    params,
  );
  return rowCount(rows) === 1;
}

function sqlTypeOf(column: ColumnMetadata): string {
  if (typeof column.type !== 'string') throw new Error(`sessions.${column.databaseName} has no SQL type name`);
  return column.type;
}

function toDatabase(column: ColumnMetadata, value: unknown): unknown {
  const transformer = column.transformer;
  if (transformer === undefined || Array.isArray(transformer)) return value;
  return transformer.to(value);
}

/** node-postgres through TypeORM answers an UPDATE ... RETURNING with [rows, count]. */
function rowCount(result: unknown[]): number {
  return Array.isArray(result[0]) ? (result[0] as unknown[]).length : result.length;
}

function initialState(command: UpsertExternalSessionCommand): SessionState {
  const f = command.fields;
  if (f.fleetId === undefined || f.evseId === undefined || f.arrivalAt === undefined) {
    throw new FleetError('INCOMPLETE_SESSION', `first sighting of session ${command.externalSessionId} needs fleetId, evseId and arrivalAt`);
  }
  return {
    fleetId: f.fleetId,
    evseId: f.evseId,
    vehicleId: f.vehicleId ?? null,
    arrivalAt: f.arrivalAt,
    expectedDepartureAt: f.expectedDepartureAt ?? null,
    actualDepartureAt: f.actualDepartureAt ?? null,
    energyNeedKwh: f.energyNeedKwh ?? null,
    targetSocPct: f.targetSocPct ?? null,
    minSocPct: f.minSocPct ?? null,
    energyDeliveredKwh: f.energyDeliveredKwh ?? EnergyKwh.zero(),
    maxPowerKw: f.maxPowerKw ?? null,
    minPowerKw: f.minPowerKw ?? null,
    status: f.status ?? 'plugged_in',
    controlChannel: f.controlChannel ?? command.source,
    canDischarge: f.canDischarge ?? false,
    externalUpdatedAt: command.lastUpdated,
  };
}
