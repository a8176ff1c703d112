import { FleetError } from './fleet.errors';

export const SESSION_STATUSES = ['planned', 'plugged_in', 'charging', 'suspended', 'finished', 'stale'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Statuses in which the EV is believed to be at the EVSE, and which go stale when the source falls silent. */
export const LIVE_SESSION_STATUSES: readonly SessionStatus[] = ['plugged_in', 'charging', 'suspended'];

/**
 * The session lifecycle. `finished` is terminal. `stale` means the source fell silent: we no
 * longer assume the EV is plugged in (issue 3, bad input), but fresh data may revive the session.
 */
const TRANSITIONS: Readonly<Record<SessionStatus, readonly SessionStatus[]>> = {
  planned: ['plugged_in', 'charging', 'suspended', 'finished', 'stale'],
  plugged_in: ['charging', 'suspended', 'finished', 'stale'],
  charging: ['plugged_in', 'suspended', 'finished', 'stale'],
  suspended: ['plugged_in', 'charging', 'finished', 'stale'],
  stale: ['plugged_in', 'charging', 'suspended', 'finished'],
  finished: [],
};

/** True when `from -> to` is allowed; staying in the same status is always allowed. */
export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** Returns `to`, or throws `INVALID_SESSION_TRANSITION`. */
export function transition(from: SessionStatus, to: SessionStatus): SessionStatus {
  if (!canTransition(from, to)) throw new FleetError('INVALID_SESSION_TRANSITION', `session cannot go from ${from} to ${to}`);
  return to;
}

/** True when a live session has not been heard of for `silenceMinutes` or longer. */
export function isStale(status: SessionStatus, lastSeenAt: Date, now: Date, silenceMinutes: number): boolean {
  if (!LIVE_SESSION_STATUSES.includes(status)) return false;
  return now.getTime() - lastSeenAt.getTime() >= silenceMinutes * 60_000;
}
