import type { ImportedSession } from '@vpp/fleet';
import { replayedSessionsOf } from '../../apps/simulator/src/cpo/cpo-replay';

/**
 * Finds the data session behind a session a simulated CPO pushed, by the CPO's Location, EVSE and
 * start (apps/simulator cpo-replay maps each data session onto them); undefined when none matches.
 */
export function dataSessionMatcher(sessions: readonly ImportedSession[]): (locationId: string | null, evseUid: string | null, arrival: Date) => ImportedSession | undefined {
  const key = (location: string, evse: string, arrival: Date): string => `${location}|${evse}|${arrival.getTime()}`;
  const byEvse = new Map(replayedSessionsOf(sessions).map((r, i) => [key(r.locationId, r.evseUid, r.arrival), sessions[i]]));
  return (locationId, evseUid, arrival) => (locationId === null || evseUid === null ? undefined : byEvse.get(key(locationId, evseUid, arrival)));
}
