const ISP_MS = 15 * 60_000;

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
  /**
   * From when the schedule can still be changed in answer to an activation known now (the plan's
   * known_at, or the instant the grid operator's request is answered): the ISPs from then on may
   * charge earlier or later than planned. Absent: each ISP's deviation is only made up after it.
   */
  readonly changeableFrom?: Date;
}

export interface SessionDeviation {
  /** How far below its plan the session can go in each ISP alone, kW. */
  readonly consumeLessKw: Float64Array;
  /** How far above its plan it can go in each ISP alone, kW. */
  readonly consumeMoreKw: Float64Array;
}

/**
 * How much one session can deviate from its plan in a single ISP while the plan's energy for the
 * day (its in-day energy: the planner already counts what full power after the day's end still
 * delivers before the departure) stays deliverable within the session's in-day dwell and max power.
 * The deviation is made up in the ISPs that can still change: those after it and, when the
 * activation is known ahead (`changeableFrom`), also those between then and it. Consuming d kW
 * less in ISP i is possible while the other changeable ISPs have d kW of free charging power
 * (the laxity: the need stays reachable outside the window); consuming d kW more while they have
 * d kW of planned charging to give up (no more energy than the plan's). The rest of the day is
 * re-planned after an activation (the rebound lies outside the congestion window the grid
 * operator named, not counted here). Charging only: planned discharge (V2G) is not offered.
 *
 * `window` (indices into `dayIspStartsMs`, e.g. the ISPs a FlexRequest asks for): the grid operator
 * may activate all of them at once, so the deviations there must be made up together, outside the
 * window. Consuming less in the window ISPs may then use only the free power of the changeable ISPs
 * outside it, in total; consuming more only their planned charging (`jointDeviation`). ISPs not in
 * the window get 0 (not asked for). A window of one ISP gives that ISP's figure without a window.
 */
export function plannedSessionDeviation(session: PlannedSession, dayIspStartsMs: readonly number[], window?: readonly number[]): SessionDeviation {
  const n = dayIspStartsMs.length;
  const consumeLessKw = new Float64Array(n);
  const consumeMoreKw = new Float64Array(n);
  if (session.fixed || n === 0 || !(session.maxPowerKw > 0)) return { consumeLessKw, consumeMoreKw };
  const dayStart = dayIspStartsMs[0];
  const dayEnd = dayIspStartsMs[n - 1] + ISP_MS;
  const from = Math.max(session.arrival.getTime(), dayStart);
  const to = Math.min(session.departure.getTime(), dayEnd);
  if (!(to > from)) return { consumeLessKw, consumeMoreKw };
  // Per ISP: the charging power the session can draw there (max power x the part it is plugged in) and its plan.
  const capacityKw = new Float64Array(n);
  const plannedKw = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const start = dayIspStartsMs[i];
    const present = Math.max(0, Math.min(to, start + ISP_MS) - Math.max(from, start)) / ISP_MS;
    capacityKw[i] = session.maxPowerKw * present;
    plannedKw[i] = present > 0 ? Math.max(0, session.plannedKw[i] ?? 0) : 0;
  }
  // The first ISP that can still charge earlier than planned: starts at or after `changeableFrom`.
  const firstChangeable = session.changeableFrom === undefined ? n : Math.max(0, Math.ceil((session.changeableFrom.getTime() - dayStart) / ISP_MS));
  if (window !== undefined) {
    const isps = [...new Set(window)].filter((i) => Number.isInteger(i) && i >= 0 && i < n).sort((a, b) => a - b);
    const freeKw = capacityKw.map((cap, i) => Math.max(0, cap - plannedKw[i]));
    writeJoint(consumeLessKw, isps, jointDeviation(isps, plannedKw, freeKw, firstChangeable));
    writeJoint(consumeMoreKw, isps, jointDeviation(isps, freeKw, plannedKw, firstChangeable));
    return { consumeLessKw, consumeMoreKw };
  }
  // Suffix sums: free power (capacity - plan) and planned power in the ISPs after i.
  const freeAfter = new Float64Array(n + 1);
  const plannedAfter = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i -= 1) {
    freeAfter[i] = freeAfter[i + 1] + Math.max(0, capacityKw[i] - plannedKw[i]);
    plannedAfter[i] = plannedAfter[i + 1] + plannedKw[i];
  }
  // Running sums over the changeable ISPs before i (from `firstChangeable` on).
  let freeBefore = 0;
  let plannedBefore = 0;
  for (let i = 0; i < n; i += 1) {
    const free = freeBefore + freeAfter[i + 1];
    const movable = plannedBefore + plannedAfter[i + 1];
    const less = Math.min(plannedKw[i], free);
    const more = Math.min(capacityKw[i] - plannedKw[i], movable);
    // Float noise around an exactly planned trajectory must not turn into flexibility.
    consumeLessKw[i] = less > 1e-9 ? less : 0;
    consumeMoreKw[i] = more > 1e-9 ? more : 0;
    if (i >= firstChangeable) {
      freeBefore += Math.max(0, capacityKw[i] - plannedKw[i]);
      plannedBefore += plannedKw[i];
    }
  }
  return { consumeLessKw, consumeMoreKw };
}

function writeJoint(out: Float64Array, isps: readonly number[], kw: Float64Array): void {
  // Float noise around an exactly planned trajectory must not turn into flexibility.
  isps.forEach((isp, k) => (out[isp] = kw[k] > 1e-9 ? kw[k] : 0));
}

/**
 * The deviations a_k in the window ISPs w_1 < ... < w_m that can all be activated together: a_k is
 * at most `ownKw` there (consume less: the plan; more: the free power), and the sum is made up in
 * `makeUpKw` (less: the free power; more: the plan) of ISPs outside the window. ISP w_k's make-up
 * ISPs are the outside ones after it and, from `firstChangeable` on, also before it: the set
 * outside ∩ [min(w_k + 1, firstChangeable), n), which shrinks as k grows. With nested sets every
 * a_k can be made up at once iff for each k the a_l of l >= k sum to at most the make-up power of
 * w_k's set (F_k). Of the allocations that meet this, the most even one (max-min fair: all ISPs
 * filled to one level, each capped by its own power, a later ISP only held lower when its own
 * make-up runs out) is taken: the offer builder offers per ISP min(what we have, what the band
 * asks), mostly the same band in every ISP of the congestion, and caps each ISP by the ledger, so
 * power spread evenly is offered in full where power piled into the first ISPs is cut off there
 * and leaves the later ISPs of the congestion unrelieved.
 */
function jointDeviation(isps: readonly number[], ownKw: Float64Array, makeUpKw: Float64Array, firstChangeable: number): Float64Array {
  const n = ownKw.length;
  const m = isps.length;
  const inWindow = new Uint8Array(n);
  for (const isp of isps) inWindow[isp] = 1;
  // Make-up power outside the window from ISP i to the end of the day.
  const outsideFrom = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i -= 1) outsideFrom[i] = outsideFrom[i + 1] + (inWindow[i] ? 0 : makeUpKw[i]);
  const setStart = isps.map((isp) => Math.min(isp + 1, Math.max(0, firstChangeable), n));
  const budget = setStart.map((start) => outsideFrom[start]);
  const caps = isps.map((isp) => ownKw[isp]);
  const out = new Float64Array(m);
  // Progressive filling: raise the ISPs of the open prefix [0, open) to one level until a make-up
  // constraint binds; freeze the ISPs it covers (k >= its index) and go on with the rest.
  let open = m;
  while (open > 0) {
    let frozen = 0;
    for (let k = open; k < m; k += 1) frozen += out[k];
    let level = Infinity;
    let tight = -1;
    for (let k = 0; k < open; k += 1) {
      // Of constraints with the same make-up set the first covers the most ISPs: only it can bind first.
      if (k > 0 && setStart[k] === setStart[k - 1]) continue;
      const at = fillLevel(caps.slice(k, open), Math.max(0, budget[k] - frozen));
      if (at < level) {
        level = at;
        tight = k;
      }
    }
    const from = tight < 0 ? 0 : tight;
    for (let k = from; k < open; k += 1) out[k] = Math.min(caps[k], level);
    open = from;
  }
  return out;
}

/** The highest level L with sum(min(cap, L)) <= budget; Infinity when all caps fit. */
function fillLevel(caps: number[], budget: number): number {
  const sorted = caps.sort((a, b) => a - b);
  let left = budget;
  for (let k = 0; k < sorted.length; k += 1) {
    const count = sorted.length - k;
    if (sorted[k] * count > left) return left / count;
    left -= sorted[k];
  }
  return Infinity;
}

/** Per ISP the least of the flexibility and the headroom (both kW); whole watts, rounded down. */
export function capToHeadroom(flexKw: ArrayLike<number>, headroomKw: ArrayLike<number>): Float64Array {
  const out = new Float64Array(flexKw.length);
  for (let i = 0; i < out.length; i += 1) out[i] = Math.max(0, Math.floor(Math.min(flexKw[i], headroomKw[i] ?? 0) * 1000)) / 1000;
  return out;
}
