/** Stable codes of the reservation ledger; the HTTP edge maps them to statuses. */
export const LEDGER_ERROR_CODES = [
  'LEDGER_INVALID_REQUEST',
  'LEDGER_PRODUCT_NOT_IN_PORTFOLIO',
  'LEDGER_INSUFFICIENT_CAPACITY',
  'LEDGER_PREQUALIFICATION_EXCEEDED',
  'LEDGER_AVAILABLE_BELOW_RESERVED',
  'LEDGER_IDEMPOTENCY_KEY_REUSED',
] as const;
export type LedgerErrorCode = (typeof LEDGER_ERROR_CODES)[number];

export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}
