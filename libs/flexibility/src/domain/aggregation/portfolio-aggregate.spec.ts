import { DeliveryDay, Isp } from '@vpp/units';

import { flexibilityEnvelope, type FlexibilityEnvelopeInput } from '../flexibility-envelope';
import { AggregationError, type AggregationMember } from './aggregation-member';
import { aggregatePortfolio } from './portfolio-aggregate';
import { reservePresenceProbability } from './presence-probability';

const at = (iso: string): Date => new Date(iso);
const horizonFrom = (iso: string, count: number): Isp[] => Array.from({ length: count }, (_, i) => Isp.startingAt(at(iso)).plus(i));
const expectArray = (actual: ArrayLike<number>, expected: readonly number[], digits = 9): void => {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, digits));
};
const envelopeOf = (overrides: Partial<FlexibilityEnvelopeInput>) =>
  flexibilityEnvelope({
    arrival: at('2024-05-01T10:00:00Z'),
    departure: at('2024-05-01T11:00:00Z'),
    energyNeedKwh: 10,
    evMaxPowerKw: 11,
    evseMaxPowerKw: 22,
    siteShareKw: 50,
    chargeEfficiency: 1,
    dischargeEfficiency: 1,
    degradationCostEurPerKwh: 0.02,
    ...overrides,
  });

// A: 10:00-11:00 at 11 kW, 10 kWh, P10 departure 10:45 (aFRR and FCR).
// B: 10:30-12:00 at 4 kW, 5 kWh, departure certain (FCR only).
const evA: AggregationMember = {
  id: 'A',
  envelope: envelopeOf({}),
  departure: { expected: at('2024-05-01T11:00:00Z'), p10: at('2024-05-01T10:45:00Z') },
  eligibleProducts: ['fcr', 'afrr'],
};
const evB: AggregationMember = {
  id: 'B',
  envelope: envelopeOf({ arrival: at('2024-05-01T10:30:00Z'), departure: at('2024-05-01T12:00:00Z'), energyNeedKwh: 5, evMaxPowerKw: 4 }),
  departure: { expected: at('2024-05-01T12:00:00Z'), p10: at('2024-05-01T12:00:00Z') },
  eligibleProducts: ['fcr'],
};
const HORIZON = horizonFrom('2024-05-01T10:00:00Z', 8);

describe('aggregatePortfolio: virtual battery (expected view)', () => {
  it('hand-checked: two EVs, power band, cumulative energy bounds and departed energy', () => {
    const { battery } = aggregatePortfolio([evA, evB], { horizon: HORIZON });
    expectArray(battery.maxPowerKw, [11, 11, 15, 15, 4, 4, 4, 4]);
    expectArray(battery.minPowerKw, [0, 0, 0, 0, 0, 0, 0, 0]);
    // A: ASAP 2.75, 5.5, 8.25, 10 then stays 10; B: ASAP 1..5 from 10:30.
    expectArray(battery.earliestEnergyKwh, [2.75, 5.5, 9.25, 12, 13, 14, 15, 15]);
    // A: JIT 1.75, 4.5, 7.25, 10; B: JIT 0, 1, 2, 3, 4, 5.
    expectArray(battery.latestEnergyKwh, [1.75, 4.5, 7.25, 11, 12, 13, 14, 15]);
    // A's 10 kWh leave the battery when A leaves at 11:00.
    expectArray(battery.departedEnergyKwh, [0, 0, 0, 0, 10, 10, 10, 10]);
    expect(battery.chargeEfficiency).toBe(1);
    expect(battery.degradationCostEurPerKwh).toBeCloseTo(0.02, 12);
  });

  it('counts a forecast cohort by its expected count', () => {
    const cohort: AggregationMember = { ...evB, id: 'forecast', weight: 2.5, arrivalProbability: 0.6 };
    const { battery } = aggregatePortfolio([cohort], { horizon: HORIZON });
    expectArray(battery.maxPowerKw, [0, 0, 10, 10, 10, 10, 10, 10]);
    expectArray(battery.earliestEnergyKwh, [0, 0, 2.5, 5, 7.5, 10, 12.5, 12.5]);
  });

  it('DST day 2024-10-27: 100 ISPs, an EV across the switch (00:30-03:30 UTC = 02:30 CEST-04:30 CET)', () => {
    const day = DeliveryDay.of('2024-10-27');
    const ev: AggregationMember = {
      ...evA,
      envelope: envelopeOf({ arrival: at('2024-10-27T00:30:00Z'), departure: at('2024-10-27T03:30:00Z'), energyNeedKwh: 30 }),
      departure: { expected: at('2024-10-27T03:30:00Z'), p10: at('2024-10-27T03:30:00Z') },
    };
    const { battery, reserveBands } = aggregatePortfolio([ev], { horizon: day.isps() });
    expect(battery.maxPowerKw).toHaveLength(100);
    // Day starts 2024-10-26T22:00Z: the EV is ISPs 10..21 (0-based), 12 x 11 kW.
    expect(battery.maxPowerKw[9]).toBe(0);
    expect(battery.maxPowerKw[10]).toBe(11);
    expect(battery.maxPowerKw[21]).toBe(11);
    expect(battery.maxPowerKw[22]).toBe(0);
    expect(battery.earliestEnergyKwh[99]).toBeCloseTo(30, 9);
    expect(battery.departedEnergyKwh[22]).toBeCloseTo(30, 9);
    expect(reserveBands.afrr.maxPowerKw[21]).toBe(11);
  });

  it('refuses an envelope that starts before the horizon (its energy at the start is unknown)', () => {
    expect(() => aggregatePortfolio([evA], { horizon: horizonFrom('2024-05-01T10:15:00Z', 4) })).toThrow(AggregationError);
  });
});

describe('aggregatePortfolio: reserve bands (firm view)', () => {
  it('never counts on an EV after its P10 departure, and splits pools by product eligibility', () => {
    const { reserveBands } = aggregatePortfolio([evA, evB], { horizon: HORIZON, reserveConfidence: 0.9 });
    // A counts until 10:45 (its last ISP ends at 11:00, after the P10); B all its ISPs.
    expectArray(reserveBands.any.maxPowerKw, [11, 11, 15, 4, 4, 4, 4, 4]);
    expectArray(reserveBands.fcr.maxPowerKw, [11, 11, 15, 4, 4, 4, 4, 4]);
    expectArray(reserveBands.afrr.maxPowerKw, [11, 11, 11, 0, 0, 0, 0, 0]);
    // Upward from uncontrolled charging: A charges 11 kW until 10:45, B 4 kW until 11:45.
    expectArray(reserveBands.any.upwardKw, [11, 11, 15, 4, 4, 4, 4, 0]);
    expectArray(reserveBands.any.downwardKw, [0, 0, 0, 0, 0, 0, 0, 4]);
    expectArray(reserveBands.any.firmShare, [1, 1, 1, 4 / 15, 1, 1, 1, 1]);
  });

  it('drops an EV from an ISP where its presence probability is below the confidence', () => {
    // A is 90 % likely to stay through 10:30-10:45 (that ISP ends at its P10): P90 keeps it, P95 does not.
    const p95 = aggregatePortfolio([evA, evB], { horizon: HORIZON, reserveConfidence: 0.95 });
    expectArray(p95.reserveBands.any.maxPowerKw, [11, 11, 4, 4, 4, 4, 4, 4]);
  });

  it('a forecast cohort of 3 EVs each there with probability 0.5: binomial, hand-checked', () => {
    const cohort: AggregationMember = { ...evB, weight: 3, arrivalProbability: 0.5 };
    // P(S >= 4) = 7/8, P(S >= 8) = 1/2, P(S >= 12) = 1/8 (S = 4 kW x Binomial(3, 0.5)).
    const p85 = aggregatePortfolio([cohort], { horizon: HORIZON, reserveConfidence: 0.85 });
    const p90 = aggregatePortfolio([cohort], { horizon: HORIZON, reserveConfidence: 0.9 });
    const p50 = aggregatePortfolio([cohort], { horizon: HORIZON, reserveConfidence: 0.5 });
    expect(p85.reserveBands.any.maxPowerKw[3]).toBeCloseTo(4, 9);
    expect(p90.reserveBands.any.maxPowerKw[3]).toBe(0);
    expect(p50.reserveBands.any.maxPowerKw[3]).toBeCloseTo(8, 9);
    expect(p90.quantileMethodCounts.normal).toBe(0);
  });

  it('V2G: upward reaches into discharge, measured from the reference schedule', () => {
    const v2g: AggregationMember = {
      ...evB,
      envelope: envelopeOf({
        arrival: at('2024-05-01T10:30:00Z'),
        departure: at('2024-05-01T12:00:00Z'),
        energyNeedKwh: 2,
        evMaxPowerKw: 4,
        battery: { capacityKwh: 50, arrivalSoc: 0.5 },
        v2g: { evMaxDischargeKw: 3, evseMaxDischargeKw: 10, minSoc: 0.2 },
      }),
      referencePowerKw: [1, 1, 1, 1, 1, 1],
    };
    const { reserveBands } = aggregatePortfolio([v2g], { horizon: HORIZON });
    expect(reserveBands.fcr.minPowerKw[2]).toBeCloseTo(-3, 9);
    expect(reserveBands.fcr.upwardKw[2]).toBeCloseTo(4, 9); // 1 kW charging + 3 kW discharge
    expect(reserveBands.fcr.downwardKw[2]).toBeCloseTo(3, 9); // 4 - 1
    expect(reserveBands.afrr.upwardKw[2]).toBe(0); // not aFRR-eligible
  });
});

describe(reservePresenceProbability.name, () => {
  it('is 0 in partial ISPs and after the P10, 0.9 at the P10, higher before (normal departure, assumed shape)', () => {
    const envelope = envelopeOf({ arrival: at('2024-05-01T10:05:00Z'), departure: at('2024-05-01T11:10:00Z') });
    const q = reservePresenceProbability(envelope, { expected: at('2024-05-01T11:10:00Z'), p10: at('2024-05-01T10:45:00Z') });
    expect(q).toHaveLength(5);
    expect(q[0]).toBe(0); // 10:05-10:15 only partly plugged in
    // sigma = 25 min / z(0.9) = 19.507 min; 10:30 is 40 min before 11:10: Phi(2.0505) = 0.97984
    expect(q[1]).toBeCloseTo(0.97984, 5);
    expect(q[2]).toBeCloseTo(0.9, 12); // ends at the P10
    expect(q[3]).toBe(0);
    expect(q[4]).toBe(0);
  });
});
