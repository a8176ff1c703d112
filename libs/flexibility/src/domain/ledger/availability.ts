import { Decimal } from '@vpp/units';
import { LedgerDirection } from '../portfolio/portfolio-products';
import { ispAt, LedgerLine, orderedLines } from './ledger-line';

/** The planner's aggregation, per ISP and direction: what the portfolio can deliver at the chosen quantile. */
export interface AvailabilityEntry {
  readonly ispStart: Date;
  readonly direction: LedgerDirection;
  readonly availableKw: Decimal;
}

export function validateAvailability(entries: readonly AvailabilityEntry[]): LedgerLine[] {
  return orderedLines(
    entries.map((entry) => ({ isp: ispAt(entry.ispStart), direction: entry.direction, kw: entry.availableKw })),
    { allowZero: true },
  );
}
