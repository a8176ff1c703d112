import { Decimal, RoundingMode } from '../decimal';
import { Money } from '../money/money';
import { unitsErrorCode } from '../test-support/units-error-code';
import { EnergyKwh, EnergyMwh } from './energy';
import { PowerKw, PowerMw, PowerW } from './power';
import { PriceEurPerMwh } from './price-eur-per-mwh';
import { PriceEurPerMwPerHour } from './price-eur-per-mw-per-hour';
import { Quantity } from './quantity';

const kwh = (text: string): EnergyKwh => EnergyKwh.fromString(text);


describe(Quantity.name, () => {
  describe('arithmetic (on EnergyKwh)', () => {
    it.each([
      // a, b, a + b, a - b
      ['1.5', '2.25', '3.75', '-0.75'],
      ['0.1', '0.2', '0.3', '-0.1'],
      ['-5', '5', '0', '-10'],
      ['9999999999999.999999', '0.000001', '10000000000000', '9999999999999.999998'],
    ])('%s and %s: sum %s, difference %s', (a, b, sum, difference) => {
      expect(kwh(a).add(kwh(b)).toString()).toBe(sum);
      expect(kwh(a).subtract(kwh(b)).toString()).toBe(difference);
    });

    it.each([
      // value, factor, product
      ['1.5', new Decimal('0.25'), '0.375'],
      ['1.5', 4, '6'],
      ['-2', -3, '6'],
      ['0.000001', new Decimal('0.000001'), '0.000000000001'],
    ])('%s x %s = %s', (value, factor, product) => {
      expect(kwh(value).multiply(factor).toString()).toBe(product);
    });

    it('refuses float factors', () => {
      expect(unitsErrorCode(() => kwh('1').multiply(0.1))).toBe('NOT_A_SAFE_INTEGER');
    });

    it('divides with 40-digit half-even rounding and refuses zero', () => {
      // 10 / 3 = 3.333... (40 significant digits)
      expect(kwh('10').divide(3).toString()).toBe(`3.${'3'.repeat(39)}`);
      expect(kwh('10').divide(new Decimal('0.5')).toString()).toBe('20');
      expect(unitsErrorCode(() => kwh('1').divide(0))).toBe('INVALID_DECIMAL');
    });

    it('negates, takes absolute values and never produces -0', () => {
      expect(kwh('1.5').negate().toString()).toBe('-1.5');
      expect(kwh('-1.5').abs().toString()).toBe('1.5');
      expect(kwh('0').negate().toString()).toBe('0');
      // decimal.js keeps a sign on zero; ours must not, or "-0" could leak into storage
      expect(kwh('0').negate().value.isNegative()).toBe(false);
      expect(kwh('-0').value.isNegative()).toBe(false);
    });

    it('is immutable', () => {
      const a = kwh('1');
      a.add(kwh('2'));
      expect(a.toString()).toBe('1');
    });
  });

  describe('comparison', () => {
    it.each([
      ['1', '2', -1],
      ['2', '1', 1],
      ['1.0', '1', 0],
      ['-0', '0', 0],
      ['-1', '0.5', -1],
    ] as const)('compare(%s, %s) = %d', (a, b, expected) => {
      expect(kwh(a).compare(kwh(b))).toBe(expected);
      expect(kwh(a).equals(kwh(b))).toBe(expected === 0);
      expect(kwh(a).lessThan(kwh(b))).toBe(expected < 0);
      expect(kwh(a).greaterThan(kwh(b))).toBe(expected > 0);
    });

    it.each([
      ['0', true, false, false],
      ['-0', true, false, false],
      ['0.000001', false, false, true],
      ['-0.000001', false, true, false],
    ])('%s: isZero %p, isNegative %p, isPositive %p', (value, zero, negative, positive) => {
      expect(kwh(value).isZero()).toBe(zero);
      expect(kwh(value).isNegative()).toBe(negative);
      expect(kwh(value).isPositive()).toBe(positive);
    });

    it('sorts with compare', () => {
      const sorted = ['3', '-1', '2.5', '0'].map(kwh).sort((a, b) => a.compare(b));
      expect(sorted.map(String)).toEqual(['-1', '0', '2.5', '3']);
    });
  });

  describe('string forms', () => {
    it.each(['0', '0.000001', '-0.000001', '9999999999999.999999', '-9999999999999.999999', '1234.5', '1000000'])(
      'round-trips %s through toString, toJSON and fromString',
      (text) => {
        const value = kwh(text);
        expect(value.toString()).toBe(text);
        expect(JSON.stringify({ energyKwh: value })).toBe(`{"energyKwh":"${text}"}`);
        expect(kwh(value.toString()).equals(value)).toBe(true);
      },
    );

    it('never uses exponent notation, even for results of arithmetic', () => {
      // 0.000001 x 0.000001 = 1e-12; 1e13 x 1e13 = 1e26
      expect(kwh('0.000001').multiply(new Decimal('0.000001')).toString()).toBe('0.000000000001');
      expect(kwh('10000000000000').multiply(new Decimal('10000000000000')).toString()).toBe(
        '100000000000000000000000000',
      );
    });

    it.each([
      ['1.2345', 2, RoundingMode.HALF_EVEN, '1.23'],
      ['1.235', 2, RoundingMode.HALF_EVEN, '1.24'],
      ['1.225', 2, RoundingMode.HALF_EVEN, '1.22'],
      ['1.225', 2, RoundingMode.HALF_AWAY_FROM_ZERO, '1.23'],
      ['-0.0004', 3, RoundingMode.HALF_EVEN, '0.000'],
      ['7', 3, RoundingMode.HALF_EVEN, '7.000'],
    ] as const)('toFixed(%s, %d, mode %d) = %s', (value, places, mode, expected) => {
      expect(kwh(value).toFixed(places, mode)).toBe(expected);
    });

    it.each(['1e3', 'NaN', ' 1', '1.', '.5', ''])('fromString rejects %j', (text) => {
      expect(unitsErrorCode(() => kwh(text))).toBe('INVALID_DECIMAL');
    });
  });

  describe('unit mixing', () => {
    // Each pair has the same shape; only the private brands tell them apart at compile time.
    it('is a compile error and a run-time UNIT_MISMATCH', () => {
      const energyKwh = EnergyKwh.of(1);
      const energyMwh = EnergyMwh.of(1);
      const powerKw = PowerKw.of(1);
      const powerMw = PowerMw.of(1);
      const powerW = PowerW.of(1);
      const price = PriceEurPerMwh.of(1);
      const capacityPrice = PriceEurPerMwPerHour.of(1);
      const money = Money.eur(1);

      // @ts-expect-error kWh + MWh
      expect(unitsErrorCode(() => energyKwh.add(energyMwh))).toBe('UNIT_MISMATCH');
      // @ts-expect-error kWh - kW
      expect(unitsErrorCode(() => energyKwh.subtract(powerKw))).toBe('UNIT_MISMATCH');
      // @ts-expect-error kW vs MW
      expect(unitsErrorCode(() => powerKw.compare(powerMw))).toBe('UNIT_MISMATCH');
      // @ts-expect-error W vs kW
      expect(unitsErrorCode(() => powerW.equals(powerKw))).toBe('UNIT_MISMATCH');
      // @ts-expect-error EUR/MWh + EUR/MW/h
      expect(unitsErrorCode(() => price.add(capacityPrice))).toBe('UNIT_MISMATCH');
      // @ts-expect-error money + energy
      expect(unitsErrorCode(() => money.add(energyKwh))).toBe('UNIT_MISMATCH');
      // @ts-expect-error energy + money
      expect(unitsErrorCode(() => energyKwh.add(money))).toBe('UNIT_MISMATCH');
      // @ts-expect-error a quantity is not a dimensionless factor
      expect(unitsErrorCode(() => energyKwh.multiply(powerKw))).toBe('INVALID_DECIMAL');
      // @ts-expect-error plain objects are not quantities
      expect(unitsErrorCode(() => energyKwh.add({ value: new Decimal(1) }))).toBe('UNIT_MISMATCH');
    });

    it('has no public toNumber', () => {
      // @ts-expect-error deliberately absent: floats only via toFloat64ForOptimisation
      expect(EnergyKwh.of(1).toNumber).toBeUndefined();
    });
  });
});
