import type { Decimal, TimeRange } from '@vpp/units';
import type { BidDirection, Market } from './market-product';

/** One price-quantity point; quantity in MW (>= 0, the direction says which way), price in the product's unit. */
export interface BidPoint {
  readonly quantityMw: Decimal;
  readonly price: Decimal;
}

/** A bid as built, before it is checked against its product and sent. */
export interface BidDraft {
  readonly market: Market;
  readonly productCode: string;
  readonly direction: BidDirection;
  /** The delivery period: a block, an MTU, or a whole delivery day for daily curve sets. */
  readonly period: TimeRange;
  readonly points: readonly BidPoint[];
  /** Connection EAN for location-tagged orders (GOPACS IDCONS). */
  readonly locationEan?: string;
}
