import { Decimal, Money, RoundingMode, TimeRange } from '@vpp/units';
import type { SettlementBasis, SettlementMarket, Stakeholder, StatementSection } from '../settlement-vocabulary';

/** Quantities on a statement line keep 6 decimals (the `numeric(19,6)` preset); money is whole cents. */
export const STATEMENT_QUANTITY_SCALE = 6;

/**
 * One line of a statement, as it goes into the ledger: money in whole cents (rounded once, when
 * the statement is built), from the stakeholder's point of view (+ receives, - pays or bears).
 */
export interface StatementLine {
  readonly section: StatementSection;
  readonly stakeholder: Stakeholder;
  readonly market: SettlementMarket;
  readonly kind: string;
  readonly period: TimeRange;
  readonly amount: Money;
  readonly quantity: Decimal | null;
  readonly unit: string | null;
  readonly basis: SettlementBasis;
  /** Every ASSUMED or UNVERIFIED value or rule the amount rests on (empty: none). */
  readonly assumptions: readonly string[];
}

/** A line's identity across versions: a restatement corrects the line with the same key. */
export function lineKey(line: Pick<StatementLine, 'section' | 'stakeholder' | 'market' | 'kind' | 'period'>): string {
  return [line.section, line.stakeholder.role, line.stakeholder.partyRef, line.market, line.kind, line.period.start.toISOString(), line.period.end.toISOString()].join('|');
}

/** Informational quantity to the stored scale, half-even. */
export function statementQuantity(quantity: Decimal): Decimal {
  return quantity.toDecimalPlaces(STATEMENT_QUANTITY_SCALE, RoundingMode.HALF_EVEN);
}
