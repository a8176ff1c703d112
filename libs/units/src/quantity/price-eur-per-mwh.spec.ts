import { PriceEurPerMwh } from './price-eur-per-mwh';

describe(PriceEurPerMwh.name, () => {
  it.each(['-500', '4000', '85.12345', '0', '-0.00001'])('round-trips %s EUR/MWh', (text) => {
    expect(PriceEurPerMwh.fromString(text).toString()).toBe(text);
  });

  it('has unit EUR/MWh and no float conversion', () => {
    const price = PriceEurPerMwh.zero();
    expect(price.unit).toBe('EUR/MWh');
    // @ts-expect-error prices stay exact
    expect(price.toFloat64ForOptimisation).toBeUndefined();
  });

  it('computes spreads: 120.5 - 85.25 = 35.25', () => {
    expect(PriceEurPerMwh.fromString('120.5').subtract(PriceEurPerMwh.fromString('85.25')).toString()).toBe('35.25');
  });
});
