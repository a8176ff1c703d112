import { Decimal, Isp } from '@vpp/units';
import { isStorableKw } from '../portfolio/portfolio';
import { LedgerDirection } from '../portfolio/portfolio-products';
import { LedgerError } from './ledger.errors';

/** One cell of the ledger: a portfolio's capacity in one ISP and direction. */
export interface LedgerCell {
  readonly isp: Isp;
  readonly direction: LedgerDirection;
}

export interface LedgerLine extends LedgerCell {
  readonly kw: Decimal;
}

/** Bounds one request: a week of ISPs in both directions, with room for DST days. */
export const MAX_LEDGER_LINES = 7 * 100 * 2;

export function ispAt(ispStart: Date): Isp {
  if (Number.isNaN(ispStart.getTime()) || ispStart.getTime() % (15 * 60_000) !== 0) {
    throw new LedgerError('LEDGER_INVALID_REQUEST', `${Number.isNaN(ispStart.getTime()) ? 'invalid instant' : ispStart.toISOString()} is not the start of an ISP (a UTC quarter-hour)`);
  }
  return Isp.startingAt(ispStart);
}

export const cellKey = (cell: LedgerCell): string => `${cell.isp.start.toISOString()}/${cell.direction}`;

/**
 * Validated lines in ledger order (ISP, then direction by name: down before up, as PostgreSQL's
 * ORDER BY isp_start, direction). Every writer locks cells in this one order, so two
 * transactions touching the same cells queue instead of deadlocking.
 */
export function orderedLines(lines: readonly LedgerLine[], { allowZero }: { allowZero: boolean }): LedgerLine[] {
  if (lines.length === 0) throw new LedgerError('LEDGER_INVALID_REQUEST', 'at least one ISP is needed');
  if (lines.length > MAX_LEDGER_LINES) throw new LedgerError('LEDGER_INVALID_REQUEST', `at most ${MAX_LEDGER_LINES} lines per request`);
  const seen = new Set<string>();
  for (const line of lines) {
    const key = cellKey(line);
    if (seen.has(key)) throw new LedgerError('LEDGER_INVALID_REQUEST', `${key} appears twice`);
    seen.add(key);
    if (!isStorableKw(line.kw) || (!allowZero && line.kw.isZero())) {
      throw new LedgerError('LEDGER_INVALID_REQUEST', `${key}: kW must be ${allowZero ? '>= 0' : '> 0'} with at most 3 decimals`);
    }
  }
  return [...lines].sort(compareCells);
}

export function compareCells(a: LedgerCell, b: LedgerCell): number {
  return a.isp.compare(b.isp) || (a.direction === b.direction ? 0 : a.direction === 'down' ? -1 : 1);
}
