import { DeliveryDay } from '@vpp/units';
import { forecastBeliefs } from './forecast-beliefs';
import { perfectForesight } from './perfect-foresight';
import { publishedPricesEndMs } from './price-publication';
import { PERFECT_INFORMATION, RollingSession } from './rolling-session';
import { simulateRolling } from './rolling-simulator';
import { flatPrior, pricesByLocalHour } from './rolling.fixtures';
import { uncontrolledCostEur } from './uncontrolled-cost';
import { summariseOutcomes, valueCaptured } from './value-captured';

// 2025-06-10 is summer time: local = UTC + 2.
const DAY = DeliveryDay.of('2025-06-10');
const local = (dayOffset: number, hour: number, minute = 0): number => DAY.plusDays(dayOffset).atLocalTime(hour, minute).getTime();

function ev(id: string, arrivalMs: number, departureMs: number, energyKwh: number, maxPowerKw = 11): RollingSession {
  return { id, arrivalMs, departureMs, energyKwh, maxPowerKw };
}

describe('publishedPricesEndMs', () => {
  it('sees the next day from 13:00 Europe/Amsterdam, only today before', () => {
    expect(publishedPricesEndMs(local(0, 12, 45))).toBe(DAY.end.getTime());
    expect(publishedPricesEndMs(local(0, 13, 0))).toBe(DAY.next().end.getTime());
    expect(publishedPricesEndMs(local(0, 12, 45), { localHour: 12, localMinute: 45 })).toBe(DAY.next().end.getTime());
  });
});

describe('simulateRolling, perfect information', () => {
  // D: 20 EUR/MWh 10:00-12:00 local, 60 the rest; D+1: 100 all day.
  const prices = pricesByLocalHour(DAY, 2, (d, h) => (d === 0 ? (h === 10 || h === 11 ? 20 : 60) : 100));
  // Plugged in D 10:00 to D+1 01:00 local, 22 kWh at 11 kW (2 h of charging).
  const night = ev('night', local(0, 10), local(1, 1), 22);

  it('commits before 13:00 only what cannot wait for the next prices, so the publication time changes the decision', async () => {
    // At 10:00 the horizon ends at midnight; after it 1 h x 11 kW = 11 kWh still fits, so 11 kWh
    // must come on D: the cheapest, 10:00-11:00 at 20. At 13:00 D+1 (100) is published: the
    // other 11 kWh now goes to D's evening at 60. 11 x 0.020 + 11 x 0.060 = 0.88 EUR.
    const rolling = await simulateRolling([night], prices, { beliefs: PERFECT_INFORMATION });
    expect(rolling.totalCostEur).toBeCloseTo(0.88, 6);
    expect(rolling.outcomes[0]).toMatchObject({ needMet: true, leftEarly: false });
    expect(rolling.outcomes[0].deliveredKwh).toBeCloseTo(22, 6);

    // Known from 09:00 instead: at 10:00 the planner sees D+1 and takes all 22 kWh at 20.
    const early = await simulateRolling([night], prices, { beliefs: PERFECT_INFORMATION, publication: { localHour: 9, localMinute: 0 } });
    expect(early.totalCostEur).toBeCloseTo(0.44, 6);
    const foresight = await perfectForesight([night], prices);
    expect(foresight.costEur).toBeCloseTo(0.44, 6);

    // Uncontrolled: 10:00-12:00 at full power = the same 0.44; nothing to capture then.
    expect(uncontrolledCostEur([night], prices)).toBeCloseTo(0.44, 6);
  });

  it('re-plans an EV arriving inside an ISP from its arrival, and every-ISP re-planning costs the same', async () => {
    // Arrives 10:07 local, leaves 12:00: 11 kWh at 11 kW fits in 10:07-11:07 at 20 EUR/MWh.
    const sessions = [ev('a', local(0, 10, 7), local(0, 12), 11), ev('b', local(0, 9, 30), local(0, 23), 30, 7.4), night];
    const onChange = await simulateRolling(sessions, prices, { beliefs: PERFECT_INFORMATION });
    const everyIsp = await simulateRolling(sessions, prices, { beliefs: PERFECT_INFORMATION, replan: 'every-isp' });
    expect(onChange.outcomes.every((o) => o.needMet)).toBe(true);
    expect(onChange.outcomes[0].costEur).toBeCloseTo(11 * 0.02, 6);
    expect(everyIsp.totalCostEur).toBeCloseTo(onChange.totalCostEur, 6);
    expect(everyIsp.replans).toBeGreaterThan(onChange.replans);
  });
});

describe('simulateRolling, with forecasts', () => {
  // First hour (10:00) at 100, then 50, 10, 100 EUR/MWh; every other hour 100.
  const HOURLY = new Map([
    [10, 100],
    [11, 50],
    [12, 10],
    [13, 100],
  ]);
  const prices = pricesByLocalHour(DAY, 2, (d, h) => (d === 0 ? (HOURLY.get(h) ?? 100) : 100));

  it('counts an EV that leaves before its forecast (P10) departure apart', async () => {
    // History: every EV arriving at 10:00 stays 4 h and takes 10 kWh, so P10 departure = 14:00.
    // This one leaves at 11:00 with 10 kWh needed: the plan had put it at 12:00 (10 EUR/MWh).
    const prior = flatPrior(DAY, 10, 4, 10);
    const early = ev('early', local(0, 10), local(0, 11), 10);
    const result = await simulateRolling([early], prices, { beliefs: forecastBeliefs(prior) });
    const outcome = result.outcomes[0];
    expect(outcome.firstBelief).toEqual({ departureMs: local(0, 14), needKwh: 10 });
    expect(outcome).toMatchObject({ feasible: true, needMet: false, leftEarly: true });
    expect(outcome.deliveredKwh).toBeCloseTo(0, 9);
    const summary = summariseOutcomes(result.outcomes);
    expect(summary).toMatchObject({ leftEarly: 1, leftEarlyNeedMet: 0, promised: 0, needMetPct: 100, needMetPctAllFeasible: 0 });
    // No credit for energy not delivered: valued at the dwell's highest price.
    expect(result.undeliveredKwh).toBeCloseTo(10, 6);
    expect(result.totalCostEur).toBeCloseTo(10 * 0.1, 6);
  });

  it('sees a car that is full before the P90 estimate and stops planning for it', async () => {
    // History: 20 kWh, 4 h. The planner aims at 20 kWh by 14:00: 11 kWh at 12:00 (10) and 9 kWh
    // at 11:00 (50). The car is full after 5 kWh, all in 11:00-12:00: 5 x 0.050 = 0.25 EUR.
    const prior = flatPrior(DAY, 10, 4, 20);
    const small = ev('small', local(0, 10), local(0, 14), 5);
    const result = await simulateRolling([small], prices, { beliefs: forecastBeliefs(prior) });
    const outcome = result.outcomes[0];
    expect(outcome.firstBelief.needKwh).toBeCloseTo(20, 9);
    expect(outcome.lastBelief.needKwh).toBeCloseTo(5, 6);
    expect(outcome).toMatchObject({ needMet: true, leftEarly: false });
    expect(outcome.costEur).toBeCloseTo(0.25, 6);
    // Perfect information would have waited for 12:00: 5 x 0.010.
    const perfect = await simulateRolling([small], prices, { beliefs: PERFECT_INFORMATION });
    expect(perfect.totalCostEur).toBeCloseTo(0.05, 6);
  });

  it('raises the need of a car still drawing after the estimate and stays with an EV past its P10 departure', async () => {
    // History: 10 kWh, 2 h (P10 departure 12:00). This EV needs 30 kWh and stays until 14:00.
    // By 12:00 the plan gives 10 kWh (at 11:00, 50); the car still draws, no history EV drew
    // more: ASSUMED one more hour at max power (21 kWh); no history EV stayed longer either:
    // the belief moves ISP by ISP. The car gets its 30 kWh by 14:00 (it needs 2 h 44 min at 11 kW).
    const prior = flatPrior(DAY, 10, 2, 10);
    const big = ev('big', local(0, 10), local(0, 14), 30);
    const result = await simulateRolling([big], prices, { beliefs: forecastBeliefs(prior) });
    const outcome = result.outcomes[0];
    expect(outcome.firstBelief).toEqual({ departureMs: local(0, 12), needKwh: 10 });
    expect(outcome.lastBelief.needKwh).toBeGreaterThanOrEqual(30);
    expect(outcome).toMatchObject({ needMet: true, leftEarly: false });
    expect(outcome.deliveredKwh).toBeCloseTo(30, 6);
  });
});

describe('valueCaptured', () => {
  it('is the share of the possible saving, NaN when nothing can be saved', () => {
    expect(valueCaptured(100, 90, 80)).toBeCloseTo(0.5, 12);
    expect(valueCaptured(100, 100, 100)).toBeNaN();
  });
});
