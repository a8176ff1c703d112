import { Money } from '@vpp/units';
import { fourMarkets, statementInputs } from '../test-support/statement.fixture';
import { computeStatement } from './compute-statement';
import type { LedgerLine } from './restatement';
import { restatementLines } from './restatement';
import type { StatementLine } from './statement-line';

const asIssued = (lines: readonly StatementLine[], statementId: string, version: number): LedgerLine[] =>
  lines.map((line, i) => ({ ...line, statementId, version, lineNo: i + 1, corrects: null }));
const sum = (lines: readonly { amount: Money }[]): string =>
  Money.sum(
    lines.map((line) => line.amount),
    'EUR',
  ).toFixed(2, 4);

describe(restatementLines.name, () => {
  // Version 1 was issued with the aFRR upward energy estimated at 0.25 MWh; late meter data say 0.30 MWh.
  const v1 = computeStatement(statementInputs());
  const ledger = asIssued(v1.lines, 'statement-v1', 1);
  const late = fourMarkets('0.30');
  const corrected = computeStatement(statementInputs({ deliveries: { ...late, afrrEnergy: late.afrrEnergy!.map((isp) => ({ ...isp, basis: 'measured' as const })) } }));

  it('corrects only what changed, pointing at the lines it corrects', () => {
    const sut = restatementLines(ledger, corrected.lines);
    // aFRR up: 0.30 x 120.51 = 36.153 vs 30.1275: +6.0255 exact; revenue 130.5675 -> 136.593 (136.59, was 130.57)
    // running rounding: 106.6775 -> 112.703: the aFRR line becomes 36.15 (+6.02), and the total +6.02
    const revenue = sut.filter((line) => line.section === 'revenue');
    expect(revenue.map((line) => `${line.kind} ${line.amount.toFixed(2, 4)} ${line.quantity?.toFixed()}`)).toEqual(['afrr-energy-up 6.02 0.05']);
    expect(revenue[0].corrects).toEqual({ statementId: 'statement-v1', lineNo: 4 });
    // allocation: only the shares move: 136.59 - 4.92 = 131.67 -> 52.668 / 79.002 -> 52.67 / 79.00
    //   (was 50.26 / 75.39: +2.41 / +3.61)
    const allocation = sut.filter((line) => line.section === 'allocation');
    expect(allocation.map((line) => `${line.stakeholder.role} ${line.amount.toFixed(2, 4)}`)).toEqual(['aggregator 2.41', 'fleet-owner 3.61']);
    expect(allocation.every((line) => line.corrects !== null)).toBe(true);
  });

  it('has delta lines that sum to the difference between the versions, per section', () => {
    const sut = restatementLines(ledger, corrected.lines);
    for (const section of ['revenue', 'allocation', 'charges'] as const) {
      const of = <T extends { section: string }>(lines: readonly T[]): T[] => lines.filter((line) => line.section === section);
      const difference = Money.eur(0)
        .add(Money.sum(of(corrected.lines).map((l) => l.amount), 'EUR'))
        .subtract(Money.sum(of(v1.lines).map((l) => l.amount), 'EUR'));
      expect(sum(of(sut))).toBe(difference.toFixed(2, 4));
    }
    expect(sum(sut.filter((line) => line.section === 'revenue'))).toBe('6.02');
  });

  it('yields nothing for the same inputs, and a third version corrects the sum of the first two', () => {
    expect(restatementLines(ledger, v1.lines)).toEqual([]);
    const v2 = asIssued(restatementLines(ledger, corrected.lines), 'statement-v2', 2);
    // back to the original data: the deltas undo version 2 and point at version 2's lines
    const v3 = restatementLines([...ledger, ...v2], v1.lines);
    expect(sum(v3)).toBe(Money.eur(0).subtract(Money.sum(v2.map((l) => l.amount), 'EUR')).toFixed(2, 4));
    expect(v3.every((line) => line.corrects?.statementId === 'statement-v2')).toBe(true);
  });

  it('negates a line that no longer exists and adds a line that is new', () => {
    const withoutIdcons = computeStatement(statementInputs({ deliveries: { ...fourMarkets(), idcons: undefined } }));
    const sut = restatementLines(ledger, withoutIdcons.lines).filter((line) => line.market === 'idcons');
    // counterparty 5.00, spread 3.00, penalty -1.60 reversed
    expect(sut.map((line) => `${line.kind} ${line.amount.toFixed(2, 4)}`)).toEqual(['idcons-counterparty -5.00', 'idcons-spread -3.00', 'idcons-penalty 1.60']);
    const back = restatementLines(asIssued(withoutIdcons.lines, 's', 1), v1.lines).filter((line) => line.market === 'idcons');
    expect(back.every((line) => line.corrects === null)).toBe(true);
  });
});
