import type { DispatchFleet, DispatchSites } from '../domain';

/** A congestion order as the loop applies it: lower the load of these sites by `reductionKw` in [fromMs, toMs). */
export interface CongestionOrder {
  readonly source: 'uftp-flex-order' | 'idcons-award';
  /** The order reference (UFTP) or award id (IDCONS), for logs. */
  readonly reference: string;
  readonly siteIds: readonly string[];
  readonly reductionKw: number;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Turns the orders active at `nowMs` into congestion caps on the site nodes (clearing the others).
 * The order lowers the area's load below its baseline (ARCHITECTURE.md section 2: uncontrolled
 * charging), so each site behind it is capped at its own baseline less its share of the reduction,
 * shares by baseline; orders on the same site add up. Returns how many sites are capped.
 */
export function applyCongestionCaps(sites: DispatchSites, fleet: DispatchFleet, orders: readonly CongestionOrder[], nowMs: number): number {
  const index = new Map<string, number>();
  sites.siteIds.forEach((id, j) => index.set(id, j));
  const baseline = new Float64Array(sites.count);
  for (let i = 0; i < fleet.slotCount; i++) if (fleet.active[i] === 1 && fleet.siteIndex[i] >= 0) baseline[fleet.siteIndex[i]] += fleet.baselineKw[i];
  const reduction = new Float64Array(sites.count);
  const capped = new Uint8Array(sites.count);
  for (const order of orders) {
    if (nowMs < order.fromMs || nowMs >= order.toMs) continue;
    const behind = order.siteIds.map((id) => index.get(id)).filter((j): j is number => j !== undefined);
    const areaBaseline = behind.reduce((sum, j) => sum + baseline[j], 0);
    for (const j of behind) {
      capped[j] = 1;
      reduction[j] += areaBaseline > 0 ? (order.reductionKw * baseline[j]) / areaBaseline : order.reductionKw / behind.length;
    }
  }
  let count = 0;
  for (let j = 0; j < sites.count; j++) {
    if (capped[j] === 1) {
      sites.setCongestionCap(j, Math.max(0, baseline[j] - reduction[j]));
      count++;
    } else if (sites.congestionCapKw[j] !== Number.POSITIVE_INFINITY) {
      sites.setCongestionCap(j, null);
    }
  }
  return count;
}
