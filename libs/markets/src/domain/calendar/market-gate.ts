import type { TimeRange } from '@vpp/units';
import type { Market } from '../products/market-product';

/**
 * One gate of the market calendar: the moment bids for (market, product, delivery period) must be
 * in. For daily auctions the delivery period is the whole delivery day (one auction for all its
 * blocks or MTUs); for per-period products it is the period itself.
 */
export interface MarketGate {
  /** Stable business key, also the BullMQ job id: `gate.<product>.<period start UTC>`. */
  readonly key: string;
  readonly market: Market;
  readonly productCode: string;
  readonly productVersionId: string;
  /** Local delivery day (Europe/Amsterdam) the period belongs to, `YYYY-MM-DD`. */
  readonly deliveryDay: string;
  readonly period: TimeRange;
  readonly gateClosureAt: Date;
  /** Gate minus the safety margin: when bid preparation starts. */
  readonly prepareAt: Date;
}

/**
 * `gate.fcr-nl.20260328T2300Z`: letters, digits, dots and dashes only, so it is a valid BullMQ
 * job id (no ':', not all digits) and stable for a (product, period) pair. The product code
 * implies the market (codes are unique across markets).
 */
export function marketGateKey(productCode: string, periodStart: Date): string {
  const compact = periodStart.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z').replace(/\d{2}Z$/, 'Z');
  return `gate.${productCode}.${compact}`;
}
