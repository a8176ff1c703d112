/**
 * Stable, machine-readable reasons a units operation was refused. Callers (DTO validation,
 * settlement jobs) switch on these codes; messages are for humans and may change.
 */
export type UnitsErrorCode =
  | 'INVALID_DECIMAL'
  | 'DECIMAL_TOO_PRECISE'
  | 'NOT_A_SAFE_INTEGER'
  | 'UNIT_MISMATCH'
  | 'CURRENCY_MISMATCH'
  | 'INVALID_CURRENCY'
  | 'INVALID_ALLOCATION'
  | 'INVALID_DURATION'
  | 'INVALID_INSTANT'
  | 'INVALID_TIME_RANGE'
  | 'ISP_NOT_ALIGNED'
  | 'ISP_NOT_IN_DAY'
  | 'ISP_NUMBER_OUT_OF_RANGE'
  | 'INVALID_DELIVERY_DAY'
  | 'BLOCK_INDEX_OUT_OF_RANGE'
  | 'INVALID_LOCAL_TIME'
  | 'NONEXISTENT_LOCAL_TIME'
  | 'AMBIGUOUS_LOCAL_TIME'
  | 'INVALID_GATE_CLOSURE_RULE';

/** Thrown by every `@vpp/units` function on invalid input or a unit/currency mix. */
export class UnitsError extends Error {
  override readonly name = 'UnitsError';

  constructor(
    readonly code: UnitsErrorCode,
    message: string,
  ) {
    super(message);
  }
}
