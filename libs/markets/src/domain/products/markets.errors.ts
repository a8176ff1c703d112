/** Stable codes of the markets context's domain errors (no HTTP knowledge; STYLE.md 9.3). */
export type MarketsErrorCode =
  | 'MARKET_PRODUCT_NOT_FOUND'
  | 'MARKET_PRODUCT_AMBIGUOUS'
  | 'MARKET_PRODUCT_INVALID'
  | 'MARKET_GATE_NOT_FOUND';

export class MarketsError extends Error {
  constructor(
    readonly code: MarketsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MarketsError';
  }
}
