import { Decimal, EnergyKwh, PowerKw } from '@vpp/units';
import type { ControlChannel } from './fleet-vocabulary';
import { SessionNeedsIssue, sessionNeedsIssue } from './session-needs';
import { SessionStatus, transition } from './session-status';

/** The mutable state of a session, as the domain sees it. */
export interface SessionState {
  readonly fleetId: string;
  readonly evseId: string;
  readonly vehicleId: string | null;
  readonly arrivalAt: Date;
  readonly expectedDepartureAt: Date | null;
  readonly actualDepartureAt: Date | null;
  readonly energyNeedKwh: EnergyKwh | null;
  readonly targetSocPct: Decimal | null;
  readonly minSocPct: Decimal | null;
  readonly energyDeliveredKwh: EnergyKwh;
  readonly maxPowerKw: PowerKw | null;
  readonly minPowerKw: PowerKw | null;
  readonly status: SessionStatus;
  readonly controlChannel: ControlChannel | null;
  readonly canDischarge: boolean;
  /** The source's `last_updated` of the data we hold; null when the source has none. */
  readonly externalUpdatedAt: Date | null;
}

/** A partial update from a source: `undefined` keeps the current value, `null` clears it (PATCH semantics). */
export type SessionUpdate = Partial<Omit<SessionState, 'externalUpdatedAt'>>;

export type SessionUpdateOutcome =
  | { readonly kind: 'ignored_older' }
  | { readonly kind: 'applied'; readonly next: SessionState; readonly unusableReason: SessionNeedsIssue | null };

/**
 * Applies an update stamped `lastUpdated` by its source. An update older than the data we hold is
 * ignored, so reordered or late PATCHes never overwrite newer data (OCPI 2.2.1 transport: no
 * ordering guarantee); an equal stamp is a duplicate and re-applies harmlessly. A stale session
 * that hears fresh news without a status is plugged in again. Invalid status moves throw
 * `INVALID_SESSION_TRANSITION` (a finished session stays finished).
 */
export function applySessionUpdate(current: SessionState, update: SessionUpdate, lastUpdated: Date): SessionUpdateOutcome {
  if (current.externalUpdatedAt !== null && lastUpdated.getTime() < current.externalUpdatedAt.getTime()) return { kind: 'ignored_older' };
  const requested = update.status ?? (current.status === 'stale' ? 'plugged_in' : current.status);
  const status = transition(current.status, requested);
  const next: SessionState = { ...current, ...definedOnly(update), status, externalUpdatedAt: lastUpdated };
  return { kind: 'applied', next, unusableReason: sessionNeedsIssue(next) };
}

function definedOnly(update: SessionUpdate): SessionUpdate {
  return Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined)) as SessionUpdate;
}
