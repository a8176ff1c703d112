/** Laxity bounds: keeps sorting keys finite when a session has no power or no departure. */
const LAXITY_LIMIT_S = 1e9;

/**
 * Time slack (s) before a session must charge at maxKw to reach its target by departure:
 * (departure - now) - remaining need / maxKw. At or below 0 the session must charge at full power.
 */
export function laxitySeconds(nowS: number, departureS: number, deliveredKwh: number, targetKwh: number, maxKw: number): number {
  const needKwh = targetKwh - deliveredKwh;
  const leftS = departureS - nowS;
  let laxity: number;
  if (needKwh <= 0) laxity = leftS;
  else if (maxKw <= 0) laxity = -LAXITY_LIMIT_S;
  else laxity = leftS - (needKwh / maxKw) * 3600;
  if (Number.isNaN(laxity)) return -LAXITY_LIMIT_S;
  return Math.max(-LAXITY_LIMIT_S, Math.min(LAXITY_LIMIT_S, laxity));
}

/**
 * The latest trajectory: the least energy the session may hold at time atS so that charging at maxKw
 * from then on still reaches the target by departure, and never below the floor.
 */
export function latestTrajectoryKwh(atS: number, departureS: number, targetKwh: number, floorKwh: number, maxKw: number): number {
  const leftS = Math.max(0, departureS - atS);
  return Math.max(floorKwh, targetKwh - (Math.max(0, maxKw) * leftS) / 3600);
}

/** Fills fleet laxity for the slots in use (O(N), no allocation). */
export function computeLaxity(
  nowS: number,
  slotCount: number,
  active: Uint8Array,
  departureS: Float64Array,
  deliveredKwh: Float64Array,
  targetKwh: Float64Array,
  maxKw: Float64Array,
  out: Float64Array,
): void {
  for (let i = 0; i < slotCount; i++) {
    out[i] = active[i] === 1 ? laxitySeconds(nowS, departureS[i], deliveredKwh[i], targetKwh[i], maxKw[i]) : 0;
  }
}

// A reading below this is idle or tapering, not the car's own maximum.
const OBSERVED_MAX_MIN_KW = 1;
// IEC 61851-1: an AC car charges at no less than 6 A; one phase at 230 V is the least any car that
// charges at all can take (1.38 kW), so a car's maximum is never below it.
export const LEAST_CAR_MAX_KW = (6 * 230) / 1000;

/**
 * The power a session's laxity is judged against (kW), never above `bandMaxKw` (what commands may
 * ask), and never overestimated: a car judged at more than it can draw (e.g. 3.7 kW for a 3.3 kW
 * car) is released too late to catch up, and a car capped from its first cycle never shows its
 * maximum. In order:
 * - the most its car has drawn, from 1 kW up (an OCPI session carries no car maximum: a 3.4 kW car
 *   on a 22 kW EVSE looks like 22 kW);
 * - the maximum its source stated (OCPP charging needs, the OEM): below 1 kW a reading may be idle
 *   or tapering, so a stated maximum wins over it;
 * - a smaller reading: still the best evidence, and below the 6-A bound, which real sessions undercut
 *   (ElaadNL 2019: 47 of 6,861 record a max_power_kw under 1.38 kW);
 * - LEAST_CAR_MAX_KW: the car is then held only while its need is reachable even at that, and once
 *   it charges its readings show its real maximum.
 */
export function laxityMaxKw(bandMaxKw: number, statedCarMaxKw: number | null, observedMaxKw: number | null): number {
  return Math.min(bandMaxKw, carMaxKw(statedCarMaxKw, observedMaxKw));
}

function carMaxKw(statedCarMaxKw: number | null, observedMaxKw: number | null): number {
  const observed = observedMaxKw ?? 0;
  if (observed >= OBSERVED_MAX_MIN_KW) return observed;
  if (statedCarMaxKw !== null) return statedCarMaxKw;
  // Here observed < 1 kW < LEAST_CAR_MAX_KW.
  return observed > 0 ? observed : LEAST_CAR_MAX_KW;
}
