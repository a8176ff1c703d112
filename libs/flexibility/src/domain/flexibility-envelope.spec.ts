import { DeliveryDay, Isp } from '@vpp/units';

import { DEFAULT_CHARGE_EFFICIENCY } from './baseline';
import {
  DEFAULT_CHARGE_EFFICIENCY_F64,
  DEFAULT_DISCHARGE_EFFICIENCY_F64,
  EnvelopeError,
  FlexibilityEnvelope,
  FlexibilityEnvelopeInput,
  degradationCostEur,
  flexibilityEnvelope,
  powerAlongTrajectoryKw,
} from './flexibility-envelope';

const at = (iso: string): Date => new Date(iso);
const TOLERANCE = 1e-9;
const expectCloseArray = (actual: ArrayLike<number>, expected: readonly number[]): void => {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, 12));
};
const base: FlexibilityEnvelopeInput = {
  arrival: at('2024-05-01T10:00:00Z'),
  departure: at('2024-05-01T11:00:00Z'),
  energyNeedKwh: 10,
  evMaxPowerKw: 11,
  evseMaxPowerKw: 22,
  siteShareKw: 16,
  chargeEfficiency: 1,
  dischargeEfficiency: 1,
  degradationCostEurPerKwh: 0.05,
};

describe('efficiency defaults', () => {
  it('split the 87.0 % V2G round trip of MARKETS.md section 7 symmetrically', () => {
    // 0.9327^2 = 0.86993 ~ 0.870
    expect(DEFAULT_CHARGE_EFFICIENCY_F64 * DEFAULT_DISCHARGE_EFFICIENCY_F64).toBeCloseTo(0.87, 3);
    expect(String(DEFAULT_CHARGE_EFFICIENCY_F64)).toBe(DEFAULT_CHARGE_EFFICIENCY.toString());
  });
});

describe(flexibilityEnvelope.name, () => {
  it('hand-checked: 1 h dwell, 10 kWh at 11 kW, efficiency 1', () => {
    // 4 ISPs x 11 kW x 0.25 h = 2.75 kWh each; ASAP 2.75, 5.5, 8.25, 10; JIT 10 - 8.25 = 1.75, 4.5, 7.25, 10
    const sut = flexibilityEnvelope(base);
    expect(sut.isps).toHaveLength(4);
    expect(Array.from(sut.maxPowerKw)).toEqual([11, 11, 11, 11]);
    expect(Array.from(sut.minPowerKw)).toEqual([0, 0, 0, 0]);
    expect(Array.from(sut.earliestEnergyKwh)).toEqual([2.75, 5.5, 8.25, 10]);
    expect(Array.from(sut.latestEnergyKwh)).toEqual([1.75, 4.5, 7.25, 10]);
    expect(sut.feasible).toBe(true);
    expect(sut.shortfallStoredKwh).toBe(0);
  });

  it.each([
    // ev, evse, site -> nested max
    [11, 22, 16, 11],
    [22, 11, 16, 11],
    [22, 22, 7.4, 7.4],
    [3.7, 22, 0, 0],
  ])('nests the limits: min(EV %d, EVSE %d, site %d) = %d kW', (ev, evse, site, expected) => {
    const sut = flexibilityEnvelope({ ...base, energyNeedKwh: 0, evMaxPowerKw: ev, evseMaxPowerKw: evse, siteShareKw: site });
    expect(sut.maxPowerKw[0]).toBe(expected);
  });

  it('scales the band of partial ISPs by the time present', () => {
    // 10:05-10:40: ISP 10:00 present 10/15, 10:15 full, 10:30 present 10/15
    const sut = flexibilityEnvelope({ ...base, arrival: at('2024-05-01T10:05:00Z'), departure: at('2024-05-01T10:40:00Z'), energyNeedKwh: 1 });
    expect(Array.from(sut.presentFraction)).toEqual([2 / 3, 1, 2 / 3]);
    expect(sut.maxPowerKw[0]).toBeCloseTo(11 * (2 / 3), 12);
  });

  it('follows a per-ISP site share', () => {
    const sut = flexibilityEnvelope({ ...base, energyNeedKwh: 1, siteShareKw: [16, 4, 11, 0] });
    expect(Array.from(sut.maxPowerKw)).toEqual([11, 4, 11, 0]);
    // JIT must finish before the last ISP, which has no power: 1 kWh at 11 kW in ISP 3
    expect(sut.latestEnergyKwh[1]).toBe(0);
    expect(sut.latestEnergyKwh[2]).toBe(1);
  });

  it('flags an infeasible need and plans it as best effort at full power, never zero', () => {
    // 1 h at 11 kW holds 11 kWh of the 30 asked: short 19; both trajectories = full power
    const sut = flexibilityEnvelope({ ...base, energyNeedKwh: 30 });
    expect(sut.feasible).toBe(false);
    expect(sut.targetStoredKwh).toBe(11);
    expect(sut.shortfallStoredKwh).toBe(19);
    expect(Array.from(sut.earliestEnergyKwh)).toEqual([2.75, 5.5, 8.25, 11]);
    expect(Array.from(sut.latestEnergyKwh)).toEqual([2.75, 5.5, 8.25, 11]);
    expect(Array.from(powerAlongTrajectoryKw(sut, sut.latestEnergyKwh))).toEqual([11, 11, 11, 11]);
  });

  it('is infeasible when the battery has no room for the need', () => {
    // 50 kWh at SoC 0.9: 5 kWh of room for a 10 kWh need
    const sut = flexibilityEnvelope({ ...base, battery: { capacityKwh: 50, arrivalSoc: 0.9 } });
    expect(sut.feasible).toBe(false);
    expect(sut.targetStoredKwh).toBeCloseTo(5, 12);
  });

  it('stores the need through the charge efficiency', () => {
    // 10 kWh metered x 0.9 = 9 kWh stored; per ISP 11 x 0.25 x 0.9 = 2.475 kWh stored
    const sut = flexibilityEnvelope({ ...base, chargeEfficiency: 0.9 });
    expect(sut.needStoredKwh).toBeCloseTo(9, 12);
    expect(sut.earliestEnergyKwh[0]).toBeCloseTo(2.475, 12);
    expect(powerAlongTrajectoryKw(sut, sut.earliestEnergyKwh)[0]).toBeCloseTo(11, 12);
  });

  it('with V2G opens the band down to the nested discharge limit and the driver minimum SoC', () => {
    // 2 h dwell, 5 kWh need, 10 kW both ways, 40 kWh at SoC 0.5, driver min 0.4 -> floor -4 kWh stored.
    // Deepest: -2.5 (one ISP at 10 kW), then the floor -4; JIT: 5 - 2.5 x (ISPs left)
    const sut = flexibilityEnvelope({
      ...base,
      departure: at('2024-05-01T12:00:00Z'),
      energyNeedKwh: 5,
      evMaxPowerKw: 10,
      siteShareKw: 10,
      battery: { capacityKwh: 40, arrivalSoc: 0.5 },
      v2g: { evMaxDischargeKw: 10, evseMaxDischargeKw: 12, minSoc: 0.4 },
    });
    expect(sut.v2gAllowed).toBe(true);
    expect(Array.from(sut.minPowerKw)).toEqual(new Array(8).fill(-10));
    // ISP:   1     2   3   4   5     6     7    8
    // deep: -2.5  -4  -4  -4  -4    -4    -4   -4
    // JIT:  -12.5 -10 -7.5 -5 -2.5   0    2.5   5
    // (0.5 - 0.4) x 40 is 3.999999999999999 in float64: compare to 12 places
    expectCloseArray(sut.latestEnergyKwh, [-2.5, -4, -4, -4, -2.5, 0, 2.5, 5]);
    expect(Array.from(sut.earliestEnergyKwh)).toEqual([2.5, 5, 5, 5, 5, 5, 5, 5]);
  });

  it.each([
    ['SoC at the driver minimum', 0.4, 0.4],
    ['SoC below the driver minimum', 0.3, 0.4],
  ])('no discharge with %s', (_label, soc, minSoc) => {
    const sut = flexibilityEnvelope({
      ...base,
      battery: { capacityKwh: 40, arrivalSoc: soc },
      v2g: { evMaxDischargeKw: 10, evseMaxDischargeKw: 10, minSoc },
    });
    expect(sut.v2gAllowed).toBe(false);
    expect(Array.from(sut.minPowerKw)).toEqual([0, 0, 0, 0]);
  });

  it('needs a known SoC for V2G', () => {
    const sut = flexibilityEnvelope({ ...base, v2g: { evMaxDischargeKw: 10, evseMaxDischargeKw: 10, minSoc: 0.2 } });
    expect(sut.v2gAllowed).toBe(false);
  });

  it('prices degradation per kWh of throughput both ways', () => {
    // (11 + 11) kW x 0.25 h = 5.5 kWh charged, 10 x 0.25 = 2.5 kWh discharged: 8 kWh x 0.05 = 0.40 EUR
    const sut = flexibilityEnvelope(base);
    expect(degradationCostEur(sut, [11, 11, -10, 0])).toBeCloseTo(0.4, 12);
  });

  it.each([
    ['departure not after arrival', { departure: at('2024-05-01T10:00:00Z') }],
    ['a negative need', { energyNeedKwh: -1 }],
    ['an efficiency above 1', { chargeEfficiency: 1.1 }],
    ['a site share of the wrong length', { siteShareKw: [1, 2] }],
    ['a negative degradation cost', { degradationCostEurPerKwh: -0.01 }],
  ])('refuses %s', (_label, override: Partial<FlexibilityEnvelopeInput>) => {
    expect(() => flexibilityEnvelope({ ...base, ...override })).toThrow(EnvelopeError);
  });

  it.each([
    ['2024-03-31', 92],
    ['2024-05-01', 96],
    ['2024-10-27', 100],
  ])('covers a whole delivery day %s with %i ISPs', (iso, count) => {
    const day = DeliveryDay.of(iso);
    const sut = flexibilityEnvelope({ ...base, arrival: day.start, departure: day.end });
    expect(sut.isps).toHaveLength(count);
    expect(sut.isps.map((isp) => day.ispNumber(isp))).toEqual(day.isps().map((_, i) => i + 1));
  });
});

/** mulberry32: small seeded PRNG so property runs are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function assertEnvelopeInvariants(sut: FlexibilityEnvelope, input: FlexibilityEnvelopeInput): void {
  const n = sut.isps.length;
  const tol = TOLERANCE * (1 + sut.needStoredKwh);
  const dwellIsps = Math.ceil((input.departure.getTime() - Isp.containing(input.arrival).start.getTime()) / 900_000);
  expect(n).toBe(dwellIsps);
  for (let t = 1; t < n; t += 1) expect(sut.isps[t].start.getTime() - sut.isps[t - 1].start.getTime()).toBe(900_000);
  for (let t = 0; t < n; t += 1) {
    expect(sut.earliestEnergyKwh[t]).toBeGreaterThanOrEqual(sut.latestEnergyKwh[t] - tol);
    expect(sut.minPowerKw[t]).toBeLessThanOrEqual(sut.maxPowerKw[t]);
  }
  expect(Math.abs(sut.earliestEnergyKwh[n - 1] - sut.targetStoredKwh)).toBeLessThanOrEqual(tol);
  expect(Math.abs(sut.latestEnergyKwh[n - 1] - sut.targetStoredKwh)).toBeLessThanOrEqual(tol);
  // the target is the need, or (flagged) the most full power can store: never less than that
  expect(sut.targetStoredKwh).toBeLessThanOrEqual(sut.needStoredKwh + tol);
  expect(sut.feasible).toBe(Math.abs(sut.targetStoredKwh - sut.needStoredKwh) <= tol);
  for (const trajectory of [sut.earliestEnergyKwh, sut.latestEnergyKwh]) {
    const power = powerAlongTrajectoryKw(sut, trajectory);
    for (let t = 0; t < n; t += 1) {
      expect(power[t]).toBeLessThanOrEqual(sut.maxPowerKw[t] + 1e-6);
      expect(power[t]).toBeGreaterThanOrEqual(sut.minPowerKw[t] - 1e-6);
    }
  }
}

describe('flexibility envelope properties (seeded)', () => {
  const days = ['2024-03-31', '2024-05-01', '2024-10-27', '2025-03-30', '2025-10-26'].map((d) => DeliveryDay.of(d));

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: 250 random sessions keep every invariant', (seed) => {
    const random = prng(seed);
    for (let i = 0; i < 250; i += 1) {
      const day = days[Math.floor(random() * days.length)];
      const spanMs = day.end.getTime() - day.start.getTime();
      const arrivalMs = day.start.getTime() + Math.floor(random() * spanMs * 0.9);
      const departureMs = Math.min(arrivalMs + 60_000 + Math.floor(random() * 14 * 3_600_000), day.end.getTime() + 6 * 3_600_000);
      const withBattery = random() < 0.6;
      const capacityKwh = 20 + random() * 80;
      const arrivalSoc = random();
      const input: FlexibilityEnvelopeInput = {
        arrival: new Date(arrivalMs),
        departure: new Date(departureMs),
        energyNeedKwh: random() * 80,
        evMaxPowerKw: [3.7, 6.6, 7.4, 11, 22][Math.floor(random() * 5)],
        evseMaxPowerKw: [7.4, 11, 22][Math.floor(random() * 3)],
        siteShareKw: random() < 0.5 ? random() * 22 : 22,
        battery: withBattery ? { capacityKwh, arrivalSoc } : undefined,
        v2g: withBattery && random() < 0.5 ? { evMaxDischargeKw: 11, evseMaxDischargeKw: 7.4 + random() * 4, minSoc: random() * 0.6 } : undefined,
        chargeEfficiency: 0.85 + random() * 0.15,
        dischargeEfficiency: 0.85 + random() * 0.15,
        degradationCostEurPerKwh: random() * 0.1,
      };
      assertEnvelopeInvariants(flexibilityEnvelope(input), input);
    }
  });

  it.each([11, 12, 13])('seed %i: infeasible needs are planned at full power in every ISP, never zero', (seed) => {
    const random = prng(seed);
    for (let i = 0; i < 200; i += 1) {
      const arrivalMs = days[1].start.getTime() + Math.floor(random() * 20 * 3_600_000);
      const departureMs = arrivalMs + 60_000 + Math.floor(random() * 8 * 3_600_000);
      const evMaxPowerKw = 3.7 + random() * 18.3;
      // need above what full power can deliver over the dwell: (dwell h) x max kW x 1.01 + 1
      const needKwh = ((departureMs - arrivalMs) / 3_600_000) * evMaxPowerKw * 1.01 + 1;
      const input: FlexibilityEnvelopeInput = {
        ...base,
        arrival: new Date(arrivalMs),
        departure: new Date(departureMs),
        energyNeedKwh: needKwh,
        evMaxPowerKw,
        chargeEfficiency: 0.9,
      };
      const sut = flexibilityEnvelope(input);
      expect(sut.feasible).toBe(false);
      expect(sut.shortfallStoredKwh).toBeGreaterThan(0);
      const power = powerAlongTrajectoryKw(sut, sut.latestEnergyKwh);
      sut.maxPowerKw.forEach((maxKw, t) => expect(power[t]).toBeCloseTo(maxKw, 9));
      assertEnvelopeInvariants(sut, input);
    }
  });

  it.each(days.map((d) => [d.isoDate, d.ispCount]))('a session over the whole day %s has %i ISPs', (iso, count) => {
    const day = DeliveryDay.of(iso);
    const input: FlexibilityEnvelopeInput = { ...base, arrival: day.start, departure: day.end, energyNeedKwh: 40 };
    const sut = flexibilityEnvelope(input);
    expect(sut.isps).toHaveLength(count);
    assertEnvelopeInvariants(sut, input);
  });
});
