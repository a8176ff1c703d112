import { parseDecimal } from '@vpp/units';
import type { MeterValue } from '../protocol/ocpp-messages';
import { readMeterValue, readMeterValues } from './meter-reading';

const at = '2026-03-29T01:15:00.000Z';

describe(readMeterValue.name, () => {
  it('nets import minus export in kW and reads the register in kWh from W and Wh', () => {
    const sut = readMeterValue({
      timestamp: at,
      sampledValue: [
        { value: 0, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } },
        { value: 7400.5, measurand: 'Power.Active.Export', unitOfMeasure: { unit: 'W' } },
        { value: 1234567, measurand: 'Energy.Active.Import.Register' },
        { value: 55.5, measurand: 'SoC', unitOfMeasure: { unit: 'Percent' } },
      ],
    });
    // 0 W import - 7400.5 W export = -7.4005 kW (discharging); 1,234,567 Wh = 1234.567 kWh
    expect(sut.powerKw?.equals(parseDecimal('-7.4005'))).toBe(true);
    expect(sut.energyRegisterKwh?.equals(parseDecimal('1234.567'))).toBe(true);
    expect(sut.socPct?.equals(parseDecimal('55.5'))).toBe(true);
    expect(sut.measuredAt.toISOString()).toBe(at);
  });

  it('applies kW/kWh units and the power-of-ten multiplier', () => {
    const sut = readMeterValue({
      timestamp: at,
      sampledValue: [
        { value: 11, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'kW' } },
        // 12 x 10^3 Wh = 12 kWh; a missing measurand means the import register
        { value: 12, unitOfMeasure: { unit: 'Wh', multiplier: 3 } },
      ],
    });
    expect(sut.powerKw?.equals(parseDecimal('11'))).toBe(true);
    expect(sut.energyRegisterKwh?.equals(parseDecimal('12'))).toBe(true);
  });

  it('ignores per-phase samples so a total is never counted three times, and leaves absent quantities null', () => {
    const sut = readMeterValue({ timestamp: at, sampledValue: [{ value: 3700, measurand: 'Power.Active.Import', phase: 'L1' }] });
    expect(sut.powerKw).toBeNull();
    expect(sut.energyRegisterKwh).toBeNull();
    expect(sut.socPct).toBeNull();
  });

  it('reads floats exactly as the sender printed them, never through binary arithmetic', () => {
    const sut = readMeterValue({ timestamp: at, sampledValue: [{ value: 0.1, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'kW' } }] });
    expect(sut.powerKw?.toFixed()).toBe('0.1');
  });
});

describe(readMeterValues.name, () => {
  it('sorts readings by time whatever order the message lists them in', () => {
    const value = (timestamp: string): MeterValue => ({ timestamp, sampledValue: [{ value: 1 }] });
    const sut = readMeterValues([value('2026-01-01T00:10:00Z'), value('2026-01-01T00:05:00Z')]);
    expect(sut.map((r) => r.measuredAt.toISOString())).toEqual(['2026-01-01T00:05:00.000Z', '2026-01-01T00:10:00.000Z']);
  });
});
