/** Stable codes of the settlement context's domain errors (no HTTP knowledge; STYLE.md 9.3). */
export type SettlementErrorCode =
  | 'SETTLEMENT_INPUT_INVALID'
  | 'SETTLEMENT_PRICE_MISSING'
  | 'SETTLEMENT_CONTRACT_INVALID'
  | 'SETTLEMENT_CONTRACT_NOT_FOUND'
  | 'SETTLEMENT_CONTRACT_AMBIGUOUS'
  | 'SETTLEMENT_COUNTRY_RULES_NOT_FOUND'
  | 'SETTLEMENT_COUNTRY_RULES_AMBIGUOUS'
  | 'SETTLEMENT_TRANSACTION_REQUIRED';

export class SettlementError extends Error {
  constructor(
    readonly code: SettlementErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SettlementError';
  }
}
