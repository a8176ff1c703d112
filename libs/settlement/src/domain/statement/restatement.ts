import { Decimal, Money } from '@vpp/units';
import type { StatementLine } from './statement-line';
import { lineKey } from './statement-line';

/** A ledger line: which statement version holds it, and which earlier line it corrects (a delta). */
export interface LineRef {
  readonly statementId: string;
  readonly lineNo: number;
}

export interface LedgerLine extends StatementLine {
  readonly statementId: string;
  readonly version: number;
  readonly lineNo: number;
  readonly corrects: LineRef | null;
}

/** A line about to be appended: a first-version line (corrects null) or a delta. */
export interface NewLedgerLine extends StatementLine {
  readonly corrects: LineRef | null;
}

/** What the ledger holds for one line key: the sum over all versions and the latest line. */
interface Standing {
  amount: Money;
  quantity: Decimal | null;
  latest: LedgerLine;
}

/**
 * The delta lines that turn what the ledger holds (every line of every issued version) into the
 * recomputed statement, never rewriting history (issue 7 item 4):
 * - a key whose amount, quantity or basis changed gets a line with the difference, pointing at
 *   the latest line of that key (`corrects`);
 * - a key that is new gets a line with corrects null; a key that disappeared gets its negation;
 * - unchanged keys give nothing.
 * The deltas sum to (recomputed total - ledger total) per section, exactly, as all are cents.
 */
export function restatementLines(ledger: readonly LedgerLine[], recomputed: readonly StatementLine[]): NewLedgerLine[] {
  const standing = new Map<string, Standing>();
  for (const line of [...ledger].sort((a, b) => a.version - b.version || a.lineNo - b.lineNo)) {
    const key = lineKey(line);
    const seen = standing.get(key);
    standing.set(key, {
      amount: seen ? seen.amount.add(line.amount) : line.amount,
      quantity: addQuantities(seen?.quantity ?? null, line.quantity),
      latest: line,
    });
  }
  const deltas: NewLedgerLine[] = [];
  const recomputedKeys = new Set<string>();
  for (const line of recomputed) {
    const key = lineKey(line);
    recomputedKeys.add(key);
    const held = standing.get(key);
    if (!held) {
      deltas.push({ ...line, corrects: null });
      continue;
    }
    const amount = line.amount.subtract(held.amount);
    const quantity = subtractQuantities(line.quantity, held.quantity);
    const unchanged = amount.isZero() && (quantity === null || quantity.isZero()) && line.basis === held.latest.basis;
    if (!unchanged) deltas.push({ ...line, amount, quantity, corrects: refOf(held.latest) });
  }
  for (const [key, held] of standing) {
    if (recomputedKeys.has(key) || (held.amount.isZero() && (held.quantity === null || held.quantity.isZero()))) continue;
    const { statementId: _s, version: _v, lineNo: _l, corrects: _c, ...line } = held.latest;
    deltas.push({ ...line, amount: held.amount.negate(), quantity: held.quantity?.negated() ?? null, corrects: refOf(held.latest) });
  }
  return deltas;
}

const refOf = (line: LedgerLine): LineRef => ({ statementId: line.statementId, lineNo: line.lineNo });

function addQuantities(a: Decimal | null, b: Decimal | null): Decimal | null {
  if (a === null && b === null) return null;
  return (a ?? new Decimal(0)).plus(b ?? new Decimal(0));
}

function subtractQuantities(a: Decimal | null, b: Decimal | null): Decimal | null {
  if (a === null && b === null) return null;
  return (a ?? new Decimal(0)).minus(b ?? new Decimal(0));
}
