import { Decimal } from '@vpp/units';
import { energyFromPowerStep, powerFromEnergyStep } from './derived-quantities';

const HOUR = 3_600_000;
const reading = (hours: number, energyKwh: string, powerKw = '0') => ({ atMs: hours * HOUR, energyKwh: new Decimal(energyKwh), powerKw: new Decimal(powerKw) });

describe('powerFromEnergyStep (OCPI: power derived from kWh)', () => {
  it('is the energy step over the time step, rounded once to 1 W half away from zero', () => {
    expect(powerFromEnergyStep(reading(0, '0'), reading(2, '14.7'))).toBe('7.350');
    expect(powerFromEnergyStep(reading(0, '0'), reading(1.5, '12.85'))).toBe('8.567');
    expect(powerFromEnergyStep(reading(0, '0'), { atMs: 3_600, energyKwh: new Decimal('0.0000125') })).toBe('0.013');
  });

  it('never gives a negative power: a register that went down, no previous reading, or no time step give 0', () => {
    expect(powerFromEnergyStep(reading(1, '12.85'), reading(1.25, '5'))).toBe('0.000');
    expect(powerFromEnergyStep(null, reading(1, '5'))).toBe('0.000');
    expect(powerFromEnergyStep(reading(1, '5'), reading(1, '6'))).toBe('0.000');
  });
});

describe('energyFromPowerStep (OEM: register derived from power)', () => {
  it('starts a session at 0 kWh and adds the trapezoid of the two readings', () => {
    expect(energyFromPowerStep(null, reading(0, '0', '6.6'))).toBe('0.000000');
    expect(energyFromPowerStep(reading(0, '1', '6.6'), reading(0.5, '0', '6.6'))).toBe('4.300000');
    expect(energyFromPowerStep(reading(0, '1', '0'), reading(1, '0', '11'))).toBe('6.500000');
  });

  it('counts discharging readings as no import, and keeps the register for a reading at the same instant', () => {
    expect(energyFromPowerStep(reading(0, '2', '-5'), reading(1, '0', '-5'))).toBe('2.000000');
    expect(energyFromPowerStep(reading(0, '2', '-4'), reading(1, '0', '4'))).toBe('4.000000');
    expect(energyFromPowerStep(reading(1, '2', '4'), reading(1, '0', '4'))).toBe('2.000000');
  });
});
