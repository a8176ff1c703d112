import { TimeRange } from '@vpp/units';
import { ImportedSession, UnusableSessionReason } from './imported-session';

/** The first reason a session cannot be planned with, or null when it is usable. */
export function unusableReason(session: ImportedSession): UnusableSessionReason | null {
  if (session.energy.isZero() || session.energy.isNegative()) return 'zero_energy';
  const dwellMs = session.departure.getTime() - session.arrival.getTime();
  if (dwellMs < 0) return 'departure_before_arrival';
  // Plugged in and out in the same second: nothing to plan with (481 such rows in the Dundee file).
  if (dwellMs === 0) return 'zero_duration';
  if (session.maxPower !== null) {
    const possible = session.maxPower.times(TimeRange.of(session.arrival, session.departure).durationHours);
    if (session.energy.compare(possible) > 0) return 'energy_beyond_power_and_dwell';
  }
  return null;
}
