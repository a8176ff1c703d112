import { EnergyKwh, PowerKw } from '@vpp/units';
import { uncontrolledChargingBaseline } from '../baseline';
import { sameBaselineValues, toBaselineRecord } from './baseline-record';

describe('recorded baselines', () => {
  // Arrival 10:05 with 11 kW: the first ISP holds 10 minutes = 11 x 1/6 = 1.8333... kWh, 7.3333... kW average.
  const baseline = uncontrolledChargingBaseline({
    arrival: new Date('2026-11-27T10:05:00Z'),
    departure: new Date('2026-11-27T12:00:00Z'),
    energyNeedKwh: EnergyKwh.fromString('5'),
    maxPowerKw: PowerKw.fromString('11'),
    knownAt: new Date('2026-11-27T10:05:00Z'),
  });

  it('rounds half-even to the stored scales once, and keeps method, version, known_at and inputs', () => {
    const record = toBaselineRecord(baseline);
    expect(record).toMatchObject({ method: 'uncontrolled-charging', methodVersion: 2, knownAt: new Date('2026-11-27T10:05:00Z') });
    expect(record.computedFrom).toEqual(baseline.metadata.inputs);
    expect(record.isps.map((isp) => [isp.ispStart.toISOString(), isp.powerKw.toFixed(), isp.energyKwh.toFixed()])).toEqual([
      ['2026-11-27T10:00:00.000Z', '7.333', '1.833333'],
      ['2026-11-27T10:15:00.000Z', '11', '2.75'],
      // 5 - 1.8333... - 2.75 = 0.41666... kWh -> 1.6666... kW
      ['2026-11-27T10:30:00.000Z', '1.667', '0.416667'],
    ]);
  });

  it('sees the same computation as the same values, and a changed input as different', () => {
    expect(sameBaselineValues(toBaselineRecord(baseline), toBaselineRecord(baseline))).toBe(true);
    const changed = { ...toBaselineRecord(baseline), computedFrom: { ...baseline.metadata.inputs, maxPowerKw: '7.4' } };
    expect(sameBaselineValues(toBaselineRecord(baseline), changed)).toBe(false);
  });
});
