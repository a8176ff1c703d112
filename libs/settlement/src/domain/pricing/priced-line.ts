import { Decimal, Money, TimeRange } from '@vpp/units';
import type { SettlementBasis, SettlementMarket } from '../settlement-vocabulary';

/**
 * One unrounded revenue (+) or cost/penalty (-) of the portfolio in one market period, from the
 * aggregator's point of view. Pricing functions return these for a live estimate and for the
 * final statement alike; rounding to cents happens once, when a statement is built.
 *
 * `quantity`/`unit` say what was priced (MW·h of capacity, MWh of energy); `assumptions` name
 * every rule or value used that is not verified (they travel onto the statement line).
 */
export interface PricedLine {
  readonly market: SettlementMarket;
  readonly kind: string;
  readonly period: TimeRange;
  readonly amount: Money;
  readonly quantity: Decimal;
  readonly unit: string;
  readonly basis: SettlementBasis;
  readonly assumptions: readonly string[];
}

/** Exact sum of lines (EUR). */
export function sumOfLines(lines: readonly PricedLine[]): Money {
  return Money.sum(
    lines.map((line) => line.amount),
    'EUR',
  );
}
