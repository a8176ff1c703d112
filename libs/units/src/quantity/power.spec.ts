import { Decimal } from '../decimal';
import { Isp } from '../market-time/isp';
import { Block } from '../market-time/block';
import { DeliveryDay } from '../market-time/delivery-day';
import { unitsErrorCode } from '../test-support/units-error-code';
import { EnergyKwh, EnergyMwh } from './energy';
import { PowerKw, PowerMw, PowerW } from './power';
import { PriceEurPerMwh } from './price-eur-per-mwh';
import { PriceEurPerMwPerHour } from './price-eur-per-mw-per-hour';

describe(PowerKw.name, () => {
  it.each([
    // kW, W (x 1000), MW (/ 1000)
    ['11', '11000', '0.011'],
    ['7.4', '7400', '0.0074'],
    ['0.001', '1', '0.000001'],
    ['-3.7', '-3700', '-0.0037'],
    ['2500', '2500000', '2.5'],
  ])('%s kW = %s W = %s MW, and back', (kw, w, mw) => {
    const power = PowerKw.fromString(kw);
    expect(power.toW().toString()).toBe(w);
    expect(power.toMw().toString()).toBe(mw);
    expect(PowerW.fromString(w).toKw().toString()).toBe(kw);
    expect(PowerMw.fromString(mw).toKw().toString()).toBe(kw);
    expect(PowerW.fromString(w).toMw().toString()).toBe(mw);
    expect(PowerMw.fromString(mw).toW().toString()).toBe(w);
  });

  it.each([
    // kW x h = kWh
    ['11', new Decimal('0.25'), '2.75'],
    ['11', 2, '22'],
    ['-7.4', new Decimal('0.5'), '-3.7'],
    ['0.001', new Decimal('0.25'), '0.00025'],
  ])('%s kW x %s h = %s kWh', (kw, hours, energy) => {
    const result = PowerKw.fromString(kw).times(hours);
    expect(result).toBeInstanceOf(EnergyKwh);
    expect(result.toString()).toBe(energy);
  });

  it('multiplies by an ISP (0.25 h) and by a block (3, 4 or 5 h)', () => {
    const isp = Isp.containing(new Date('2024-06-01T10:07:00Z'));
    // 22 kW x 0.25 h = 5.5 kWh
    expect(PowerKw.of(22).times(isp).toString()).toBe('5.5');
    // 22 kW x 5 h (block 0 of the 25-hour day) = 110 kWh
    expect(PowerKw.of(22).times(Block.of(DeliveryDay.of('2024-10-27'), 0)).toString()).toBe('110');
  });

  it('refuses negative durations and float hours', () => {
    expect(unitsErrorCode(() => PowerKw.of(1).times(-1))).toBe('INVALID_DURATION');
    expect(unitsErrorCode(() => PowerKw.of(1).times(0.25))).toBe('NOT_A_SAFE_INTEGER');
  });

  it('offers a float only for the optimiser', () => {
    expect(PowerKw.fromString('7.4').toFloat64ForOptimisation()).toBe(7.4);
  });
});

describe(PowerMw.name, () => {
  it('times hours gives MWh', () => {
    // 1.5 MW x 0.25 h = 0.375 MWh
    const energy = PowerMw.fromString('1.5').times(new Decimal('0.25'));
    expect(energy).toBeInstanceOf(EnergyMwh);
    expect(energy.toString()).toBe('0.375');
  });

  it.each([
    // MW x EUR/MW/h x h = EUR
    ['1', '10.5', 4, '42'],
    ['2', '10.5', 4, '84'],
    ['1', '17.83', 3, '53.49'],
    ['1', '17.83', 5, '89.15'],
    ['0.7', '3.33333', 4, '9.333324'],
  ])('%s MW x %s EUR/MW/h x %d h = %s EUR', (mw, price, hours, eur) => {
    const money = PowerMw.fromString(mw).timesCapacityPrice(PriceEurPerMwPerHour.fromString(price), hours);
    expect(money.currency).toBe('EUR');
    expect(money.toString()).toBe(eur);
  });

  it('takes the hours from a block: FCR revenue on the 23-hour day', () => {
    const block0 = Block.of(DeliveryDay.of('2024-03-31'), 0);
    // 1 MW x 20 EUR/MW/h x 3 h = 60 EUR
    expect(PowerMw.of(1).timesCapacityPrice(PriceEurPerMwPerHour.of(20), block0).toString()).toBe('60');
  });

  it('refuses an energy price as capacity price', () => {
    const energyPrice = PriceEurPerMwh.of(20);
    // @ts-expect-error EUR/MWh is not EUR/MW/h
    expect(unitsErrorCode(() => PowerMw.of(1).timesCapacityPrice(energyPrice, 4))).toBe('UNIT_MISMATCH');
  });
});

describe(PowerW.name, () => {
  it('has unit W', () => {
    expect(PowerW.zero().unit).toBe('W');
    expect(PowerW.fromString('-1500').toString()).toBe('-1500');
  });
});
