import { DEFAULT_CHARGE_EFFICIENCY_F64, flexibilityEnvelope } from '@vpp/flexibility/domain';

const ISP_MS = 15 * 60_000;
const ISP_HOURS = 0.25;

/** A session as the stored plan schedules it on one delivery day (float64: planning input). */
export interface PlannedSession {
  readonly sessionId: string;
  readonly arrival: Date;
  /** Expected (or actual) departure. */
  readonly departure: Date;
  /** min(EV, EVSE) charging power, kW. */
  readonly maxPowerKw: number;
  /** A boost is a fixed schedule: nothing may move it. */
  readonly fixed: boolean;
  /** Planned grid power per ISP of the day (index 0 = ISP 1), kW; 0 where the plan stores none. */
  readonly plannedKw: ArrayLike<number>;
}

export interface SessionDeviation {
  /** How far below its plan the session can go in each ISP alone, kW. */
  readonly consumeLessKw: Float64Array;
  /** How far above its plan it can go in each ISP alone, kW. */
  readonly consumeMoreKw: Float64Array;
}

/**
 * How much one session can deviate from its plan in a single ISP while the plan's energy for the
 * day stays deliverable: the envelope (`flexibilityEnvelope`) of the in-day dwell with the plan's
 * in-day energy as the need bounds the stored energy between "just in time" and "as soon as
 * possible". Consuming d kW less in ISP i keeps the cumulative energy above the just-in-time
 * trajectory; consuming more keeps it below the as-soon-as-possible one and within max power.
 * The rest of the day is re-planned after an activation (the rebound is outside the congestion
 * window the DSO named, not counted here). Charging only: planned discharge (V2G) is not offered.
 */
export function plannedSessionDeviation(session: PlannedSession, dayIspStartsMs: readonly number[]): SessionDeviation {
  const n = dayIspStartsMs.length;
  const consumeLessKw = new Float64Array(n);
  const consumeMoreKw = new Float64Array(n);
  if (session.fixed || n === 0 || !(session.maxPowerKw > 0)) return { consumeLessKw, consumeMoreKw };
  const dayStart = dayIspStartsMs[0];
  const dayEnd = dayIspStartsMs[n - 1] + ISP_MS;
  const from = Math.max(session.arrival.getTime(), dayStart);
  const to = Math.min(session.departure.getTime(), dayEnd);
  if (!(to > from)) return { consumeLessKw, consumeMoreKw };
  const first = Math.floor((from - dayStart) / ISP_MS);
  const last = Math.ceil((to - dayStart) / ISP_MS) - 1;
  let plannedKwh = 0;
  for (let i = first; i <= last; i += 1) plannedKwh += Math.max(0, session.plannedKw[i] ?? 0) * ISP_HOURS;
  const envelope = flexibilityEnvelope({
    arrival: new Date(from),
    departure: new Date(to),
    energyNeedKwh: plannedKwh,
    evMaxPowerKw: session.maxPowerKw,
    evseMaxPowerKw: session.maxPowerKw,
    siteShareKw: session.maxPowerKw,
    degradationCostEurPerKwh: 0,
  });
  const storedPerKw = ISP_HOURS * DEFAULT_CHARGE_EFFICIENCY_F64;
  let storedKwh = 0;
  envelope.isps.forEach((isp, t) => {
    const i = Math.round((isp.start.getTime() - dayStart) / ISP_MS);
    const planned = Math.max(0, session.plannedKw[i] ?? 0);
    storedKwh += planned * storedPerKw;
    const less = Math.min(planned, (storedKwh - envelope.latestEnergyKwh[t]) / storedPerKw);
    const more = Math.min(envelope.maxPowerKw[t] - planned, (envelope.earliestEnergyKwh[t] - storedKwh) / storedPerKw);
    // Float noise around an exactly planned trajectory must not turn into negative flexibility.
    consumeLessKw[i] = less > 1e-9 ? less : 0;
    consumeMoreKw[i] = more > 1e-9 ? more : 0;
  });
  return { consumeLessKw, consumeMoreKw };
}

/** Per ISP the least of the flexibility and the headroom (both kW); whole watts, rounded down. */
export function capToHeadroom(flexKw: ArrayLike<number>, headroomKw: ArrayLike<number>): Float64Array {
  const out = new Float64Array(flexKw.length);
  for (let i = 0; i < out.length; i += 1) out[i] = Math.max(0, Math.floor(Math.min(flexKw[i], headroomKw[i] ?? 0) * 1000)) / 1000;
  return out;
}
