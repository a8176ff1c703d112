import { LpProblem, LpProblemBuilder } from '../lp/lp-problem';
import {
  EUR_PER_KW_ISP_PER_EUR_MWH,
  ISP_HOURS,
  LIMIT_OVERLOAD_PENALTY_EUR_PER_KWH,
  NEED_SHORTFALL_PENALTY_EUR_PER_KWH,
} from './day-ahead-model';
import type { PlanUnit } from './plan-units';
import type { SiteNetwork } from './site-network';

function pushEntry(cols: number[], vals: number[], column: number, value: number): void {
  cols.push(column);
  vals.push(value);
}

/** Below this a trajectory bound counts as implied by the others (kWh). */
const IMPLIED_TOLERANCE_KWH = 1e-7;

/** Where each unit's columns are, to read the solution back. -1 = no column (bound is 0). */
export interface DayAheadLp {
  readonly problem: LpProblem;
  readonly chargeColumn: readonly Int32Array[];
  readonly dischargeColumn: readonly Int32Array[];
}

/**
 * Day-ahead LP. Per unit: charge (and, for V2G, discharge) kW per present ISP, a shortfall
 * column with the need penalty, and the energy target. Non-V2G units need no stored-energy
 * columns: with charging only, the cumulative energy is monotone, so the final target plus the
 * power bounds imply every trajectory bound of a single session; a group gets a row only at
 * the few ISPs where its summed trajectory bounds are tighter than that (written over the
 * shorter of head or tail, to keep rows sparse). V2G units carry a stored-energy column per ISP.
 *
 * Per site or fuse that can bind, per ISP: a net-load column bounded by the import and export
 * limits, with an overload column only where the fixed load alone breaks the limit; and for a
 * capacity tariff a peak column above every ISP's net import.
 */
export function buildDayAheadLp(units: readonly PlanUnit[], network: SiteNetwork): DayAheadLp {
  const prices = network.pricesEurPerMwh;
  const lp = new LpProblemBuilder({ columns: units.length * 48 + 16, rows: units.length * 2 + 16 });
  const chargeColumn: Int32Array[] = [];
  const dischargeColumn: Int32Array[] = [];
  const cols: number[] = [];
  const vals: number[] = [];

  for (const unit of units) {
    const n = unit.ispCount;
    const charge = new Int32Array(n).fill(-1);
    const discharge = new Int32Array(n).fill(-1);
    const chargeStored = unit.chargeEfficiency * ISP_HOURS;
    const dischargeStored = ISP_HOURS / unit.dischargeEfficiency;
    const wear = unit.degradationCostEurPerKwh * ISP_HOURS;
    for (let k = 0; k < n; k += 1) {
      const price = prices[unit.firstIsp + k] * EUR_PER_KW_ISP_PER_EUR_MWH;
      if (unit.maxChargeKw[k] > 0) charge[k] = lp.addColumn(0, unit.maxChargeKw[k], price + wear);
      if (unit.v2g && unit.maxDischargeKw[k] > 0) discharge[k] = lp.addColumn(0, unit.maxDischargeKw[k], -price + wear);
    }
    chargeColumn.push(charge);
    dischargeColumn.push(discharge);
    const target = unit.targetStoredKwh;
    const shortfall = target > 0 ? lp.addColumn(0, target, NEED_SHORTFALL_PENALTY_EUR_PER_KWH) : -1;

    if (unit.v2g) {
      // e_k - e_{k-1} - etaC h c_k + h/etaD d_k = 0, e_k within the trajectory (floor-relaxed below).
      let previous = -1;
      for (let k = 0; k < n; k += 1) {
        const upper = k === n - 1 ? target : unit.upperStoredKwh[k];
        const stored = lp.addColumn(Math.min(unit.floorStoredKwh[k], upper), upper, 0);
        cols.length = 0;
        vals.length = 0;
        cols.push(stored);
        vals.push(1);
        if (previous >= 0) pushEntry(cols, vals, previous, -1);
        if (charge[k] >= 0) pushEntry(cols, vals, charge[k], -chargeStored);
        if (discharge[k] >= 0) pushEntry(cols, vals, discharge[k], dischargeStored);
        lp.addRow(0, 0, cols, vals);
        previous = stored;
      }
      if (shortfall >= 0) lp.addRow(target, target, [previous, shortfall], [1, 1]);
      continue;
    }

    // Final target: sum etaC h c_k + shortfall = target.
    cols.length = 0;
    vals.length = 0;
    for (let k = 0; k < n; k += 1) if (charge[k] >= 0) pushEntry(cols, vals, charge[k], chargeStored);
    cols.push(shortfall);
    vals.push(1);
    lp.addRow(target, target, cols, vals);

    // Group trajectory bounds that the target and power bounds do not imply.
    const headCapacity = new Float64Array(n);
    let cumulative = 0;
    for (let k = 0; k < n; k += 1) headCapacity[k] = cumulative += unit.maxChargeKw[k] * chargeStored;
    const total = cumulative;
    for (let k = 0; k < n - 1; k += 1) {
      const impliedUpper = Math.min(headCapacity[k], target);
      const impliedLower = Math.max(0, target - (total - headCapacity[k]));
      const needsUpper = unit.upperStoredKwh[k] < impliedUpper - IMPLIED_TOLERANCE_KWH;
      const needsLower = unit.lowerStoredKwh[k] > impliedLower + IMPLIED_TOLERANCE_KWH;
      if (!needsUpper && !needsLower) continue;
      const useHead = k + 1 <= n - 1 - k;
      cols.length = 0;
      vals.length = 0;
      const from = useHead ? 0 : k + 1;
      const to = useHead ? k + 1 : n;
      for (let j = from; j < to; j += 1) if (charge[j] >= 0) pushEntry(cols, vals, charge[j], chargeStored);
      if (useHead) {
        // E_k <= U_k ; E_k + shortfall >= L_k
        if (needsUpper) lp.addRow(-Infinity, unit.upperStoredKwh[k], cols, vals);
        if (needsLower) lp.addRow(unit.lowerStoredKwh[k], Infinity, [...cols, shortfall], [...vals, 1]);
      } else {
        // E_k = target - shortfall - tail: tail + shortfall >= target - U_k ; tail <= target - L_k
        if (needsUpper) lp.addRow(target - unit.upperStoredKwh[k], Infinity, [...cols, shortfall], [...vals, 1]);
        if (needsLower) lp.addRow(-Infinity, target - unit.lowerStoredKwh[k], cols, vals);
      }
    }
  }

  addNodeRows(lp, units, network, chargeColumn, dischargeColumn);
  return { problem: lp.build(), chargeColumn, dischargeColumn };
}

function addNodeRows(
  lp: LpProblemBuilder,
  units: readonly PlanUnit[],
  network: SiteNetwork,
  chargeColumn: readonly Int32Array[],
  dischargeColumn: readonly Int32Array[],
): void {
  const nodeUnits = network.nodeIds.map((): number[] => []);
  units.forEach((unit, u) => {
    if (unit.keyNode >= 0) for (const node of network.bindingChain[unit.keyNode]) nodeUnits[node].push(u);
  });
  const overloadCost = LIMIT_OVERLOAD_PENALTY_EUR_PER_KWH * ISP_HOURS;
  for (let node = 0; node < network.nodeIds.length; node += 1) {
    if (!network.canBind[node]) continue;
    const rowCols: number[][] = Array.from({ length: network.ispCount }, () => []);
    const rowVals: number[][] = Array.from({ length: network.ispCount }, () => []);
    for (const u of nodeUnits[node]) {
      const unit = units[u];
      for (let k = 0; k < unit.ispCount; k += 1) {
        const t = unit.firstIsp + k;
        if (chargeColumn[u][k] >= 0) pushEntry(rowCols[t], rowVals[t], chargeColumn[u][k], 1);
        if (dischargeColumn[u][k] >= 0) pushEntry(rowCols[t], rowVals[t], dischargeColumn[u][k], -1);
      }
    }
    const tariff = network.capacityTariffEurPerKw[node];
    const peak = tariff > 0 ? lp.addColumn(network.monthToDatePeakKw[node], Infinity, tariff) : -1;
    for (let t = 0; t < network.ispCount; t += 1) {
      const fixed = network.fixedNetKw[node][t];
      const importKw = network.importLimitKw[node][t];
      const exportKw = network.exportLimitKw[node][t];
      // flex - net (- over-import + over-export) = -fixed, net within the limits.
      const net = lp.addColumn(-exportKw, importKw, 0);
      const cols = rowCols[t];
      const vals = rowVals[t];
      cols.push(net);
      vals.push(-1);
      if (fixed > importKw) pushEntry(cols, vals, lp.addColumn(0, Infinity, overloadCost), -1);
      if (fixed < -exportKw) pushEntry(cols, vals, lp.addColumn(0, Infinity, overloadCost), 1);
      lp.addRow(-fixed, -fixed, cols, vals);
      if (peak >= 0) lp.addRow(-Infinity, 0, [net, peak], [1, -1]);
    }
  }
}

/** Reads a unit's charge and discharge kW from the solution, clamped into their bounds. */
export function unitPowerKw(model: DayAheadLp, unit: PlanUnit, u: number, columnValues: Float64Array): { chargeKw: Float64Array; dischargeKw: Float64Array } {
  const n = unit.ispCount;
  const chargeKw = new Float64Array(n);
  const dischargeKw = new Float64Array(n);
  for (let k = 0; k < n; k += 1) {
    const c = model.chargeColumn[u][k];
    const d = model.dischargeColumn[u][k];
    if (c >= 0) chargeKw[k] = Math.min(Math.max(columnValues[c], 0), unit.maxChargeKw[k]);
    if (d >= 0) dischargeKw[k] = Math.min(Math.max(columnValues[d], 0), unit.maxDischargeKw[k]);
  }
  return { chargeKw, dischargeKw };
}
