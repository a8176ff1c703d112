import { Decimal } from '@vpp/units';
import type { MeteredIsp } from './settled-inputs';

export const FLEET_SHARE_ASSUMPTION = "ASSUMED: portfolio awards split among its fleets by their share of the day's recorded baseline energy";

/**
 * Each fleet's share of its portfolio's awards: its recorded baseline energy of the day over the
 * portfolio's (the flexibility a fleet brings grows with the energy it would have drawn). Awards
 * are per portfolio and statements per fleet, and no market publishes a split, so the rule is ours
 * (ASSUMED). No baseline at all: equal shares. The shares sum to exactly 1 only up to Decimal
 * precision; cents are rounded per statement line anyway.
 */
export function fleetShares(fleets: ReadonlyMap<string, readonly MeteredIsp[]>): Map<string, Decimal> {
  const baselines = new Map([...fleets].map(([fleetId, isps]) => [fleetId, isps.reduce((sum, isp) => sum.plus(isp.baselineKwh), new Decimal(0))]));
  const total = [...baselines.values()].reduce((sum, kwh) => sum.plus(kwh), new Decimal(0));
  const equal = new Decimal(1).dividedBy(Math.max(1, baselines.size));
  return new Map([...baselines].map(([fleetId, kwh]) => [fleetId, total.isZero() ? equal : kwh.dividedBy(total)]));
}
