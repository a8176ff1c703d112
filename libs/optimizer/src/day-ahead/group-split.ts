import { ISP_HOURS } from './day-ahead-model';
import type { PlanUnit } from './plan-units';
import type { SessionPlanState } from './session-plan-state';

const WATER_LEVEL_ITERATIONS = 50;

/**
 * Splits a non-V2G group's charge plan back onto its members. Without discharge a member's
 * plan is feasible exactly when every ISP is within its band and the ISPs add up to its target
 * (its trajectory bounds follow from those two), so the split is a transport problem: the
 * group's kWh per ISP to the members' targets, at most each member's band per ISP.
 *
 * Deterministic greedy for it: ISPs in order of how full the group runs them (full ISPs need
 * every member, so they go first; ties by ISP order); within an ISP, water-filling on the
 * members' remaining need (the neediest get power first, until remaining needs level out),
 * capped by each member's band. The group's kW per ISP is kept wherever members can take it,
 * so site loads and cost stay those of the LP. Members' targets are their envelope targets
 * scaled by the share of the group target the LP reached (best effort). Whatever a member
 * still misses is left to the repair step.
 */
export function splitGroupCharge(state: SessionPlanState, unit: PlanUnit, groupChargeKw: Float64Array): void {
  const m = unit.members.length;
  const n = unit.ispCount;
  if (m === 1) {
    for (let k = 0; k < n; k += 1) state.setPower(unit.members[0], k, groupChargeKw[k]);
    return;
  }
  const storedPerKw = unit.chargeEfficiency * ISP_HOURS;
  let reachedKwh = 0;
  for (let k = 0; k < n; k += 1) reachedKwh += groupChargeKw[k] * storedPerKw;
  const share = unit.targetStoredKwh > 0 ? Math.min(1, reachedKwh / unit.targetStoredKwh) : 0;
  const remaining = new Float64Array(m);
  for (let i = 0; i < m; i += 1) remaining[i] = state.sessions[unit.members[i]].envelope.targetStoredKwh * share;

  const fill = new Float64Array(n);
  for (let k = 0; k < n; k += 1) fill[k] = unit.maxChargeKw[k] > 0 ? groupChargeKw[k] / unit.maxChargeKw[k] : 0;
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => fill[b] - fill[a] || a - b);

  const capKwh = new Float64Array(m);
  for (const k of order) {
    const amountKwh = groupChargeKw[k] * storedPerKw;
    if (amountKwh <= 0) continue;
    let capacity = 0;
    for (let i = 0; i < m; i += 1) {
      capKwh[i] = Math.min(state.sessions[unit.members[i]].envelope.maxPowerKw[k] * storedPerKw, Math.max(0, remaining[i]));
      capacity += capKwh[i];
    }
    // Level L with sum_i min(cap_i, max(0, remaining_i - L)) = amount (all caps when it cannot).
    let level = 0;
    if (capacity > amountKwh) {
      let low = 0;
      let high = 0;
      for (let i = 0; i < m; i += 1) high = Math.max(high, remaining[i]);
      for (let iteration = 0; iteration < WATER_LEVEL_ITERATIONS; iteration += 1) {
        const mid = (low + high) / 2;
        let given = 0;
        for (let i = 0; i < m; i += 1) given += Math.min(capKwh[i], Math.max(0, remaining[i] - mid));
        if (given > amountKwh) low = mid;
        else high = mid;
      }
      level = high;
    }
    for (let i = 0; i < m; i += 1) {
      const kwh = Math.min(capKwh[i], Math.max(0, remaining[i] - level));
      remaining[i] -= kwh;
      state.setPower(unit.members[i], k, kwh / storedPerKw);
    }
  }
}

/** A V2G unit is a single session: its charge and discharge net at the meter. */
export function applySingleV2g(state: SessionPlanState, unit: PlanUnit, chargeKw: Float64Array, dischargeKw: Float64Array): void {
  for (let k = 0; k < unit.ispCount; k += 1) state.setPower(unit.members[0], k, chargeKw[k] - dischargeKw[k]);
}
