/**
 * What a portfolio sells (ARCHITECTURE.md section 2 "Portfolio", "Reservation"). A market is
 * where a portfolio is registered (one pool per market and site); a product is what one
 * reservation holds capacity for. aFRR is one market with two products, because TenneT
 * prequalifies and contracts up and down separately.
 */
export const PORTFOLIO_MARKETS = ['fcr', 'afrr', 'day_ahead', 'congestion'] as const;
export type PortfolioMarket = (typeof PORTFOLIO_MARKETS)[number];

export const RESERVATION_PRODUCTS = ['fcr', 'afrr_up', 'afrr_down', 'day_ahead', 'congestion'] as const;
export type ReservationProduct = (typeof RESERVATION_PRODUCTS)[number];

/** Upward regulation = less consumption (or discharge); downward = more consumption. */
export const LEDGER_DIRECTIONS = ['up', 'down'] as const;
export type LedgerDirection = (typeof LEDGER_DIRECTIONS)[number];

const MARKET_OF: Readonly<Record<ReservationProduct, PortfolioMarket>> = {
  fcr: 'fcr',
  afrr_up: 'afrr',
  afrr_down: 'afrr',
  day_ahead: 'day_ahead',
  congestion: 'congestion',
};

export function marketOf(product: ReservationProduct): PortfolioMarket {
  return MARKET_OF[product];
}

export function isReservationProduct(value: unknown): value is ReservationProduct {
  return typeof value === 'string' && (RESERVATION_PRODUCTS as readonly string[]).includes(value);
}

export function isPortfolioMarket(value: unknown): value is PortfolioMarket {
  return typeof value === 'string' && (PORTFOLIO_MARKETS as readonly string[]).includes(value);
}
