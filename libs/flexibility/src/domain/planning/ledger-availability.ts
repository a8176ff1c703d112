import { Decimal } from '@vpp/units';

export interface AvailabilityCell {
  readonly ispStart: Date;
  readonly direction: 'up' | 'down';
  /** What the plan's stored aggregate says the portfolio can deliver, kW. */
  readonly plannedKw: Decimal;
  /** What the ledger already holds for reservations in this cell. */
  readonly reservedKw: Decimal;
}

export interface AvailabilityConflict {
  readonly ispStart: string;
  readonly direction: 'up' | 'down';
  readonly plannedKw: string;
  readonly reservedKw: string;
}

export interface LedgerAvailability {
  readonly entries: { readonly ispStart: Date; readonly direction: 'up' | 'down'; readonly availableKw: Decimal }[];
  readonly conflicts: AvailabilityConflict[];
}

/**
 * Availability to write into the reservation ledger: the plan's kW (negative read as 0), but
 * never below what is already reserved. A cell where
 * the plan now sees less than was sold is kept at the reserved kW and reported as a conflict: the
 * plan does not fail, and what was sold stays sold (releasing it is a bidding decision).
 */
export function ledgerAvailability(cells: readonly AvailabilityCell[]): LedgerAvailability {
  const entries: LedgerAvailability['entries'] = [];
  const conflicts: AvailabilityConflict[] = [];
  for (const cell of cells) {
    const planned = Decimal.max(new Decimal(0), cell.plannedKw);
    if (planned.lessThan(cell.reservedKw)) {
      conflicts.push({ ispStart: cell.ispStart.toISOString(), direction: cell.direction, plannedKw: planned.toFixed(), reservedKw: cell.reservedKw.toFixed() });
      entries.push({ ispStart: cell.ispStart, direction: cell.direction, availableKw: cell.reservedKw });
    } else {
      entries.push({ ispStart: cell.ispStart, direction: cell.direction, availableKw: planned });
    }
  }
  return { entries, conflicts };
}
