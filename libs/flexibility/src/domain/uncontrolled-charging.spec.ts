import { EnergyKwh, PowerKw } from '@vpp/units';
import { uncontrolledCharging } from './uncontrolled-charging';

const at = (iso: string): Date => new Date(iso);

describe(uncontrolledCharging.name, () => {
  it('fills ISPs at max power from arrival until the need is met', () => {
    // 11 kW from 10:05: 10:05-10:15 = 1/6 h -> 1.8333.. kWh; 10:15-10:30 = 2.75 kWh; rest 0.4166.. kWh.
    const sut = uncontrolledCharging({
      arrival: at('2024-05-01T10:05:00Z'),
      departure: at('2024-05-01T18:00:00Z'),
      energyNeed: EnergyKwh.fromString('5'),
      maxPower: PowerKw.fromString('11'),
    });
    expect(sut.perIsp.map((p) => p.isp.start.toISOString())).toEqual([
      '2024-05-01T10:00:00.000Z',
      '2024-05-01T10:15:00.000Z',
      '2024-05-01T10:30:00.000Z',
    ]);
    expect(sut.perIsp[1].energy.toString()).toBe('2.75');
    expect(sut.delivered.toString()).toBe('5');
    expect(sut.shortfall.isZero()).toBe(true);
    const total = sut.perIsp.reduce((sum, p) => sum.add(p.energy), EnergyKwh.zero());
    expect(total.toString()).toBe('5');
  });

  it('stops at departure and reports the shortfall of an infeasible need', () => {
    // 30 minutes at 7.4 kW hold 3.7 kWh of the 10 kWh asked: 6.3 kWh short.
    const sut = uncontrolledCharging({
      arrival: at('2024-05-01T10:00:00Z'),
      departure: at('2024-05-01T10:30:00Z'),
      energyNeed: EnergyKwh.fromString('10'),
      maxPower: PowerKw.fromString('7.4'),
    });
    expect(sut.perIsp).toHaveLength(2);
    expect(sut.delivered.toString()).toBe('3.7');
    expect(sut.shortfall.toString()).toBe('6.3');
  });

  it('gives nothing for a zero need', () => {
    const sut = uncontrolledCharging({
      arrival: at('2024-05-01T10:00:00Z'),
      departure: at('2024-05-01T11:00:00Z'),
      energyNeed: EnergyKwh.zero(),
      maxPower: PowerKw.fromString('11'),
    });
    expect(sut.perIsp).toEqual([]);
  });

  it('refuses a departure before arrival', () => {
    expect(() =>
      uncontrolledCharging({
        arrival: at('2024-05-01T10:00:00Z'),
        departure: at('2024-05-01T09:00:00Z'),
        energyNeed: EnergyKwh.fromString('1'),
        maxPower: PowerKw.fromString('11'),
      }),
    ).toThrow(/before arrival/);
  });
});
