import { DeliveryDay, Isp } from '@vpp/units';
// The domain files, not the package index: the optimiser's tests need no flexibility infrastructure.
import type { AggregationMember } from '@vpp/flexibility/domain/aggregation/aggregation-member';
import { aggregatePortfolio } from '@vpp/flexibility/domain/aggregation/portfolio-aggregate';
import { flexibilityEnvelope } from '@vpp/flexibility/domain/flexibility-envelope';

import { coOptimiseReserves } from './co-optimise-reserves';
import type { BlockCapacityPrices, ReserveBandInput, ReserveBattery, ReserveCoOptimisationInput } from './reserve-input';

// Every capacity price below is ASSUMED (test values, not market data).
const constant = (n: number, value: number): Float64Array => new Float64Array(n).fill(value);
const prices = (overrides: Partial<BlockCapacityPrices>[] | Partial<BlockCapacityPrices>): BlockCapacityPrices[] =>
  Array.from({ length: 6 }, (_, b) => ({
    fcrEurPerMwH: 0,
    afrrUpEurPerMwH: 0,
    afrrDownEurPerMwH: 0,
    ...(Array.isArray(overrides) ? overrides[b] : overrides),
  }));
const band = (n: number, minKw: number, maxKw: number, firmShare = 1): ReserveBandInput => ({
  minPowerKw: constant(n, minKw),
  maxPowerKw: constant(n, maxKw),
  firmShare: constant(n, firmShare),
});

/** A hand-made virtual battery: the same band every ISP; energy bounds given as functions of the ISP. */
function battery(day: DeliveryDay, minKw: number, maxKw: number, latest: (t: number) => number, earliest: (t: number) => number): ReserveBattery {
  const n = day.ispCount;
  return {
    isps: day.isps(),
    minPowerKw: constant(n, minKw),
    maxPowerKw: constant(n, maxKw),
    latestEnergyKwh: Float64Array.from({ length: n }, (_, t) => latest(t)),
    earliestEnergyKwh: Float64Array.from({ length: n }, (_, t) => earliest(t)),
    chargeEfficiency: 1,
    dischargeEfficiency: 1,
    degradationCostEurPerKwh: 0,
  };
}

/** A V2G pool of +-4 MW that may move 500 kWh either way from where it starts (a half-full battery). */
function lerInput(day: DeliveryDay, fcrLerMinutes: number): ReserveCoOptimisationInput {
  const n = day.ispCount;
  return {
    day,
    battery: battery(day, -4000, 4000, () => -500, () => 500),
    bands: { any: band(n, -4000, 4000), fcr: band(n, -4000, 4000), afrr: band(n, -4000, 4000) },
    dayAheadPriceEurPerMwh: constant(n, 0),
    blockPrices: prices({ fcrEurPerMwH: 10 }),
    fcrLerMinutes,
  };
}

describe('coOptimiseReserves: FCR limited energy reservoir', () => {
  it('LER 15 min: 500 kWh each way hold 2 MW for 15 min; LER 30 min: only 1 MW', async () => {
    const day = DeliveryDay.of('2024-05-01');
    const ler15 = await coOptimiseReserves(lerInput(day, 15));
    const ler30 = await coOptimiseReserves(lerInput(day, 30));
    expect(ler15.status).toBe('optimal');
    expect(ler15.blocks.map((b) => b.fcrMw)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(ler30.blocks.map((b) => b.fcrMw)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(ler15.capacityRevenueEur).toBeCloseTo(2 * 10 * 24, 9);
    expect(ler30.capacityRevenueEur).toBeCloseTo(1 * 10 * 24, 9);
  });

  it.each([
    ['2024-03-31', 92, 3],
    ['2024-10-27', 100, 5],
  ])('DST day %s: %d ISPs, block 0 lasts %d h and is paid for its hours', async (iso, isps, block0Hours) => {
    const day = DeliveryDay.of(iso);
    const plan = await coOptimiseReserves(lerInput(day, 15));
    expect(plan.status).toBe('optimal');
    expect(plan.powerKw).toHaveLength(isps);
    expect(plan.blocks[0].block.hours).toBe(block0Hours);
    expect(plan.blocks.map((b) => b.fcrMw)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(plan.blocks[0].revenueEur).toBeCloseTo(2 * 10 * block0Hours, 9);
    expect(plan.capacityRevenueEur).toBeCloseTo(2 * 10 * (20 + block0Hours), 9);
  });
});

describe('coOptimiseReserves: aFRR up needs a schedule to reduce (or discharge)', () => {
  const day = DeliveryDay.of('2024-05-01');
  const n = day.ispCount;
  // aFRR up paid only in block 3 (12-16 local), assumed 5 EUR/MW/h.
  const blockPrices = prices([{}, {}, {}, { afrrUpEurPerMwH: 5 }, {}, {}]);
  const base = (bat: ReserveBattery, minKw: number): ReserveCoOptimisationInput => ({
    day,
    battery: bat,
    bands: { any: band(n, minKw, 2000), fcr: band(n, minKw, 2000), afrr: band(n, minKw, 2000) },
    dayAheadPriceEurPerMwh: constant(n, 50),
    blockPrices,
  });

  it('no energy need and no V2G: nothing to reduce, no aFRR up', async () => {
    const plan = await coOptimiseReserves(base(battery(day, 0, 2000, () => 0, () => 0), 0));
    expect(plan.status).toBe('optimal');
    expect(plan.blocks.map((b) => b.afrrUpMw)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('8 MWh to charge at up to 2 MW: charging moves into block 3 and sells 2 MW up there', async () => {
    // ASAP: 500 kWh per ISP until 8 MWh; JIT: the last 16 ISPs.
    const need = 8000;
    const plan = await coOptimiseReserves(base(battery(day, 0, 2000, (t) => Math.max(0, need - 500 * (n - 1 - t)), (t) => Math.min(need, 500 * (t + 1))), 0));
    expect(plan.status).toBe('optimal');
    expect(plan.blocks.map((b) => b.afrrUpMw)).toEqual([0, 0, 0, 2, 0, 0]);
    expect(plan.blocks[3].revenueEur).toBeCloseTo(2 * 5 * 4, 9);
    const block3 = plan.blocks[3].block.isps().map((isp) => day.ispNumber(isp) - 1);
    for (const t of block3) expect(plan.powerKw[t]).toBeCloseTo(2000, 6);
    expect(plan.energyCostEur).toBeCloseTo(8 * 50, 6);
  });

  it('no energy need but V2G down to -1 MW: 1 MW up by discharging', async () => {
    const plan = await coOptimiseReserves(base(battery(day, -1000, 2000, (t) => (t === n - 1 ? 0 : -1000), () => 0), -1000));
    expect(plan.blocks.map((b) => b.afrrUpMw)).toEqual([0, 0, 0, 1, 0, 0]);
  });

  it('a smaller aFRR-eligible pool caps aFRR; FCR takes the energy room left', async () => {
    // Energy allows FCR + aFRR <= 2 MW each way (500 kWh, 15 min); aFRR's pool only 1.5 MW: 1 + 1 MW.
    const plan = await coOptimiseReserves({
      ...lerInput(day, 15),
      bands: { any: band(n, -4000, 4000), fcr: band(n, -4000, 4000), afrr: band(n, -1500, 1500, 0.375) },
      blockPrices: prices({ fcrEurPerMwH: 10, afrrUpEurPerMwH: 10, afrrDownEurPerMwH: 10 }),
    });
    expect(plan.blocks.map((b) => b.afrrUpMw)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(plan.blocks.map((b) => b.afrrDownMw)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(plan.blocks.map((b) => b.fcrMw)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('coOptimiseReserves on an aggregated portfolio', () => {
  const day = DeliveryDay.of('2024-05-01'); // CEST: blocks start 22, 02, 06, 10, 14, 18 UTC
  const at = (iso: string): Date => new Date(iso);
  const cohort = (id: string, count: number, departure: string, p10: string, needKwh: number): AggregationMember => ({
    id,
    weight: count,
    envelope: flexibilityEnvelope({
      arrival: at('2024-05-01T04:00:00Z'),
      departure: at(departure),
      energyNeedKwh: needKwh,
      evMaxPowerKw: 10,
      evseMaxPowerKw: 11,
      siteShareKw: 10,
      chargeEfficiency: 1,
      dischargeEfficiency: 1,
      degradationCostEurPerKwh: 0,
    }),
    departure: { expected: at(departure), p10: at(p10) },
    eligibleProducts: ['fcr', 'afrr'],
  });

  it('cuts an FCR block to what remains after EVs leave inside it', async () => {
    // 310 EVs stay 04-20 UTC (3.1 MW); 100 more (1 MW) are expected to leave at 13:00 UTC, P10 12:00.
    // Block 2 (06-10 UTC): 4.1 MW plugged in, FCR needs the schedule in the middle: 2 MW.
    // Block 3 (10-14 UTC): 4.1 MW at its start but only 3.1 MW after 12:00: 1 MW for the whole block.
    const members = [cohort('stay', 310, '2024-05-01T20:00:00Z', '2024-05-01T20:00:00Z', 60), cohort('leave', 100, '2024-05-01T13:00:00Z', '2024-05-01T12:00:00Z', 40)];
    const aggregate = aggregatePortfolio(members, { horizon: day.isps(), reserveConfidence: 0.9 });
    const input: ReserveCoOptimisationInput = {
      day,
      battery: aggregate.battery,
      bands: aggregate.reserveBands,
      dayAheadPriceEurPerMwh: constant(day.ispCount, 50),
      blockPrices: prices({ fcrEurPerMwH: 20 }),
    };
    const plan = await coOptimiseReserves(input);
    expect(plan.status).toBe('optimal');
    expect(plan.blocks.map((b) => b.fcrMw)).toEqual([0, 0, 2, 1, 1, 0]);
    // Every need is met: 310 x 60 + 100 x 40 kWh by the end of the day.
    expect(plan.cumulativeStoredKwh[day.ispCount - 1]).toBeCloseTo(310 * 60 + 100 * 40, 3);
    const again = await coOptimiseReserves(input);
    expect(Array.from(again.powerKw)).toEqual(Array.from(plan.powerKw));
  });
});

describe('coOptimiseReserves: time limit', () => {
  it('falls back to the energy plan without reserves, and says so', async () => {
    const day = DeliveryDay.of('2024-05-01');
    const plan = await coOptimiseReserves({ ...lerInput(day, 15), timeLimitS: 0 });
    expect(plan.status).toBe('fallback-energy-only');
    expect(plan.fallbackReason).toMatch(/time limit/);
    expect(plan.blocks.every((b) => b.fcrMw === 0)).toBe(true);
    expect(plan.powerKw).toHaveLength(96);
  });
});

it('checks the battery covers the day', async () => {
  const day = DeliveryDay.of('2024-05-01');
  const input = lerInput(day, 15);
  await expect(coOptimiseReserves({ ...input, battery: { ...input.battery, isps: [Isp.startingAt(day.start)] } })).rejects.toThrow(/cover delivery day/);
});
