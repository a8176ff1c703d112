import { Decimal } from '@vpp/units';
import { PortfolioError } from './portfolio.errors';
import { isPortfolioMarket, marketOf, PortfolioMarket, ReservationProduct } from './portfolio-products';

/**
 * A portfolio (pool): sites grouped for markets, one bidding zone and one BRP, owned by an
 * operator organisation (ARCHITECTURE.md section 2). Its markets are fixed at creation, because
 * every site membership is held per market (a site sits in at most one pool per market).
 */
export interface PortfolioDefinition {
  readonly name: string;
  readonly biddingZone: string;
  /** The BRP whose imbalance perimeter the pool's deliveries are corrected on (its EAN or code). */
  readonly brpReference: string | null;
  readonly markets: readonly PortfolioMarket[];
}

/** Country code with an optional zone suffix, as ENTSO-E names zones: NL, BE, DE-LU, IT-NORD, DK1. */
export const BIDDING_ZONE_PATTERN = /^[A-Z]{2}[0-9]?(-[A-Z0-9]{2,6})?$/;
const MAX_NAME_LENGTH = 200;
const MAX_BRP_REFERENCE_LENGTH = 100;
/** numeric(14,3): kW with watt resolution. */
export const KW_SCALE = 3;
const MAX_KW = new Decimal('99999999999.999');

export function validatePortfolio(definition: PortfolioDefinition): PortfolioDefinition {
  const name = definition.name.trim();
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) throw new PortfolioError('PORTFOLIO_INVALID', `name must be 1..${MAX_NAME_LENGTH} characters`);
  if (!BIDDING_ZONE_PATTERN.test(definition.biddingZone)) {
    throw new PortfolioError('PORTFOLIO_INVALID', `bidding zone ${JSON.stringify(definition.biddingZone)} is not a zone code such as NL or DE-LU`);
  }
  const brp = definition.brpReference?.trim() ?? null;
  if (brp !== null && (brp.length === 0 || brp.length > MAX_BRP_REFERENCE_LENGTH)) {
    throw new PortfolioError('PORTFOLIO_INVALID', `BRP reference must be 1..${MAX_BRP_REFERENCE_LENGTH} characters`);
  }
  if (definition.markets.length === 0) throw new PortfolioError('PORTFOLIO_INVALID', 'a portfolio needs at least one market');
  const unknown = definition.markets.find((market) => !isPortfolioMarket(market));
  if (unknown !== undefined) throw new PortfolioError('PORTFOLIO_INVALID', `unknown market ${JSON.stringify(unknown)}`);
  if (new Set(definition.markets).size !== definition.markets.length) throw new PortfolioError('PORTFOLIO_INVALID', 'markets must not repeat');
  return { name, biddingZone: definition.biddingZone, brpReference: brp, markets: [...definition.markets].sort() };
}

/** A kW quantity the ledger can hold exactly: non-negative, at most 3 decimals, fits numeric(14,3). */
export function isStorableKw(kw: Decimal): boolean {
  return !kw.isNegative() && kw.decimalPlaces() <= KW_SCALE && kw.lessThanOrEqualTo(MAX_KW);
}

/** Prequalified capacity may only be held for a product of one of the portfolio's markets. */
export function validatePrequalification(markets: readonly PortfolioMarket[], product: ReservationProduct, capacityKw: Decimal): void {
  if (!markets.includes(marketOf(product))) {
    throw new PortfolioError('PORTFOLIO_MARKET_NOT_HELD', `the portfolio is not in the ${marketOf(product)} market, so it cannot hold ${product} capacity`);
  }
  if (!isStorableKw(capacityKw)) throw new PortfolioError('PORTFOLIO_INVALID', 'prequalified capacity must be >= 0 kW with at most 3 decimals');
}

/** A whole prequalification update: at least one product, none twice, each valid. */
export function validatePrequalifications(markets: readonly PortfolioMarket[], capacities: readonly { product: ReservationProduct; capacityKw: Decimal }[]): void {
  if (capacities.length === 0) throw new PortfolioError('PORTFOLIO_INVALID', 'give at least one product');
  if (new Set(capacities.map((c) => c.product)).size !== capacities.length) throw new PortfolioError('PORTFOLIO_INVALID', 'a product appears twice');
  for (const { product, capacityKw } of capacities) validatePrequalification(markets, product, capacityKw);
}
