import { Block, type Isp } from '@vpp/units';
import { BidsError } from './bids.errors';
import type { PortfolioDayPlan } from './portfolio-day-plan';

const ISP_HOURS = 0.25;
/** Below this a planned kW counts as nothing (solver noise). */
const EPS_KW = 1e-6;

/**
 * What the plan says about the value of energy, per ISP and for the day, derived once and shared
 * by the builders (float64; bids turn it into Decimal on the product's ticks).
 */
export interface PlanEconomics {
  readonly isps: readonly Isp[];
  /**
   * The plan's marginal energy price, EUR/MWh: the highest price at which it still buys energy it
   * could have moved (flexible charging). Moving energy elsewhere costs at most this, so it is the
   * value of flexible energy (the LP's energy dual, read off the schedule). With no flexible
   * charging, the day's lowest price.
   */
  readonly marginalPriceEurPerMwh: number;
  readonly lowestPriceEurPerMwh: number;
  /** Charging the plan cannot move: what must be bought in the ISP at any price, kW. */
  readonly inflexibleKw: Float64Array;
  /** The plan's charging (>= 0) and discharging (>= 0) per ISP, kW. */
  readonly chargeKw: Float64Array;
  readonly dischargeKw: Float64Array;
  /** Degradation of one MWh through the battery and back, EUR/MWh (round trip). */
  readonly roundTripDegradationEurPerMwh: number;
}

export function planEconomics(plan: PortfolioDayPlan): PlanEconomics {
  const isps = plan.day.isps();
  const n = isps.length;
  for (const [name, series] of Object.entries({
    plannedKw: plan.plannedKw,
    batteryMinKw: plan.batteryMinKw,
    batteryMaxKw: plan.batteryMaxKw,
    latestEnergyKwh: plan.latestEnergyKwh,
    pricesEurPerMwh: plan.pricesEurPerMwh,
  })) {
    if (series.length !== n) throw new BidsError('BID_INPUT_INVALID', `${name} has ${series.length} values; ${plan.day.isoDate} has ${n} ISPs`);
  }
  const chargeKw = new Float64Array(n);
  const dischargeKw = new Float64Array(n);
  const inflexibleKw = new Float64Array(n);
  let stored = 0;
  let marginal = -Infinity;
  let lowest = Infinity;
  for (let t = 0; t < n; t += 1) {
    const p = plan.plannedKw[t];
    chargeKw[t] = Math.max(0, p);
    dischargeKw[t] = Math.max(0, -p);
    // What is still missing to the just-in-time bound at the end of t, given what the plan stored before t.
    const missingKwh = Math.max(0, plan.latestEnergyKwh[t] - stored);
    inflexibleKw[t] = Math.min(chargeKw[t], missingKwh / (plan.chargeEfficiency * ISP_HOURS));
    stored += ISP_HOURS * (chargeKw[t] * plan.chargeEfficiency - dischargeKw[t] / plan.dischargeEfficiency);
    const price = plan.pricesEurPerMwh[t];
    lowest = Math.min(lowest, price);
    if (chargeKw[t] - inflexibleKw[t] > EPS_KW) marginal = Math.max(marginal, price);
  }
  return {
    isps,
    marginalPriceEurPerMwh: marginal === -Infinity ? lowest : marginal,
    lowestPriceEurPerMwh: lowest,
    inflexibleKw,
    chargeKw,
    dischargeKw,
    roundTripDegradationEurPerMwh: 2 * plan.degradationCostEurPerKwh * 1000,
  };
}

/** Indices (into the day's ISPs) of the ISPs of a block or MTU. */
export function ispIndicesOf(economics: PlanEconomics, start: Date, end: Date): number[] {
  const indices: number[] = [];
  economics.isps.forEach((isp, t) => {
    if (isp.start.getTime() >= start.getTime() && isp.end.getTime() <= end.getTime()) indices.push(t);
  });
  return indices;
}

export function blocksOf(plan: PortfolioDayPlan): Block[] {
  return Block.allOf(plan.day);
}
