import { Decimal } from '@vpp/units';
import { decimalTransformer, parseNumericResult } from './decimal.transformer';

describe(decimalTransformer.name, () => {
  const sut = decimalTransformer(3, 14);

  it.each([
    ['1.5', '1.500'],
    ['-0.001', '-0.001'],
    ['0', '0.000'],
    ['99999999999.999', '99999999999.999'],
  ])('writes %s as the exact string %s', (input, stored) => {
    expect(sut.to(new Decimal(input))).toBe(stored);
  });

  it('keeps null and undefined', () => {
    expect(sut.to(null)).toBeNull();
    expect(sut.to(undefined)).toBeUndefined();
    expect(sut.from(null)).toBeNull();
  });

  it('reads a numeric string into a Decimal', () => {
    expect((sut.from('12.345') as Decimal).equals(new Decimal('12.345'))).toBe(true);
  });

  it('throws instead of rounding when there are too many decimals', () => {
    expect(() => sut.to(new Decimal('0.0001'))).toThrow(/decimal places/);
  });

  it('throws when the integer part does not fit the precision', () => {
    expect(() => sut.to(new Decimal('100000000000'))).toThrow(/does not fit/);
  });

  it('refuses plain numbers, which may already have lost precision', () => {
    expect(() => sut.to(0.1 as unknown as Decimal)).toThrow(/expected a Decimal/);
  });

  it('parses aggregate results strictly', () => {
    expect(parseNumericResult(null)).toBeNull();
    expect(parseNumericResult('-3.25')!.equals(new Decimal('-3.25'))).toBe(true);
    expect(() => parseNumericResult('NaN')).toThrow();
  });
});
