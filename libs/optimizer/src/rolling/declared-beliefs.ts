import type { BeliefModel, SessionBelief, SessionObservation } from './rolling-session';
import type { SessionPrior } from './session-prior';

const MS_PER_HOUR = 3_600_000;
const ISP_MS = 15 * 60_000;
const DRAWN_TOLERANCE_KWH = 1e-6;

/** Plans are per ISP and presence is re-checked at ISP starts: a departure inside an ISP counts to its end. */
const ispEndOf = (ms: number): number => Math.ceil(ms / ISP_MS) * ISP_MS;

export interface DeclaredBeliefOptions {
  /**
   * When an undeclared departure is re-forecast. `when-passed` (default): the expected departure
   * planned at arrival holds like a declaration until the EV outstays it, then the expected
   * departure among history EVs that stayed that long, and so on. `every-instant`: the
   * conditional expected departure at every instant; it only ever moves later (the mean of the
   * dwells above e grows with e), so it keeps postponing charging past the departure planned at
   * arrival (a diagnostic, not the promise-keeping rule).
   */
  readonly revise?: 'when-passed' | 'every-instant';
  /** Quantile of the cohort's energy for an undeclared need. Default 0.9: over-estimating only costs flexibility (the car stops when full). */
  readonly energyQuantile?: number;
}

/**
 * The "with forecasts" regime as issue 4 means it: drivers declare their departure and energy
 * need (OCPI ChargingPreferences, the mobility-needs API); forecasts cover what is not declared;
 * the schedule is planned on the expected departure.
 *
 * - Departure: the declared one; else arrival + the cohort's expected (mean) dwell. If the EV is
 *   still plugged in after the departure planned on and its need is not met (it could not be
 *   met by then at full power), the rest is overdue: the belief is the end of the current ISP,
 *   so the planner charges at full power rather than defer to a later, re-forecast departure the
 *   EV may not wait for. Otherwise the expected dwell among history EVs that stayed at least
 *   this long (conditional on still being there); if none stayed that long: ASSUMED to leave
 *   within the current ISP.
 * - Energy: the declared need (once the car takes less than offered it is full: the need is what
 *   it got). Undeclared: the cohort's P90, raised to the P90 among history EVs that drew more
 *   while the car still draws after getting it (none: ASSUMED one more hour at max power).
 *
 * An EV that leaves before the departure planned at arrival is the driver's (or the forecast's)
 * miss, not the planner's: the summary counts it apart.
 */
export function declaredBeliefs(prior: SessionPrior, options: DeclaredBeliefOptions = {}): BeliefModel {
  const everyInstant = options.revise === 'every-instant';
  const qEnergy = options.energyQuantile ?? 0.9;
  return {
    name: everyInstant ? 'declared+expected-departure(every-instant)' : 'declared+expected-departure',
    beliefAt(observation: SessionObservation, nowMs: number, previous: SessionBelief | undefined): SessionBelief {
      const { session, deliveredKwh, knownFull } = observation;
      let needKwh: number;
      if (knownFull) needKwh = deliveredKwh;
      else if (session.declaredEnergyKwh !== undefined) needKwh = session.declaredEnergyKwh;
      else {
        needKwh = previous?.needKwh ?? orMaxPower(prior.energyKwh(session.arrivalMs, qEnergy), 0);
        if (deliveredKwh >= needKwh - DRAWN_TOLERANCE_KWH) needKwh = orMaxPower(prior.energyKwh(session.arrivalMs, qEnergy, deliveredKwh), deliveredKwh);
      }

      const declaredDeparture = session.declaredDepartureMs;
      const nowIspEndMs = (Math.floor(nowMs / ISP_MS) + 1) * ISP_MS;
      let departureMs: number;
      if (previous === undefined) departureMs = declaredDeparture ?? expectedDepartureMs(Number.NEGATIVE_INFINITY);
      else if (previous.departureMs > nowMs && (declaredDeparture !== undefined || !everyInstant)) departureMs = previous.departureMs;
      else if (previous.departureMs <= nowMs && deliveredKwh < needKwh - DRAWN_TOLERANCE_KWH) departureMs = nowIspEndMs;
      else departureMs = Math.max(previous.departureMs, expectedDepartureMs((nowMs - session.arrivalMs) / MS_PER_HOUR));
      // The belief must leave the planner some time: at least to the end of the current ISP.
      departureMs = Math.max(departureMs, nowIspEndMs);
      return { departureMs, needKwh };

      function expectedDepartureMs(elapsedHours: number): number {
        const dwell = prior.expectedDwellHours(session.arrivalMs, elapsedHours);
        return Number.isNaN(dwell) ? nowMs : ispEndOf(session.arrivalMs + dwell * MS_PER_HOUR);
      }
      function orMaxPower(kwh: number, baseKwh: number): number {
        return Number.isNaN(kwh) ? baseKwh + session.maxPowerKw : kwh;
      }
    },
  };
}
