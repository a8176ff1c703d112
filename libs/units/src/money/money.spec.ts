import { Decimal, RoundingMode } from '../decimal';
import { unitsErrorCode } from '../test-support/units-error-code';
import { CurrencyCode } from './currency';
import { DEFAULT_CENTS_ROUNDING, Money } from './money';

const eur = (text: string): Money => Money.fromString(text, 'EUR');
const strings = (parts: Money[]): string[] => parts.map((p) => p.toFixed(2, RoundingMode.HALF_EVEN));

/** mulberry32: a tiny seeded PRNG so the property tests are reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe(Money.name, () => {
  describe('construction and strings', () => {
    it.each(['0', '0.01', '-0.01', '33.333333', '9999999999999.999999', '-9999999999999.999999', '0.000001'])(
      'round-trips %s EUR',
      (text) => {
        const money = eur(text);
        expect(money.toString()).toBe(text);
        expect(money.toJSON()).toBe(text);
        expect(money.currency).toBe('EUR');
        expect(money.unit).toBe('EUR');
        expect(money.amount.toFixed()).toBe(text);
      },
    );

    it('builds from Decimals and safe integers, never from floats', () => {
      expect(Money.eur(new Decimal('1.5')).toString()).toBe('1.5');
      expect(Money.of(7, 'CHF').currency).toBe('CHF');
      expect(unitsErrorCode(() => Money.eur(0.1))).toBe('NOT_A_SAFE_INTEGER');
    });

    it('refuses unknown currencies at run time', () => {
      expect(unitsErrorCode(() => Money.of(1, 'USD' as CurrencyCode))).toBe('INVALID_CURRENCY');
      expect(unitsErrorCode(() => Money.zero('eur' as CurrencyCode))).toBe('INVALID_CURRENCY');
    });

    it.each(['1e3', 'NaN', ' 1', '1.', '.5', '', '€1'])('fromString rejects %j', (text) => {
      expect(unitsErrorCode(() => eur(text))).toBe('INVALID_DECIMAL');
    });

    it('has no float conversion at all', () => {
      // @ts-expect-error money never becomes a float
      expect(eur('1').toFloat64ForOptimisation).toBeUndefined();
      // @ts-expect-error money never becomes a float
      expect(eur('1').toNumber).toBeUndefined();
    });
  });

  describe('arithmetic', () => {
    it.each([
      // a + b, a - b, a x 3, -a
      ['10.10', '0.005', '10.105', '10.095', '30.3', '-10.1'],
      ['-1', '1', '0', '-2', '-3', '1'],
      ['0.1', '0.2', '0.3', '-0.1', '0.3', '-0.1'],
    ])('%s and %s', (a, b, sum, difference, triple, negated) => {
      expect(eur(a).add(eur(b)).toString()).toBe(sum);
      expect(eur(a).subtract(eur(b)).toString()).toBe(difference);
      expect(eur(a).multiply(3).toString()).toBe(triple);
      expect(eur(a).negate().toString()).toBe(negated);
    });

    it('compares and tests for zero', () => {
      expect(eur('1.00').compare(eur('1'))).toBe(0);
      expect(eur('-1').compare(eur('1'))).toBe(-1);
      expect(eur('0.000').isZero()).toBe(true);
      expect(eur('0.000001').isZero()).toBe(false);
    });

    it('refuses to mix currencies', () => {
      expect(unitsErrorCode(() => eur('1').add(Money.of(1, 'CHF')))).toBe('CURRENCY_MISMATCH');
      expect(unitsErrorCode(() => eur('1').compare(Money.of(1, 'DKK')))).toBe('CURRENCY_MISMATCH');
    });

    it('sums lists, including empty ones', () => {
      expect(Money.sum([eur('1.10'), eur('2.20'), eur('-0.30')], 'EUR').toString()).toBe('3');
      expect(Money.sum([], 'CHF').currency).toBe('CHF');
      expect(unitsErrorCode(() => Money.sum([eur('1')], 'CHF'))).toBe('CURRENCY_MISMATCH');
    });
  });

  describe('roundToCents', () => {
    it('defaults to half away from zero', () => {
      expect(DEFAULT_CENTS_ROUNDING).toBe(RoundingMode.HALF_AWAY_FROM_ZERO);
    });

    it.each([
      // amount, default (half away from zero), HALF_EVEN, TOWARD_ZERO
      ['0.005', '0.01', '0', '0'],
      ['-0.005', '-0.01', '0', '0'],
      ['0.015', '0.02', '0.02', '0.01'],
      ['0.025', '0.03', '0.02', '0.02'],
      ['1.234999', '1.23', '1.23', '1.23'],
      ['-1.235', '-1.24', '-1.24', '-1.23'],
      ['9999999999999.995', '10000000000000', '10000000000000', '9999999999999.99'],
      ['12', '12', '12', '12'],
    ])('%s -> %s (half-even %s, toward zero %s)', (amount, byDefault, halfEven, towardZero) => {
      expect(eur(amount).roundToCents().toString()).toBe(byDefault);
      expect(eur(amount).roundToCents(RoundingMode.HALF_EVEN).toString()).toBe(halfEven);
      expect(eur(amount).roundToCents(RoundingMode.TOWARD_ZERO).toString()).toBe(towardZero);
    });

    it('never yields -0', () => {
      expect(eur('-0.001').roundToCents().toString()).toBe('0');
    });
  });

  describe('split and allocate', () => {
    it('splits 100.00 EUR into 3 equal shares: 33.34 + 33.33 + 33.33 = 100.00', () => {
      const parts = eur('100.00').split(3);
      expect(strings(parts)).toEqual(['33.34', '33.33', '33.33']);
      expect(Money.sum(parts, 'EUR').toString()).toBe('100');
    });

    it.each([
      // total, parts, shares (sum = total rounded to cents)
      ['-100.00', 3, ['-33.34', '-33.33', '-33.33']],
      ['0.05', 2, ['0.03', '0.02']],
      ['0.01', 3, ['0.01', '0.00', '0.00']],
      ['-0.01', 2, ['-0.01', '0.00']],
      ['0', 4, ['0.00', '0.00', '0.00', '0.00']],
      ['10.00', 1, ['10.00']],
      ['1.00', 7, ['0.15', '0.15', '0.14', '0.14', '0.14', '0.14', '0.14']],
      // 10.005 rounds (half away from zero) to 10.01 first: 3.34 + 3.34 + 3.33 = 10.01
      ['10.005', 3, ['3.34', '3.34', '3.33']],
      ['-10.005', 3, ['-3.34', '-3.34', '-3.33']],
      ['9999999999999.99', 3, ['3333333333333.33', '3333333333333.33', '3333333333333.33']],
    ])('splits %s EUR into %d', (total, count, expected) => {
      const parts = eur(total).split(count);
      expect(strings(parts)).toEqual(expected);
      expect(Money.sum(parts, 'EUR').equals(eur(total).roundToCents())).toBe(true);
    });

    it.each([
      // total, weights, rounding of the total, shares
      ['100.00', [70, 30], DEFAULT_CENTS_ROUNDING, ['70.00', '30.00']],
      ['100.00', [new Decimal('0.7'), new Decimal('0.3')], DEFAULT_CENTS_ROUNDING, ['70.00', '30.00']],
      // 10 x 1/3 = 3.333.., 10 x 2/3 = 6.666..: floors 3.33 + 6.66, the cent to the .67 remainder
      ['10.00', [1, 2], DEFAULT_CENTS_ROUNDING, ['3.33', '6.67']],
      ['-10.00', [1, 2], DEFAULT_CENTS_ROUNDING, ['-3.33', '-6.67']],
      ['0.03', [0, 1, 1, 0], DEFAULT_CENTS_ROUNDING, ['0.00', '0.02', '0.01', '0.00']],
      // 123.45 x 0.5 = 61.725, x 0.25 = 30.8625 (twice): floors 61.72 + 30.86 + 30.86 = 123.44, cent to .725
      ['123.45', [new Decimal('0.5'), new Decimal('0.25'), new Decimal('0.25')], DEFAULT_CENTS_ROUNDING, [
        '61.73',
        '30.86',
        '30.86',
      ]],
      // the total is rounded first with the given mode: 0.025 half-even -> 0.02, half away -> 0.03
      ['0.025', [1, 1], RoundingMode.HALF_EVEN, ['0.01', '0.01']],
      ['0.025', [1, 1], RoundingMode.HALF_AWAY_FROM_ZERO, ['0.02', '0.01']],
    ])('allocates %s EUR by %j (rounding %d)', (total, weights, rounding, expected) => {
      expect(strings(eur(total).allocate(weights, rounding))).toEqual(expected);
    });

    it('keeps the currency of the total', () => {
      expect(Money.of(5, 'DKK').split(2).map((p) => p.currency)).toEqual(['DKK', 'DKK']);
    });

    it.each([
      ['empty weights', () => eur('1').allocate([])],
      ['a negative weight', () => eur('1').allocate([1, -1])],
      ['all-zero weights', () => eur('1').allocate([0, 0, 0])],
      ['zero parts', () => eur('1').split(0)],
      ['negative parts', () => eur('1').split(-2)],
      ['fractional parts', () => eur('1').split(1.5)],
    ])('refuses %s', (_, fn) => {
      expect(unitsErrorCode(fn)).toBe('INVALID_ALLOCATION');
    });

    it('refuses float weights', () => {
      expect(unitsErrorCode(() => eur('1').allocate([0.7, 0.3]))).toBe('NOT_A_SAFE_INTEGER');
    });

    it('always sums back exactly (1000 seeded random totals and weights)', () => {
      const random = seededRandom(20240331);
      const violations: string[] = [];
      for (let run = 0; run < 1000; run += 1) {
        // totals up to +/- 1e9 EUR with 6 decimals, so rounding to cents is exercised too
        const micros = Math.floor(random() * 2e15) - 1e15;
        const total = Money.eur(new Decimal(micros).dividedBy(1_000_000));
        const weights = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
          random() < 0.2 ? new Decimal(0) : new Decimal(Math.floor(random() * 1e6)).dividedBy(1000),
        );
        if (weights.every((w) => w.isZero())) {
          weights.push(new Decimal(1));
        }
        const weightSum = weights.reduce((sum, w) => sum.plus(w), new Decimal(0));
        const rounded = total.roundToCents();
        const parts = total.allocate(weights);
        const label = `run ${run}: ${total.toString()} by [${weights.join(', ')}] -> [${parts.join(', ')}]`;

        if (parts.length !== weights.length || !Money.sum(parts, 'EUR').equals(rounded)) {
          violations.push(`${label}: does not sum to ${rounded.toString()}`);
        }
        parts.forEach((part, i) => {
          // Whole cents, within one cent of the exact share, sign of the total, zero for a zero weight.
          const exact = rounded.amount.times(weights[i]).dividedBy(weightSum);
          const ok =
            part.amount.decimalPlaces() <= 2 &&
            part.amount.minus(exact).abs().lessThan('0.01') &&
            (part.isZero() || part.isNegative() === rounded.isNegative()) &&
            (!weights[i].isZero() || part.isZero());
          if (!ok) {
            violations.push(`${label}: part ${i}`);
          }
        });
      }
      expect(violations).toEqual([]);
    });

    it('splits symmetric: split(-x) = -split(x) (500 seeded cases)', () => {
      const random = seededRandom(20241027);
      for (let run = 0; run < 500; run += 1) {
        const total = Money.eur(new Decimal(Math.floor(random() * 1e9)).dividedBy(100));
        const count = 1 + Math.floor(random() * 20);
        const positive = total.split(count);
        const negative = total.negate().split(count);
        expect(negative.map(String)).toEqual(positive.map((p) => p.negate().toString()));
        expect(Money.sum(positive, 'EUR').equals(total)).toBe(true);
      }
    });
  });
});
