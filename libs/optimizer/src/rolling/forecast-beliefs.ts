import type { BeliefModel, SessionBelief, SessionObservation } from './rolling-session';
import type { SessionPrior } from './session-prior';

const MS_PER_HOUR = 3_600_000;
const ISP_MS = 15 * 60_000;
const DRAWN_TOLERANCE_KWH = 1e-6;

/**
 * The planner plans whole ISPs and re-checks presence at ISP starts, so a forecast departure
 * inside an ISP counts to that ISP's end: charging never stops mid-ISP for an EV still plugged in.
 */
function ispEndOf(ms: number): number {
  return Math.ceil(ms / ISP_MS) * ISP_MS;
}

export interface ForecastBeliefOptions {
  /** Quantile of the cohort's dwell to plan on (conservative: early). Default 0.1 (P10 departure). */
  readonly departureQuantile?: number;
  /** Quantile of the cohort's energy to plan on (conservative: high). Default 0.9 (P90 energy). */
  readonly energyQuantile?: number;
  /** Use the driver's declared departure and energy where the session has them. Default true. */
  readonly useDeclared?: boolean;
}

/**
 * The forecast regime (issue 4, value captured "with forecasts"): neither the departure nor the
 * energy is known at arrival.
 *
 * - Departure: the driver's declared departure if any, else the cohort's P10 departure (arrival
 *   + P10 dwell of EVs arriving in the same day type and local quarter). Once the EV is still
 *   plugged in at that time, the belief moves to the P10 of the dwell *among history sessions
 *   that stayed at least this long* (the conditional quantile of the remaining dwell), and so on.
 *   If no history session stayed that long: ASSUMED to leave within the current ISP (the plan is
 *   then remade every ISP, charging what it can).
 * - Energy: the declared energy if any, else the cohort's P90 energy. While the EV still draws
 *   after delivering that much (it took all it was offered, so it is not full), the need is known
 *   to be larger: the belief moves to the P90 of the energy among history sessions that drew
 *   more than has been delivered. If none drew more: ASSUMED one more hour at the EV's max power.
 *   Once the EV takes less than offered, it is full: the need is what it got.
 */
export function forecastBeliefs(prior: SessionPrior, options: ForecastBeliefOptions = {}): BeliefModel {
  const qDeparture = options.departureQuantile ?? 0.1;
  const qEnergy = options.energyQuantile ?? 0.9;
  const useDeclared = options.useDeclared ?? true;
  return {
    name: useDeclared ? 'forecast+declared' : 'forecast',
    beliefAt(observation: SessionObservation, nowMs: number, previous: SessionBelief | undefined): SessionBelief {
      const { session, deliveredKwh, knownFull } = observation;
      let departureMs = previous?.departureMs ?? initialDepartureMs();
      if (departureMs <= nowMs) {
        const elapsedHours = (nowMs - session.arrivalMs) / MS_PER_HOUR;
        const dwell = prior.dwellHours(session.arrivalMs, qDeparture, elapsedHours);
        departureMs = Number.isNaN(dwell) ? nowMs : ispEndOf(session.arrivalMs + dwell * MS_PER_HOUR);
        // The belief must leave the planner some time: at least to the end of the current ISP.
        departureMs = Math.max(departureMs, (Math.floor(nowMs / ISP_MS) + 1) * ISP_MS);
      }
      let needKwh = previous?.needKwh ?? initialNeedKwh();
      if (knownFull) needKwh = deliveredKwh;
      else if (deliveredKwh >= needKwh - DRAWN_TOLERANCE_KWH) {
        const more = prior.energyKwh(session.arrivalMs, qEnergy, deliveredKwh);
        needKwh = Number.isNaN(more) ? deliveredKwh + session.maxPowerKw : more;
      }
      return { departureMs, needKwh };

      function initialDepartureMs(): number {
        if (useDeclared && session.declaredDepartureMs !== undefined) return session.declaredDepartureMs;
        const dwell = prior.dwellHours(session.arrivalMs, qDeparture);
        return Number.isNaN(dwell) ? session.arrivalMs : ispEndOf(session.arrivalMs + dwell * MS_PER_HOUR);
      }
      function initialNeedKwh(): number {
        if (useDeclared && session.declaredEnergyKwh !== undefined) return session.declaredEnergyKwh;
        const energy = prior.energyKwh(session.arrivalMs, qEnergy);
        return Number.isNaN(energy) ? session.maxPowerKw : energy;
      }
    },
  };
}
