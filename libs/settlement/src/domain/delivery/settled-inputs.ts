import { Decimal, TimeRange } from '@vpp/units';
import type { SettlementBasis } from '../settlement-vocabulary';

/** A `market_awards` row as settlement reads it, with the IDCONS pairing from its bid. */
export interface SettledAward {
  readonly id: string;
  readonly market: string;
  readonly productCode: string;
  /** `symmetric` (FCR), `up`/`down` (aFRR), `buy`/`sell` (energy). */
  readonly direction: string;
  readonly period: TimeRange;
  readonly quantityMw: Decimal;
  readonly price: Decimal;
  /** `EUR/MW/h` (capacity) or `EUR/MWh` (energy). */
  readonly priceUnit: string;
  readonly labels: readonly string[];
  /** IDCONS: the pair of orders answering one congestion request in one ISP, and this order's side. */
  readonly pairRef: string | null;
  readonly side: 'inside' | 'outside' | null;
}

/**
 * One activation (`afrr`, `fcr`) in one ISP as dispatch tracked it (`dispatch_tracking_isps`):
 * requested and measured deviation from the dispatch baseline, kWh, consumption positive, so an
 * upward activation has a negative target.
 */
export interface TrackedActivationIsp {
  readonly activation: string;
  readonly ispStart: Date;
  readonly targetKwh: Decimal;
  readonly measuredKwh: Decimal;
}

/** One fleet's metered energy against its recorded baseline in one ISP (the meter stage's row). */
export interface MeteredIsp {
  readonly ispStart: Date;
  readonly chargedKwh: Decimal;
  readonly dischargedKwh: Decimal;
  readonly baselineKwh: Decimal;
  readonly basis: SettlementBasis;
}

/** One ISP of an accepted UFTP FlexOrder: ordered flex power in W (UFTP sign: + = consumption), activation factor applied. */
export interface SettledFlexOrderIsp {
  readonly ispStart: Date;
  readonly orderedFlexPowerW: Decimal;
}

/** An accepted UFTP FlexOrder on sites of the portfolio. */
export interface SettledFlexOrder {
  readonly id: string;
  readonly orderReference: string;
  /** The order's Price, EUR, for the whole order. */
  readonly price: Decimal;
  readonly isps: readonly SettledFlexOrderIsp[];
}

/**
 * A fleet's metered energy behind one order's location (IDCONS: the connection of the order;
 * UFTP: the sites behind the congestion point) and its share of that order.
 */
export interface LocatedDelivery {
  readonly fleetIsps: readonly MeteredIsp[];
  readonly share: Decimal;
}
