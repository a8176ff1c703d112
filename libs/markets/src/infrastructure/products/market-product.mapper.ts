import { parseGateClosureRule } from '@vpp/units';
import type { GateClosureRule } from '@vpp/units';
import {
  BID_DIRECTIONS,
  BidDirection,
  GATE_CLOSURE_ZONES,
  GATE_KINDS,
  MARKETS,
  MarketProductRules,
  PRICE_UNITS,
  PRICING_RULES,
  QUALIFYING_CHANNELS,
  QualifyingChannel,
} from '../../domain/products/market-product';
import { MarketsError } from '../../domain/products/markets.errors';
import type { MarketProductEntity } from './market-product.entity';

/** A stored product version as domain rules; a value outside the vocabulary is bad data and refused. */
export function toMarketProductRules(row: MarketProductEntity): MarketProductRules {
  return {
    id: row.id,
    market: oneOf(MARKETS, row.market, row, 'market'),
    productCode: row.productCode,
    name: row.name,
    validity: { from: row.validFrom, to: row.validTo },
    directions: row.directions.map((d) => oneOf<BidDirection>(BID_DIRECTIONS, d, row, 'directions')),
    deliveryPeriod: oneOf(['block', 'mtu'] as const, row.deliveryPeriod, row, 'delivery_period'),
    mtuMinutes: row.mtuMinutes,
    gateKind: oneOf(GATE_KINDS, row.gateKind, row, 'gate_kind'),
    gateClosure: rule(row.gateClosureRule),
    gateClosureZone: oneOf(GATE_CLOSURE_ZONES, row.gateClosureZone, row, 'gate_closure_zone'),
    gateOpens: rule(row.gateOpensRule),
    pricingRule: oneOf(PRICING_RULES, row.pricingRule, row, 'pricing_rule'),
    priceUnit: oneOf(PRICE_UNITS, row.priceUnit, row, 'price_unit'),
    minQuantityMw: row.minQuantityMw,
    quantityStepMw: row.quantityStepMw,
    priceTick: row.priceTick,
    priceMin: row.priceMin,
    priceMax: row.priceMax,
    curvePoints: { min: row.minCurvePoints, max: row.maxCurvePoints },
    fullActivationSeconds: row.fullActivationSeconds,
    setpointIntervalSeconds: row.setpointIntervalSeconds,
    lerMinutes: row.lerMinutes,
    requiresLocation: row.requiresLocation,
    qualification: {
      channels: row.qualifyingChannels.map((c) => oneOf<QualifyingChannel>(QUALIFYING_CHANNELS, c, row, 'qualifying_channels')),
      maxLatencyP95Ms: row.maxLatencyP95Ms,
      dischargeRequiredFor: row.dischargeRequiredFor.map((d) => oneOf<BidDirection>(BID_DIRECTIONS, d, row, 'discharge_required_for')),
    },
    verified: row.verified,
    unverifiedFields: row.unverifiedFields,
    sourceNote: row.sourceNote,
  };
}

function rule(text: string | null): GateClosureRule | null {
  return text === null ? null : parseGateClosureRule(text);
}

function oneOf<T extends string>(allowed: readonly T[], value: string, row: MarketProductEntity, column: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new MarketsError('MARKET_PRODUCT_INVALID', `market_products ${row.id}: ${column} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
}
