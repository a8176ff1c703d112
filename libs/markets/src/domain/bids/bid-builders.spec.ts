import { Block, Decimal, DeliveryDay, Isp } from '@vpp/units';
import { aggregatePortfolio } from '@vpp/flexibility/domain/aggregation/portfolio-aggregate';
import { flexibilityEnvelope } from '@vpp/flexibility/domain/flexibility-envelope';
import { validateBid } from '../products/validate-bid';
import { AFRR_CAPACITY_NL, AFRR_ENERGY_NL, FCR_NL, IDCONS_NL, SDAC_NL } from '../test-support/products.fixture';
import { buildAfrrEnergyBids, ladderSizes } from './afrr-energy-bids';
import { buildAfrrCapacityBids, buildFcrBids } from './capacity-bids';
import { buildCongestionBids } from './congestion-bids';
import { buildDayAheadBids } from './day-ahead-bids';
import { firmHeadroomFromBand } from './firm-headroom';
import { aPlan } from './plan.fixture';
import { planEconomics } from './plan-economics';

const DAY = DeliveryDay.of('2026-06-10');
const SDAC_15 = SDAC_NL[2];
const BEFORE_GATES = new Date('2026-06-09T04:00:00Z');
const curve = (points: readonly { price: Decimal; quantityMw: Decimal }[]) => points.map((p) => [p.price.toFixed(), p.quantityMw.toFixed()]);

describe('day-ahead curves', () => {
  // Hand-computed: prices 100 except ISPs 8-9 (40) and 10-11 (50); the plan charges 400 kW flexibly in ISPs 8-11 and
  // 200 kW in ISP 40, which the just-in-time bound forces (latest stored energy jumps from 0 to 450 kWh there, 400 already stored).
  const plan = aPlan(DAY, (s) => {
    s.pricesEurPerMwh.fill(40, 8, 10).fill(50, 10, 12);
    s.plannedKw.fill(400, 8, 12);
    s.plannedKw[40] = 200;
    s.latestEnergyKwh.fill(450, 40);
  });
  const bids = buildDayAheadBids({ plan, economics: planEconomics(plan), rules: SDAC_15 });

  it('buys flexible energy up to the marginal price, extra only at the lowest price, the inflexible need at any price', () => {
    expect(bids).toHaveLength(96);
    expect(bids.every((b) => b.draft.direction === 'buy')).toBe(true);
    // ISP 8: 0.4 MW planned (flexible) up to 50.0, plus 0.6 MW of room at 40.0.
    expect(curve(bids[8].draft.points)).toEqual([['-500', '1'], ['40', '1'], ['40.1', '0.4'], ['50', '0.4'], ['50.1', '0'], ['4000', '0']]);
    // ISP 40: 0.2 MW must be bought at any price; 0.8 MW room at 40.0.
    expect(curve(bids[40].draft.points)).toEqual([['-500', '1'], ['40', '1'], ['40.1', '0.2'], ['4000', '0.2']]);
    // Nothing planned: only the room, at the lowest price.
    expect(curve(bids[0].draft.points)).toEqual([['-500', '1'], ['40', '1'], ['40.1', '0'], ['4000', '0']]);
  });

  it('reserves the extra charging (down) in the ledger, not the planned energy, and keeps every SDAC rule', () => {
    expect(bids[8].reservation).toEqual({ product: 'day_ahead', direction: 'down', isps: [{ ispStart: DAY.isps()[8].start, kw: new Decimal(600) }] });
    for (const bid of bids) expect(validateBid(bid.draft, SDAC_15, BEFORE_GATES)).toEqual([]);
  });

  it('rounds quantities down to 0.1 MW and buy prices down / sell prices up to 0.1 EUR/MWh', () => {
    const odd = aPlan(DAY, (s) => {
      s.pricesEurPerMwh.fill(33.37);
      s.plannedKw.fill(-170, 0, 4);
      s.batteryMinKw.fill(-260);
      s.batteryMaxKw.fill(389);
    });
    const built = buildDayAheadBids({ plan: odd, economics: planEconomics(odd), rules: SDAC_15 });
    const buy = built.find((b) => b.draft.direction === 'buy')!;
    // Room above the plan: 389 - (-170) = 559 kW -> 0.5 MW, at 33.37 -> 33.3.
    expect(curve(buy.draft.points)).toEqual([['-500', '0.5'], ['33.3', '0.5'], ['33.4', '0'], ['4000', '0']]);
    const sell = built.find((b) => b.draft.direction === 'sell')!;
    // Each part is rounded down on its own (never more than that part allows): 170 kW planned discharge -> 0.1 MW,
    // 90 kW room for more -> 0; from 33.37 (efficiency 1, no degradation) up to 33.4.
    expect(curve(sell.draft.points)).toEqual([['-500', '0'], ['33.3', '0'], ['33.4', '0.1'], ['4000', '0.1']]);
    expect(sell.reservation).toBeNull();
    for (const bid of built) expect(validateBid(bid.draft, SDAC_15, BEFORE_GATES)).toEqual([]);
  });

  it('bids one curve per hour before 2025-10-01, with the hour average', () => {
    const hourly = DeliveryDay.of('2025-06-10');
    const p = aPlan(hourly, (s) => s.plannedKw.fill(400, 0, 2));
    const built = buildDayAheadBids({ plan: p, economics: planEconomics(p), rules: SDAC_NL[1] });
    expect(built).toHaveLength(24);
    expect(built[0].draft.period.durationMs).toBe(3_600_000);
    // 400 kW in 2 of 4 quarters = 0.2 MW flexible; the room is the smallest of the hour (600 kW).
    expect(curve(built[0].draft.points)).toEqual([['-500', '0.8'], ['100', '0.8'], ['100.1', '0'], ['4000', '0']]);
  });

  it.each([
    ['2026-03-29', 92],
    ['2026-10-25', 100],
  ])('covers every MTU of the DST day %s (%i)', (iso, mtus) => {
    const day = DeliveryDay.of(iso);
    const p = aPlan(day);
    const built = buildDayAheadBids({ plan: p, economics: planEconomics(p), rules: SDAC_15 });
    expect(built).toHaveLength(mtus);
    expect(built.map((b) => b.draft.period.start.getTime())).toEqual(day.isps().map((isp) => isp.start.getTime()));
    for (const bid of built) expect(validateBid(bid.draft, SDAC_15, new Date(day.start.getTime() - 86_400_000))).toEqual([]);
  });
});

describe('FCR and aFRR capacity', () => {
  it('offers whole MW per block, cut to the firm headroom of every ISP of the block', () => {
    const plan = aPlan(DAY, (s) => {
      s.firmUpKw.fill(2600);
      s.firmDownKw.fill(2600);
      s.firmUpKw.fill(1700, 10, 16); // block 0 (00-04 local = 22:00-02:00Z) loses 900 kW from ISP 10 on
    }, {});
    const reserves = Block.allOf(DAY).map((block) => ({ block, fcrMw: 2, afrrUpMw: 0, afrrDownMw: 0 }));
    const p = { ...plan, reserves };
    const bids = buildFcrBids({ plan: p, economics: planEconomics(p), rules: FCR_NL });
    expect(bids.map((b) => b.draft.points[0].quantityMw.toFixed())).toEqual(['1', '2', '2', '2', '2', '2']);
    expect(bids[0].reservation?.isps).toHaveLength(16);
    for (const bid of bids) expect(validateBid(bid.draft, FCR_NL, BEFORE_GATES)).toEqual([]);
  });

  it("cuts the block an EV leaves mid-way (P10 departure), from the aggregation's reserve bands", () => {
    // Two cohorts of 11 kW EVs plugged in from the day start; one's P10 departure is inside block 0 (00-04 local) or at its end.
    const isps = DAY.isps();
    const cohort = (id: string, p10: Date) => {
      const expected = new Date(p10.getTime() + 4 * 3_600_000);
      return {
        id,
        envelope: flexibilityEnvelope({ arrival: DAY.start, departure: expected, energyNeedKwh: 10, evMaxPowerKw: 11, evseMaxPowerKw: 11, siteShareKw: 11, degradationCostEurPerKwh: 0 }),
        departure: { expected, p10 },
        weight: 400,
        eligibleProducts: ['fcr' as const, 'afrr' as const],
      };
    };
    const fcrOfBlocks = (leavesAt: Date): string[] => {
      const aggregate = aggregatePortfolio([cohort('stays', new Date(DAY.end.getTime() - 4 * 3_600_000)), cohort('leaves', leavesAt)], { horizon: isps, reserveConfidence: 0.9 });
      // Half the firm charging power: room both ways.
      const plannedKw = aggregate.reserveBands.fcr.maxPowerKw.map((kw) => kw / 2);
      const plan = aPlan(DAY, () => undefined, {
        plannedKw,
        firm: {
          any: firmHeadroomFromBand(aggregate.reserveBands.any, plannedKw),
          fcr: firmHeadroomFromBand(aggregate.reserveBands.fcr, plannedKw),
          afrr: firmHeadroomFromBand(aggregate.reserveBands.afrr, plannedKw),
        },
        reserves: Block.allOf(DAY).map((block) => ({ block, fcrMw: 10, afrrUpMw: 0, afrrDownMw: 0 })),
      });
      return buildFcrBids({ plan, economics: planEconomics(plan), rules: FCR_NL }).map((b) => `${b.draft.period.start.toISOString()} ${b.draft.points[0].quantityMw.toFixed()}`);
    };
    const block0 = Block.of(DAY, 0);
    const atBlockEnd = fcrOfBlocks(block0.end);
    const midBlock = fcrOfBlocks(new Date(block0.start.getTime() + 150 * 60_000));
    // Leaving at the block end, the cohort counts for all of block 0; leaving at 02:30 local, it counts for none of it.
    expect(atBlockEnd[0]).toBe(`${block0.start.toISOString()} 3`);
    expect(midBlock[0]).toBe(`${block0.start.toISOString()} 1`);
    expect(midBlock.slice(1)).toEqual(atBlockEnd.slice(1));
  });

  it('offers aFRR up and down per block within what FCR leaves of the shared pool', () => {
    const plan = aPlan(DAY, (s) => {
      s.firmUpKw.fill(3500);
      s.firmDownKw.fill(2500);
    });
    const p = { ...plan, reserves: Block.allOf(DAY).map((block) => ({ block, fcrMw: 1, afrrUpMw: 5, afrrDownMw: 5 })) };
    const bids = buildAfrrCapacityBids({ plan: p, economics: planEconomics(p), rules: AFRR_CAPACITY_NL });
    expect(bids.slice(0, 2).map((b) => [b.draft.direction, b.draft.points[0].quantityMw.toFixed(), b.reservation?.product])).toEqual([
      ['up', '2', 'afrr_up'],
      ['down', '1', 'afrr_down'],
    ]);
    for (const bid of bids) expect(validateBid(bid.draft, AFRR_CAPACITY_NL, BEFORE_GATES)).toEqual([]);
  });

  it('prices capacity at the opportunity cost around the marginal price, rounded up to the tick', () => {
    const plan = aPlan(DAY, (s) => {
      s.pricesEurPerMwh.fill(60.004);
      s.pricesEurPerMwh.fill(40, 8, 12);
      s.plannedKw.fill(400, 8, 12);
      s.firmUpKw.fill(1000);
      s.firmDownKw.fill(1000);
    });
    const p = { ...plan, reserves: Block.allOf(DAY).map((block) => ({ block, fcrMw: 1, afrrUpMw: 0, afrrDownMw: 0 })) };
    const bids = buildFcrBids({ plan: p, economics: planEconomics(p), rules: FCR_NL });
    // Block 1 (04-08 local): every price 60.004, marginal 40 -> 20.004 up, 0 down -> 20.01.
    expect(bids[1].draft.points[0].price.toFixed()).toBe('20.01');
  });
});

describe('aFRR energy ladder', () => {
  it('offers the held capacity per 15-minute product as up to three whole-MW steps, dearer the deeper', () => {
    expect(ladderSizes(new Decimal(5), AFRR_ENERGY_NL[3]).map((d) => d.toFixed())).toEqual(['2', '2', '1']);
    expect(ladderSizes(new Decimal(1), AFRR_ENERGY_NL[3]).map((d) => d.toFixed())).toEqual(['1']);
    const plan = aPlan(DAY, (s) => s.plannedKw.fill(400, 8, 12));
    const isp = DAY.isps()[20];
    const bids = buildAfrrEnergyBids({
      plan,
      economics: planEconomics(plan),
      rulesFor: () => AFRR_ENERGY_NL[2],
      capacityMw: (_block, direction) => new Decimal(direction === 'up' ? 3 : 1),
      within: isp.range,
    });
    expect(bids.map((b) => [b.draft.direction, b.variant, b.draft.points[0].quantityMw.toFixed(), b.draft.points[0].price.toFixed()])).toEqual([
      ['up', 'step1', '1', '100'],
      ['up', 'step2', '1', '125'],
      ['up', 'step3', '1', '175'],
      ['down', 'step1', '1', '100'],
    ]);
    for (const bid of bids) expect(validateBid(bid.draft, AFRR_ENERGY_NL[2], new Date(isp.start.getTime() - 3_600_000))).toEqual([]);
  });
});

describe('IDCONS congestion orders', () => {
  const isps = [Isp.startingAt(new Date('2026-06-10T15:00:00Z')), Isp.startingAt(new Date('2026-06-10T15:15:00Z'))];
  const request = {
    id: 'req-1',
    congestionPointEan: '871685900000000001',
    areaEans: new Set(['871685900000000011', '871685900000000012']),
    isps,
    insideDirection: 'sell' as const,
    requestedMw: new Decimal('3'),
  };
  const connection = (ean: string, upKw: number[], downKw: number[]) => ({ ean, upKw, downKw, sessionIds: ['s'] });

  it('pairs sell orders inside the area with buy orders outside for the same total, one order per connection EAN', () => {
    const bids = buildCongestionBids({
      request,
      connections: [
        connection('871685900000000011', [2200, 900], [0, 0]),
        connection('871685900000000012', [1500, 1500], [0, 0]),
        connection('871685900000000021', [0, 0], [5000, 1200]),
      ],
      rules: IDCONS_NL,
      priceEurPerMwh: () => 80,
    });
    const rows = bids.map((b) => [b.draft.period.start.toISOString().slice(11, 16), b.draft.direction, b.draft.locationEan, b.draft.points[0].quantityMw.toFixed(), b.draft.points[0].price.toFixed(), b.pairRef]);
    expect(rows).toEqual([
      // ISP 1: 3 MW asked; inside 2.2 + 0.8 (1.5 would overshoot), outside takes 3.
      ['15:00', 'sell', '871685900000000011', '2.2', '100', 'req-1.2026-06-10T15:00:00.000Z'],
      // 0.8 MW is below the 1 MW minimum: the larger connection gives 2.2 alone, the other would give 0.8 -> skipped.
      ['15:00', 'buy', '871685900000000021', '2.2', '60', 'req-1.2026-06-10T15:00:00.000Z'],
      // ISP 2: inside 1.5 (0.9 is below the minimum), but outside can only take 1.2: both sides 1.2.
      ['15:15', 'sell', '871685900000000012', '1.2', '100', 'req-1.2026-06-10T15:15:00.000Z'],
      ['15:15', 'buy', '871685900000000021', '1.2', '60', 'req-1.2026-06-10T15:15:00.000Z'],
    ]);
    expect(bids.map((b) => b.reservation?.direction)).toEqual(['up', 'down', 'up', 'down']);
    for (const bid of bids) expect(validateBid(bid.draft, IDCONS_NL, BEFORE_GATES)).toEqual([]);
  });
});
