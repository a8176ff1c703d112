import type { EntityManager } from 'typeorm';
import { Decimal, parseDecimal } from '@vpp/units';
import { cellKey, LedgerCell } from '../../domain/ledger/ledger-line';
import type { LedgerDirection } from '../../domain/portfolio/portfolio-products';

export interface LockedCell {
  readonly availableKw: Decimal;
  readonly reservedKw: Decimal;
}

/** Parameter arrays for `unnest($n::timestamptz[], $m::text[])`, in the cells' order. */
export function cellArrays(cells: readonly LedgerCell[]): [string[], LedgerDirection[]] {
  return [cells.map((cell) => cell.isp.start.toISOString()), cells.map((cell) => cell.direction)];
}

/**
 * Locks the portfolio's existing cells among `cells` in ledger order (ISP, direction) and returns
 * them by `cellKey`. Every writer of the ledger calls this first, so concurrent writers on the
 * same cells wait for each other in one order and never deadlock; what they then change is
 * decided by conditional updates and the CHECK, not by these values.
 */
export async function lockCells(manager: EntityManager, portfolioId: string, cells: readonly LedgerCell[]): Promise<Map<string, LockedCell>> {
  const [starts, directions] = cellArrays(cells);
  const rows: { isp_start: Date; direction: LedgerDirection; available_kw: string; reserved_kw: string }[] = await manager.query(
    `SELECT c.isp_start, c.direction, c.available_kw, c.reserved_kw
       FROM ledger_capacity c
       JOIN unnest($2::timestamptz[], $3::text[]) AS r(isp_start, direction) ON r.isp_start = c.isp_start AND r.direction = c.direction
      WHERE c.portfolio_id = $1
      ORDER BY c.isp_start, c.direction
        FOR UPDATE OF c`,
    [portfolioId, starts, directions],
  );
  return new Map(
    rows.map((row) => [
      `${row.isp_start.toISOString()}/${row.direction}`,
      { availableKw: parseDecimal(row.available_kw), reservedKw: parseDecimal(row.reserved_kw) },
    ]),
  );
}

export const lockedCellOf = (locked: Map<string, LockedCell>, cell: LedgerCell): LockedCell | undefined => locked.get(cellKey(cell));
