/** Stable codes of the settlement context's domain errors (no HTTP knowledge; STYLE.md 9.3). */
export type SettlementErrorCode =
  | 'SETTLEMENT_INPUT_INVALID'
  | 'SETTLEMENT_PRICE_MISSING'
  | 'SETTLEMENT_CONTRACT_INVALID'
  | 'SETTLEMENT_CONTRACT_NOT_FOUND'
  | 'SETTLEMENT_CONTRACT_AMBIGUOUS'
  /** A contract whose validity overlaps another contract of the fleet. */
  | 'SETTLEMENT_CONTRACT_OVERLAP'
  /** A contract id stored already with other content (contracts are not edited; a new version is a new contract). */
  | 'SETTLEMENT_CONTRACT_EXISTS'
  /** A delivery day's prices that do not cover each of its ISPs exactly once. */
  | 'SETTLEMENT_PRICES_INVALID'
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
