import { FleetError } from './fleet.errors';
import { isValidEan, parseEan, withEanCheckDigit } from './ean';

describe('EAN check', () => {
  // 871687120000000001: a Dutch grid connection EAN shape (871 prefix). Check digit by hand:
  // data 87168712000000000, weights from the right 3,1,3,...: sum = 3*(8+1+8+1+0+0+0+0+0)+(7+6+7+2+0+0+0+0) = 54+22 = 76 -> 4
  it.each([
    ['871687120000000004', true],
    ['871687120000000001', false],
    ['87168712000000000', false],
    ['8716871200000000044', false],
    ['87168712000000000a', false],
    ['', false],
  ])('%s -> %s', (ean, valid) => {
    expect(isValidEan(ean)).toBe(valid);
  });

  it('completes data digits with the check digit', () => {
    expect(withEanCheckDigit('87168712000000000')).toBe('871687120000000004');
    expect(isValidEan(withEanCheckDigit('54140000000012345'))).toBe(true);
  });

  it('refuses a wrong check digit with INVALID_EAN', () => {
    expect(() => parseEan('871687120000000005')).toThrow(FleetError);
    expect(() => parseEan('871687120000000005')).toThrow(expect.objectContaining({ code: 'INVALID_EAN' }));
  });
});
