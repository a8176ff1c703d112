import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EnergyKwh } from '@vpp/units';
import type { ExternalParty, SessionSource } from '../domain/fleet-vocabulary';
import { FleetError } from '../domain/fleet.errors';
import { sessionNeedsIssue } from '../domain/session-needs';
import { SessionState, SessionUpdate, applySessionUpdate } from '../domain/session-update';
import { SessionEntity } from '../infrastructure/persistence/session.entity';
import { assertInTransaction, claimExternalId, resolveExternalId } from './external-ids';
import { sessionColumnsOf, sessionStateOf } from './session.mapper';

export interface UpsertExternalSessionCommand {
  readonly party: ExternalParty;
  /** The party's session id (OCPI `id`, OCPP `transactionId`, an OEM charge id). */
  readonly externalSessionId: string;
  readonly source: Exclude<SessionSource, 'import'>;
  /** The source's last-modified time (OCPI `last_updated`; OCPP/OEM: the message's own timestamp). */
  readonly lastUpdated: Date;
  /** When we received it; drives staleness. Defaults to now. */
  readonly receivedAt?: Date;
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
 * own rows atomically with it.
 *
 * @throws FleetError INCOMPLETE_SESSION (first sighting without fleet, EVSE or arrival),
 *   INVALID_SESSION_TRANSITION, INVALID_SOC, INVALID_PARTY.
 */
@Injectable()
export class UpsertExternalSessionUseCase {
  async execute(manager: EntityManager, command: UpsertExternalSessionCommand): Promise<UpsertExternalSessionResult> {
    assertInTransaction(manager, 'upsertExternalSession');
    const known = await resolveExternalId(manager, 'session', command.party, command.externalSessionId);
    if (known !== null) return this.update(manager, known, command);
    const initial = initialState(command);
    const claim = await claimExternalId(manager, 'session', command.party, command.externalSessionId, randomUUID());
    if (!claim.created) return this.update(manager, claim.entityId, command);
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

  private async update(manager: EntityManager, sessionId: string, command: UpsertExternalSessionCommand): Promise<UpsertExternalSessionResult> {
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
