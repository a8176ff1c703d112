import { PriceEurPerMwPerHour } from './price-eur-per-mw-per-hour';

describe(PriceEurPerMwPerHour.name, () => {
  it.each(['0', '10.5', '17.83', '0.00001'])('round-trips %s EUR/MW/h', (text) => {
    expect(PriceEurPerMwPerHour.fromString(text).toString()).toBe(text);
  });

  it('has unit EUR/MW/h', () => {
    expect(PriceEurPerMwPerHour.of(3).unit).toBe('EUR/MW/h');
    expect(PriceEurPerMwPerHour.zero().isZero()).toBe(true);
  });
});
