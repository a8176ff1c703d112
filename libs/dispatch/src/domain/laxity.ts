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
