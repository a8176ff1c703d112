import type { PortfolioMarket, ReservationProduct } from '../../domain/portfolio/portfolio-products';

export interface PortfolioView {
  readonly id: string;
  readonly name: string;
  readonly biddingZone: string;
  readonly brpReference: string | null;
  readonly markets: readonly PortfolioMarket[];
  /** kW as exact decimal strings; products never prequalified are absent (0 kW). */
  readonly prequalifiedKw: Partial<Record<ReservationProduct, string>>;
  readonly sites: readonly { readonly siteId: string; readonly name: string; readonly markets: readonly PortfolioMarket[] }[];
  readonly createdAt: string;
  readonly updatedAt: string;
}
