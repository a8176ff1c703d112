import { Decimal } from '../decimal';
import { Money } from '../money/money';
import { unitsErrorCode } from '../test-support/units-error-code';
import { EnergyKwh, EnergyMwh } from './energy';
import { PowerKw } from './power';
import { PriceEurPerMwh } from './price-eur-per-mwh';
import { PriceEurPerMwPerHour } from './price-eur-per-mw-per-hour';

describe(EnergyKwh.name, () => {
  it.each([
    // kWh -> MWh: / 1000, exact
    ['1', '0.001'],
    ['1500', '1.5'],
    ['0.000001', '0.000000001'],
    ['-250.5', '-0.2505'],
    ['9999999999999.999999', '9999999999.999999999'],
  ])('%s kWh = %s MWh and back', (kwh, mwh) => {
    expect(EnergyKwh.fromString(kwh).toMwh().toString()).toBe(mwh);
    expect(EnergyMwh.fromString(mwh).toKwh().toString()).toBe(kwh);
  });

  it('has unit kWh, a zero and a float only for the optimiser', () => {
    expect(EnergyKwh.zero().unit).toBe('kWh');
    expect(EnergyKwh.zero().isZero()).toBe(true);
    expect(EnergyKwh.fromString('12.5').toFloat64ForOptimisation()).toBe(12.5);
  });
});

describe(EnergyMwh.name, () => {
  it.each([
    // MWh x EUR/MWh = EUR, unrounded
    ['1', '100', '100'],
    ['0.25', '85.12345', '21.2808625'],
    ['2.5', '-500', '-1250'],
    ['0.001', '4000', '4'],
  ])('%s MWh x %s EUR/MWh = %s EUR', (mwh, price, eur) => {
    const money = EnergyMwh.fromString(mwh).timesPrice(PriceEurPerMwh.fromString(price));
    expect(money).toBeInstanceOf(Money);
    expect(money.currency).toBe('EUR');
    expect(money.toString()).toBe(eur);
  });

  it('refuses a capacity price at run time and compile time', () => {
    const capacityPrice = PriceEurPerMwPerHour.of(10);
    // @ts-expect-error EUR/MW/h is not EUR/MWh
    expect(unitsErrorCode(() => EnergyMwh.of(1).timesPrice(capacityPrice))).toBe('UNIT_MISMATCH');
  });

  it('relates to power x time: 40 kW for one ISP is 10 kWh = 0.01 MWh', () => {
    const energy = PowerKw.of(40).times(new Decimal('0.25'));
    expect(energy.toString()).toBe('10');
    expect(energy.toMwh().toString()).toBe('0.01');
  });
});
