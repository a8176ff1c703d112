import type { Isp } from '@vpp/units';

import { AggregationError, type AggregationMember, type ReservePool } from './aggregation-member';
import type { QuantileMethod } from './firm-capacity';
import { HorizonIndex } from './horizon-index';
import { reserveBands, type ReserveBand } from './reserve-bands';
import { sumVirtualBattery, type VirtualBattery } from './virtual-battery';

export interface PortfolioAggregationOptions {
  /** Contiguous ISPs, e.g. `DeliveryDay.isps()` (92, 96 or 100). */
  readonly horizon: readonly Isp[];
  /** How sure reserves must be, 0.5..1: 0.9 (default) = P90, the value we are 90 % sure to have. */
  readonly reserveConfidence?: number;
  readonly quantileMethod?: QuantileMethod;
}

/** What bidding and the reserve co-optimisation take (issue 4, item 4). */
export interface PortfolioAggregate {
  readonly reserveConfidence: number;
  /** Expected view: the energy plan. */
  readonly battery: VirtualBattery;
  /** Firm view per pool: reserves. */
  readonly reserveBands: Readonly<Record<ReservePool, ReserveBand>>;
  readonly memberCount: number;
  readonly quantileMethodCounts: { readonly exact: number; readonly normal: number };
}

export const DEFAULT_RESERVE_CONFIDENCE = 0.9;

export function aggregatePortfolio(members: readonly AggregationMember[], options: PortfolioAggregationOptions): PortfolioAggregate {
  const horizon = new HorizonIndex(options.horizon);
  for (const member of members) {
    const w = member.weight ?? 1;
    if (!(w > 0 && Number.isFinite(w))) throw new AggregationError(`member ${member.id}: weight must be positive, got ${w}`);
  }
  const confidence = options.reserveConfidence ?? DEFAULT_RESERVE_CONFIDENCE;
  const battery = sumVirtualBattery(members, horizon);
  const reserves = reserveBands(members, horizon, battery.maxPowerKw, confidence, options.quantileMethod ?? 'auto');
  return {
    reserveConfidence: confidence,
    battery,
    reserveBands: reserves.bands,
    memberCount: members.length,
    quantileMethodCounts: reserves.methodCounts,
  };
}
