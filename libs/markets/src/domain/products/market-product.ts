import type { Decimal, GateClosureRule } from '@vpp/units';

/** The markets the aggregator bids into (MARKETS.md sections 1-4). */
export const MARKETS = ['fcr', 'afrr', 'day-ahead', 'idcons'] as const;
export type Market = (typeof MARKETS)[number];

/**
 * Which way a bid goes: FCR is one symmetric product; aFRR capacity and energy are offered up and
 * down separately; exchange and GOPACS orders buy or sell.
 */
export const BID_DIRECTIONS = ['symmetric', 'up', 'down', 'buy', 'sell'] as const;
export type BidDirection = (typeof BID_DIRECTIONS)[number];

/** How a product cuts the delivery day: 4-hour capacity blocks or fixed market time units. */
export type DeliveryPeriodKind = 'block' | 'mtu';

/**
 * When bids are due: `daily` auctions have one gate per delivery day for all its periods (FCR,
 * aFRR capacity, SDAC); `per-period` products have a gate per period (aFRR energy, 25 min before
 * each quarter-hour); `event` products have no calendar gate (GOPACS IDCONS answers congestion
 * requests as they arrive).
 */
export const GATE_KINDS = ['daily', 'per-period', 'event'] as const;
export type GateKind = (typeof GATE_KINDS)[number];

/** The zone a day-relative gate time is read in. MARKETS.md: FCR's "8 Uhr" names no zone. */
export const GATE_CLOSURE_ZONES = ['Europe/Amsterdam', 'UTC'] as const;
export type GateClosureZone = (typeof GATE_CLOSURE_ZONES)[number];

export const PRICING_RULES = ['pay-as-cleared', 'pay-as-bid', 'spread-paid-by-grid-operator'] as const;
export type PricingRule = (typeof PRICING_RULES)[number];

/** Capacity is priced per MW and hour, energy per MWh. */
export const PRICE_UNITS = ['EUR/MWh', 'EUR/MW/h'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

/** The control channels of libs/fleet (ARCHITECTURE.md section 2), as the product rules name them. */
export const QUALIFYING_CHANNELS = ['ocpi', 'ocpp', 'oem'] as const;
export type QualifyingChannel = (typeof QUALIFYING_CHANNELS)[number];

/** [from, to): the delivery periods a version of a product's rules applies to; `to` null = open. */
export interface Validity {
  readonly from: Date;
  readonly to: Date | null;
}

/** Which sessions may serve a product: by channel, measured p95 latency (channel_latency) and discharge. */
export interface SessionQualification {
  readonly channels: readonly QualifyingChannel[];
  /** Measured p95 command latency a channel must stay within; null = no latency rule. */
  readonly maxLatencyP95Ms: number | null;
  /** Directions only V2G discharge can deliver. */
  readonly dischargeRequiredFor: readonly BidDirection[];
}

/**
 * One effective-dated version of a market product's rules (issue 5, item 1). Products are data:
 * rows of `market_products`, seeded with MARKETS.md's documented values; a rule change is a new
 * version with its own validity, never a code change.
 *
 * Quantities are MW, prices in {@link MarketProductRules.priceUnit}. A null limit means the
 * product has no such rule.
 */
export interface MarketProductRules {
  readonly id: string;
  readonly market: Market;
  /** Stable name of the product across versions, e.g. `sdac-nl`. */
  readonly productCode: string;
  readonly name: string;
  readonly validity: Validity;
  readonly directions: readonly BidDirection[];
  readonly deliveryPeriod: DeliveryPeriodKind;
  /** Length of a market time unit for `mtu` products (15 or 60); null for blocks. */
  readonly mtuMinutes: number | null;
  readonly gateKind: GateKind;
  /** Null for `event` products. */
  readonly gateClosure: GateClosureRule | null;
  readonly gateClosureZone: GateClosureZone;
  /** When the order book opens (FCR D-7, SDAC D-45); null = always open. */
  readonly gateOpens: GateClosureRule | null;
  readonly pricingRule: PricingRule;
  readonly priceUnit: PriceUnit;
  readonly minQuantityMw: Decimal | null;
  /** Quantities must be whole multiples of this (FCR 1 MW, SDAC 0.1 MW). */
  readonly quantityStepMw: Decimal | null;
  /** Prices must be whole multiples of this (SDAC 0.1 EUR/MWh). */
  readonly priceTick: Decimal | null;
  readonly priceMin: Decimal | null;
  readonly priceMax: Decimal | null;
  /** Price-quantity points per bid: 2..256 for SDAC curves, 1..1 for single-price products. */
  readonly curvePoints: { readonly min: number; readonly max: number };
  readonly fullActivationSeconds: number | null;
  readonly setpointIntervalSeconds: number | null;
  /** FCR limited-energy-reservoir rule: minutes of full delivery held in reserve. */
  readonly lerMinutes: number | null;
  /** GOPACS orders carry the connection EAN of where the flexibility sits. */
  readonly requiresLocation: boolean;
  readonly qualification: SessionQualification;
  /** False when any value of this version is a working assumption (see `unverifiedFields`). */
  readonly verified: boolean;
  /** Names of the fields above that MARKETS.md marks UNVERIFIED or that we assumed. */
  readonly unverifiedFields: readonly string[];
  /** Where the values come from ([source] notes from MARKETS.md). */
  readonly sourceNote: string;
}
