import { Decimal } from '../decimal';
import { Money } from './money';
import { roundLinesToCents } from './round-lines-to-cents';

const eur = (text: string): Money => Money.fromString(text, 'EUR');

describe(roundLinesToCents.name, () => {
  it('keeps the sum of three thirds at the rounded total', () => {
    // 3 x 0.333333 = 0.999999 -> 1.00; running totals 0.33, 0.67, 1.00 give 0.33 + 0.34 + 0.33.
    const sut = roundLinesToCents([eur('0.333333'), eur('0.333333'), eur('0.333333')]);
    expect(sut.map(String)).toEqual(['0.33', '0.34', '0.33']);
  });

  it('handles lines of both signs', () => {
    // Running: 1.005 -> 1.01; -0.0025 -> 1.0025 -> 1.00; 0.004 -> 1.0065 -> 1.01.
    const sut = roundLinesToCents([eur('1.005'), eur('-0.0025'), eur('0.004')]);
    expect(sut.map(String)).toEqual(['1.01', '-0.01', '0.01']);
  });

  it('gives nothing for no lines', () => {
    expect(roundLinesToCents([])).toEqual([]);
  });

  it('always sums to the rounded exact total and moves no line by more than a cent', () => {
    // Seeded linear congruential generator: reproducible pseudo-random amounts of both signs.
    let seed = 42;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let run = 0; run < 200; run += 1) {
      const lines = Array.from({ length: 1 + (next() % 40) }, () =>
        Money.eur(new Decimal(next() % 2000000).minus(1000000).dividedBy(1000000)),
      );
      const rounded = roundLinesToCents(lines);
      const exactTotal = Money.sum(lines, 'EUR').roundToCents();
      expect(Money.sum(rounded, 'EUR').equals(exactTotal)).toBe(true);
      rounded.forEach((line, i) => expect(line.subtract(lines[i]).abs().greaterThan(eur('0.01'))).toBe(false));
    }
  });
});
