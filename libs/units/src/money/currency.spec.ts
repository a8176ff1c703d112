import { unitsErrorCode } from '../test-support/units-error-code';
import { CURRENCY_CODES, isCurrencyCode, parseCurrencyCode } from './currency';

describe(parseCurrencyCode.name, () => {
  it.each(CURRENCY_CODES)('accepts %s', (code) => {
    expect(parseCurrencyCode(code)).toBe(code);
    expect(isCurrencyCode(code)).toBe(true);
  });

  it.each(['eur', 'EURO', 'USD', '', ' EUR', 'JPY'])('rejects %j', (text) => {
    expect(unitsErrorCode(() => parseCurrencyCode(text))).toBe('INVALID_CURRENCY');
    expect(isCurrencyCode(text)).toBe(false);
  });
});
