import type { SessionPlanState } from './session-plan-state';
import { powerForStoredDeltaKw, storedDeltaKwh } from './session-plan-state';

/** Stored kWh below the target that count as met (solver and float noise). */
export const NEED_TOLERANCE_KWH = 1e-6;

/** ISP indices of the day, cheapest first; ties by ISP order (stable, deterministic). */
export function ispsCheapestFirst(pricesEurPerMwh: Float64Array): Int32Array {
  const order = Array.from({ length: pricesEurPerMwh.length }, (_, t) => t);
  order.sort((a, b) => pricesEurPerMwh[a] - pricesEurPerMwh[b] || a - b);
  return Int32Array.from(order);
}

/**
 * Raises session `s`'s power in its cheapest ISPs until its stored energy reaches the
 * envelope's target, within its power band, the import headroom of every site and fuse that
 * can bind, and its earliest trajectory (the upper bound). Returns the stored kWh still missing.
 * Deterministic: ISPs in `cheapestFirst` order.
 */
export function fillTowardsTarget(state: SessionPlanState, s: number, cheapestFirst: Int32Array): number {
  const env = state.sessions[s].envelope;
  const first = state.network.sessionFirstIsp[s];
  const n = env.isps.length;
  const stored = state.storedKwh(s);
  let missing = env.targetStoredKwh - stored[n - 1];
  if (missing <= NEED_TOLERANCE_KWH) return Math.max(0, missing);
  const power = state.powerKw[s];
  for (let i = 0; i < cheapestFirst.length && missing > NEED_TOLERANCE_KWH; i += 1) {
    const k = cheapestFirst[i] - first;
    if (k < 0 || k >= n) continue;
    const ceilingKw = Math.min(env.maxPowerKw[k], power[k] + state.importHeadroomKw(s, k));
    if (ceilingKw <= power[k]) continue;
    // Raising ISP k lifts the trajectory from k on; it must stay under the earliest bound.
    let room = Infinity;
    for (let j = k; j < n; j += 1) room = Math.min(room, env.earliestEnergyKwh[j] - stored[j]);
    const gain = Math.min(missing, room, storedDeltaKwh(env, ceilingKw) - storedDeltaKwh(env, power[k]));
    if (gain <= 0) continue;
    const next = Math.min(ceilingKw, powerForStoredDeltaKw(env, storedDeltaKwh(env, power[k]) + gain));
    state.setPower(s, k, next);
    for (let j = k; j < n; j += 1) stored[j] += gain;
    missing -= gain;
  }
  return Math.max(0, missing);
}

/** Sessions tightest first: least laxity (full-power stored kWh minus target), ties by index. */
export function tightestFirst(state: SessionPlanState, sessions: Iterable<number>): number[] {
  const laxity = new Map<number, number>();
  for (const s of sessions) {
    const env = state.sessions[s].envelope;
    let full = 0;
    for (let k = 0; k < env.isps.length; k += 1) full += storedDeltaKwh(env, env.maxPowerKw[k]);
    laxity.set(s, full - env.targetStoredKwh);
  }
  return [...laxity.keys()].sort((a, b) => laxity.get(a)! - laxity.get(b)! || a - b);
}
