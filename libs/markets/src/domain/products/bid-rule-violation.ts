/**
 * Every rule a bid can break, with a stable code (issue 5: "a bid that would break a rule is not
 * sent; the reason is recorded"). Codes are part of the API and the audit trail: never rename one.
 */
export const BID_RULE_CODES = [
  'PRODUCT_MISMATCH',
  'DIRECTION_NOT_OFFERED',
  'PERIOD_NOT_ALIGNED',
  'GATE_NOT_OPEN',
  'GATE_CLOSED',
  'TOO_FEW_CURVE_POINTS',
  'TOO_MANY_CURVE_POINTS',
  'CURVE_PRICES_NOT_INCREASING',
  'QUANTITY_NEGATIVE',
  'QUANTITY_BELOW_MINIMUM',
  'QUANTITY_OFF_STEP',
  'PRICE_OFF_TICK',
  'PRICE_BELOW_LIMIT',
  'PRICE_ABOVE_LIMIT',
  'LOCATION_MISSING',
] as const;
export type BidRuleCode = (typeof BID_RULE_CODES)[number];

export interface BidRuleViolation {
  readonly code: BidRuleCode;
  readonly message: string;
  /** 0-based index of the offending point, for point rules. */
  readonly pointIndex?: number;
}
