import { Decimal as GlobalDecimal } from 'decimal.js';

import {
  DECIMAL_PRECISION,
  DECIMAL_STRING_PATTERN,
  Decimal,
  RoundingMode,
  formatDecimal,
  parseDecimal,
  toDecimal,
} from './decimal';
import { unitsErrorCode } from './test-support/units-error-code';


describe(Decimal.name, () => {
  it('is an isolated clone with 40 digits and half-even rounding', () => {
    expect(Decimal.precision).toBe(DECIMAL_PRECISION);
    expect(Decimal.rounding).toBe(GlobalDecimal.ROUND_HALF_EVEN);
    expect(Decimal).not.toBe(GlobalDecimal);
    // The global default (20 digits) is left alone.
    expect(GlobalDecimal.precision).toBe(20);
  });

  it('keeps products of stored presets exact: NUMERIC(19,6) x NUMERIC(14,5) has 33 digits', () => {
    // (1e13 - 1e-6) x (1e9 - 1e-5) = 1e22 - 1e8 - 1e3 + 1e-11 = 9999999999999899999000.00000000001 (33 digits)
    const product = new Decimal('9999999999999.999999').times('999999999.99999');
    expect(product.toFixed()).toBe('9999999999999899999000.00000000001');
  });

  it('rounds division to 40 significant digits, half-even', () => {
    // 2/3 = 0.666...6 (40 sixes) then 7 when rounded
    expect(new Decimal(2).dividedBy(3).toFixed()).toBe(`0.${'6'.repeat(39)}7`);
  });

  it.each([
    // value, HALF_EVEN, HALF_AWAY_FROM_ZERO, TOWARD_ZERO, AWAY_FROM_ZERO, FLOOR, CEIL (to 2 dp)
    ['0.125', '0.12', '0.13', '0.12', '0.13', '0.12', '0.13'],
    ['0.135', '0.14', '0.14', '0.13', '0.14', '0.13', '0.14'],
    ['-0.125', '-0.12', '-0.13', '-0.12', '-0.13', '-0.13', '-0.12'],
    ['-0.121', '-0.12', '-0.12', '-0.12', '-0.13', '-0.13', '-0.12'],
  ])('RoundingMode names say what happens to %s', (value, halfEven, halfAway, towardZero, awayFromZero, floor, ceil) => {
    const round = (mode: RoundingMode): string => new Decimal(value).toDecimalPlaces(2, mode).toFixed(2);
    expect(round(RoundingMode.HALF_EVEN)).toBe(halfEven);
    expect(round(RoundingMode.HALF_AWAY_FROM_ZERO)).toBe(halfAway);
    expect(round(RoundingMode.TOWARD_ZERO)).toBe(towardZero);
    expect(round(RoundingMode.AWAY_FROM_ZERO)).toBe(awayFromZero);
    expect(round(RoundingMode.FLOOR)).toBe(floor);
    expect(round(RoundingMode.CEIL)).toBe(ceil);
  });
});

describe(parseDecimal.name, () => {
  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['-0.000', '0'],
    ['1', '1'],
    ['-1', '-1'],
    ['007.50', '7.5'],
    ['0.000001', '0.000001'],
    ['-0.000001', '-0.000001'],
    ['9999999999999.999999', '9999999999999.999999'],
    ['-9999999999999.999999', '-9999999999999.999999'],
    ['0.0000000000000000000000000000000000000001', '0.0000000000000000000000000000000000000001'],
    ['1000000000000000000000000000000000000000000000', '1000000000000000000000000000000000000000000000'],
    [`1.${'2'.repeat(39)}`, `1.${'2'.repeat(39)}`],
  ])('parses %j exactly and prints it back as %j', (text, canonical) => {
    const value = parseDecimal(text);
    expect(formatDecimal(value)).toBe(canonical);
    expect(value).toBeInstanceOf(Decimal);
    // Round trip: the canonical form parses to the same value.
    expect(parseDecimal(canonical).equals(value)).toBe(true);
  });

  it.each(['1e3', '1E3', 'NaN', 'Infinity', '-Infinity', ' 1', '1 ', '1.', '.5', '', '+1', '--1', '1,5', '0x10', '1_000', '١', '1.2.3', '-'])(
    'rejects %j with INVALID_DECIMAL',
    (text) => {
      expect(unitsErrorCode(() => parseDecimal(text))).toBe('INVALID_DECIMAL');
      expect(DECIMAL_STRING_PATTERN.test(text)).toBe(false);
    },
  );

  it('rejects non-strings at run time', () => {
    expect(unitsErrorCode(() => parseDecimal(12 as unknown as string))).toBe('INVALID_DECIMAL');
  });

  it('rejects more significant digits than arithmetic keeps (41 > 40)', () => {
    expect(unitsErrorCode(() => parseDecimal(`1.${'0'.repeat(39)}1`))).toBe('DECIMAL_TOO_PRECISE');
    // Leading and trailing zeros are not significant.
    expect(formatDecimal(parseDecimal(`000${'1'.repeat(40)}.000`))).toBe('1'.repeat(40));
  });
});

describe(toDecimal.name, () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [42, '42'],
    [-9007199254740991, '-9007199254740991'],
  ])('accepts the safe integer %p', (value, expected) => {
    expect(formatDecimal(toDecimal(value))).toBe(expected);
  });

  it.each([0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects the number %p', (value) => {
    expect(unitsErrorCode(() => toDecimal(value))).toBe('NOT_A_SAFE_INTEGER');
  });

  it('re-homes a global decimal.js value so our precision applies', () => {
    const foreign = new GlobalDecimal(1);
    const ours = toDecimal(foreign);
    expect(ours).toBeInstanceOf(Decimal);
    // 1/3 at 40 digits, not the global 20.
    expect(ours.dividedBy(3).toFixed()).toBe(`0.${'3'.repeat(40)}`);
  });

  it.each([new Decimal(Number.NaN), new Decimal(Number.POSITIVE_INFINITY)])('rejects non-finite %s', (value) => {
    expect(unitsErrorCode(() => toDecimal(value))).toBe('INVALID_DECIMAL');
  });

  it('rejects objects that are not decimals', () => {
    expect(unitsErrorCode(() => toDecimal({ value: 1 } as unknown as Decimal))).toBe('INVALID_DECIMAL');
  });
});

describe(formatDecimal.name, () => {
  it.each([
    ['1e-7', '0.0000001'],
    ['1e+21', '1000000000000000000000'],
    ['-1.5e-30', '-0.0000000000000000000000000000015'],
  ])('never uses exponent notation (%s)', (value, expected) => {
    expect(formatDecimal(new Decimal(value))).toBe(expected);
  });

  it('never prints -0', () => {
    expect(formatDecimal(new Decimal('-0'))).toBe('0');
  });
});
