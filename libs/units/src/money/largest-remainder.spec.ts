import { Decimal } from '../decimal';
import { unitsErrorCode } from '../test-support/units-error-code';
import { allocateLargestRemainder } from './largest-remainder';

const d = (values: (number | string)[]): Decimal[] => values.map((v) => new Decimal(v));

describe(allocateLargestRemainder.name, () => {
  it.each([
    // total, weights, parts
    // 10000 / 3 = 3333 r1: the first (lowest index) of the tied remainders gets the cent
    [10000, [1, 1, 1], [3334, 3333, 3333]],
    [-10000, [1, 1, 1], [-3334, -3333, -3333]],
    [1, [1, 1, 1], [1, 0, 0]],
    [2, [1, 1, 1], [1, 1, 0]],
    [-1, [1, 1], [-1, 0]],
    [0, [1, 2], [0, 0]],
    // 100 x 1/6 = 16.67, 100 x 2/6 = 33.33, 100 x 3/6 = 50: floors 16, 33, 50, leftover 1 -> largest remainder .67
    [100, [1, 2, 3], [17, 33, 50]],
    // weights 0.7 / 0.3 scale to 7 / 3: 999 x 0.7 = 699.3, 999 x 0.3 = 299.7 -> 699, 300
    [999, ['0.7', '0.3'], [699, 300]],
    // zero weights get nothing, even when cents are left over
    [5, [0, 1, 0, 1], [0, 3, 0, 2]],
    [1, [0, 1], [0, 1]],
    // mixed scales: 0.5 and 2 scale to 5 and 20 -> 1/5 and 4/5 of 101 = 20.2, 80.8 -> 20, 81
    [101, ['0.5', 2], [20, 81]],
  ])('%d by %j = %j', (total, weights, expected) => {
    const parts = allocateLargestRemainder(new Decimal(total), d(weights));
    expect(parts.map(String)).toEqual(expected.map(String));
  });

  it.each([
    ['no weights', 100, []],
    ['a negative weight', 100, [1, -1, 2]],
    ['only zero weights', 100, [0, 0]],
    ['a fractional total', 10.5, [1]],
  ])('refuses %s', (_, total, weights) => {
    expect(unitsErrorCode(() => allocateLargestRemainder(new Decimal(total), d(weights)))).toBe('INVALID_ALLOCATION');
  });

  it('refuses magnitudes where exact integer maths would exceed 40 digits', () => {
    // 36-digit total x 10000000001 (11 digits, weights scaled by 1e10) needs 47 digits
    const total = new Decimal('1e35').plus(1);
    const code = unitsErrorCode(() => allocateLargestRemainder(total, d(['1.0000000001', '1'])));
    expect(code).toBe('INVALID_ALLOCATION');
    // 20-digit total x 2-digit weights stays exact
    expect(allocateLargestRemainder(new Decimal('1e19').plus(1), d([1, 1])).map(String)).toEqual([
      '5000000000000000001',
      '5000000000000000000',
    ]);
  });
});
