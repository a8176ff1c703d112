/** Stable codes of the portfolio part of the flexibility context; the HTTP edge maps them to statuses. */
export const PORTFOLIO_ERROR_CODES = [
  'PORTFOLIO_INVALID',
  'PORTFOLIO_NAME_TAKEN',
  'PORTFOLIO_MARKET_NOT_HELD',
  'PORTFOLIO_SITE_ALREADY_POOLED',
] as const;
export type PortfolioErrorCode = (typeof PORTFOLIO_ERROR_CODES)[number];

export class PortfolioError extends Error {
  constructor(
    readonly code: PortfolioErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PortfolioError';
  }
}
