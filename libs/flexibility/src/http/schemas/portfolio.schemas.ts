import { z } from 'zod/v4';
import { PORTFOLIO_MARKETS, RESERVATION_PRODUCTS } from '../../domain/portfolio/portfolio-products';
import { kw } from './ledger-api.primitives';

export const createPortfolioSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  biddingZone: z.string().max(20).describe('bidding zone code, e.g. NL, BE, DE-LU'),
  brpReference: z.string().trim().min(1).max(100).nullable().optional().describe("the BRP's EAN or code"),
  markets: z.array(z.enum(PORTFOLIO_MARKETS)).min(1).max(PORTFOLIO_MARKETS.length),
});
export type CreatePortfolioBody = z.output<typeof createPortfolioSchema>;

/** Sets the listed products; products not listed keep their capacity. */
export const setPrequalificationSchema = z.strictObject({
  capacities: z
    .array(z.strictObject({ product: z.enum(RESERVATION_PRODUCTS), capacityKw: kw('capacityKw') }))
    .min(1)
    .max(RESERVATION_PRODUCTS.length),
});
export type SetPrequalificationBody = z.output<typeof setPrequalificationSchema>;
