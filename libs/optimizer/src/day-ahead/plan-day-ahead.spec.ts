import { DEFAULT_CHARGE_EFFICIENCY_F64 as ETA } from '@vpp/flexibility/domain';
import { DeliveryDay } from '@vpp/units';
import { DayAheadModelError } from './day-ahead-model';
import { SUMMER_DAY, ev, prices, site } from './day-ahead.fixtures';
import { checkSessionPlan } from './plan-evaluation';
import { planDayAhead } from './plan-day-ahead';

// A 2-hour window 10:00-12:00 local = day ISPs 41..48, prices per ISP in EUR/MWh.
const WINDOW = [80, 70, 60, 50, 40, 45, 90, 100];
const DAY_PRICES = prices(SUMMER_DAY, 500, 41, WINDOW);

describe('planDayAhead, hand-checked cases', () => {
  it('charges a single EV in the two cheapest ISPs of its 2-hour window', async () => {
    // 5.5 kWh at 11 kW = 2 full ISPs (2.75 kWh each; the efficiency scales need and power alike).
    // Cheapest: 40 and 45 EUR/MWh -> 2.75 x (40 + 45) / 1000 = 0.23375 EUR energy,
    // degradation 5.5 kWh x 0.01 = 0.055 EUR.
    const session = ev({ id: 'a', fromIsp: 41, isps: 8, needKwh: 5.5, degradationEurPerKwh: 0.01 });
    const plan = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: DAY_PRICES, sessions: [session], sites: [site('site', 100)] });
    expect(plan.method).toBe('lp-exact');
    expect(Array.from(plan.sessionPowerKw[0]).map((p) => Math.round(p * 1e6) / 1e6)).toEqual([0, 0, 0, 0, 11, 11, 0, 0]);
    expect(plan.objective.energyEur).toBeCloseTo(0.23375, 9);
    expect(plan.objective.degradationEur).toBeCloseTo(0.055, 9);
    expect(plan.objective.penaltyEur).toBe(0);
    expect(plan.slacks).toEqual([]);
    expect(plan.lpObjectiveEur).toBeCloseTo(0.28875, 6);
  });

  it('plans an infeasible need as full power all the way and reports it', async () => {
    // 30 kWh in 2 h at 11 kW: at most 22 kWh; best effort = 11 kW in all 8 ISPs, 8 kWh x eta short.
    const session = ev({ id: 'too-much', fromIsp: 41, isps: 8, needKwh: 30 });
    const plan = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: DAY_PRICES, sessions: [session], sites: [site('site', 100)] });
    for (const p of plan.sessionPowerKw[0]) expect(p).toBeCloseTo(11, 6);
    expect(plan.slacks).toHaveLength(1);
    expect(plan.slacks[0]).toMatchObject({ kind: 'need-beyond-envelope', subjectId: 'too-much' });
    expect(plan.slacks[0].amount).toBeCloseTo(8 * ETA, 9);
  });

  it('plans a need the site limit makes infeasible as close as the limit allows, with a penalised slack', async () => {
    // Envelope-feasible (20 <= 22 kWh) but the site gives 5 kW: 5 kW x 2 h = 10 kWh, 10 kWh x eta short.
    const session = ev({ id: 'capped', fromIsp: 41, isps: 8, needKwh: 20 });
    const plan = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: DAY_PRICES, sessions: [session], sites: [site('site', 5)] });
    for (const p of plan.sessionPowerKw[0]) expect(p).toBeCloseTo(5, 6);
    expect(plan.slacks).toEqual([expect.objectContaining({ kind: 'need-shortfall', subjectId: 'capped', unit: 'kWh stored' })]);
    expect(plan.slacks[0].amount).toBeCloseTo(10 * ETA, 6);
    expect(plan.objective.penaltyEur).toBeCloseTo(10 * ETA * 1_000, 3);
  });

  it('reports base load above the site limit as an overload slack and charges around it', async () => {
    const base = new Float64Array(SUMMER_DAY.ispCount);
    base[44] = 25; // ISP 45 (40 EUR/MWh, the cheapest) is overloaded by 5 kW before any charging
    const session = ev({ id: 'a', fromIsp: 41, isps: 8, needKwh: 5.5 });
    const plan = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: DAY_PRICES, sessions: [session], sites: [site('site', 20, { baseLoadKw: base })] });
    expect(plan.sessionPowerKw[0][4]).toBeCloseTo(0, 6);
    expect(plan.sessionPowerKw[0][5]).toBeCloseTo(11, 6); // 45
    expect(plan.sessionPowerKw[0][3]).toBeCloseTo(11, 6); // 50
    expect(plan.slacks).toEqual([{ kind: 'import-overload', subjectId: 'site', ispNumber: 45, amount: 5, unit: 'kW' }]);
  });

  describe('V2G arbitrage: discharge at 300, recharge at 20 EUR/MWh, back to the arrival level', () => {
    // One round trip of 1 stored kWh: sells eta kWh at 0.30 = 0.2798 EUR, buys 1/eta kWh at
    // 0.02 = 0.0214 EUR, wears (eta + 1/eta) = 2.005 kWh of throughput.
    // At 0.15 EUR/kWh wear 0.3007 EUR > 0.2584 EUR margin: not worth it. At 0.05: 0.1002 < 0.2584: worth it.
    const v2gEv = (degradationEurPerKwh: number) =>
      ev({
        id: 'v2g',
        fromIsp: 41,
        isps: 4,
        needKwh: 0,
        degradationEurPerKwh,
        extra: { battery: { capacityKwh: 60, arrivalSoc: 0.5 }, v2g: { evMaxDischargeKw: 11, evseMaxDischargeKw: 11, minSoc: 0.2 } },
      });
    const dayPrices = prices(SUMMER_DAY, 100, 41, [300, 300, 20, 20]);

    it('does not discharge when degradation eats the margin', async () => {
      const plan = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: dayPrices, sessions: [v2gEv(0.15)], sites: [site('site', 100)] });
      for (const p of plan.sessionPowerKw[0]) expect(p).toBeCloseTo(0, 6);
      expect(plan.objective.totalEur).toBeCloseTo(0, 6);
    });

    it('discharges what it can recharge when the margin covers degradation', async () => {
      // Recharge is the limit: 2 ISPs x 11 kW x 0.25 h x eta stored; discharging that takes
      // 22 x eta^2 kW-ISPs of grid power in the two 300 EUR ISPs.
      const plan = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: dayPrices, sessions: [v2gEv(0.05)], sites: [site('site', 100)] });
      const p = plan.sessionPowerKw[0];
      expect(p[2]).toBeCloseTo(11, 6);
      expect(p[3]).toBeCloseTo(11, 6);
      expect(p[0] + p[1]).toBeCloseTo(-22 * ETA * ETA, 6);
      expect(checkSessionPlan(v2gEv(0.05).envelope, p)).toEqual({ withinBand: true, withinTrajectory: true, shortfallStoredKwh: 0 });
      expect(plan.objective.totalEur).toBeLessThan(0);
    });
  });

  it('shares a binding site limit between two EVs over the four cheapest ISPs', async () => {
    // Each needs 5.5 kWh (2 full ISPs); alone both would take 40 and 45. The 11 kW site fits one
    // EV at a time, so the site runs at 11 kW in the four cheapest ISPs: 40, 45, 50, 60.
    const sessions = [ev({ id: 'a', fromIsp: 41, isps: 8, needKwh: 5.5 }), ev({ id: 'b', fromIsp: 41, isps: 8, needKwh: 5.5 })];
    const plan = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: DAY_PRICES, sessions, sites: [site('site', 11)] });
    const net = Array.from(plan.siteNetLoadKw[0].slice(40, 48)).map((p) => Math.round(p * 1e6) / 1e6);
    expect(net).toEqual([0, 0, 11, 11, 11, 11, 0, 0]);
    expect(plan.objective.energyEur).toBeCloseTo((2.75 * (60 + 50 + 40 + 45)) / 1000, 9);
    for (const [s, session] of sessions.entries()) expect(checkSessionPlan(session.envelope, plan.sessionPowerKw[s]).shortfallStoredKwh).toBe(0);
    expect(plan.slacks).toEqual([]);
  });

  it('shaves the peak under a capacity tariff', async () => {
    // 11 kWh over 8 ISPs. Without a tariff: 11 kW in the 4 cheapest (40, 41, 42, 43), peak 11 kW.
    // At 1 EUR/kW: flat 5.5 kW costs 2.75 x (40+...+47) / 1000 - 2.75 x 2 x (40+41+42+43) / 1000
    // = 0.044 EUR more energy but 5.5 EUR less tariff, so the optimum is flat 5.5 kW, peak 5.5.
    const dayPrices = prices(SUMMER_DAY, 500, 41, [41, 40, 42, 43, 44, 45, 46, 47]);
    const session = ev({ id: 'a', fromIsp: 41, isps: 8, needKwh: 11 });
    const noTariff = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: dayPrices, sessions: [session], sites: [site('site', 100)] });
    expect(Math.max(...noTariff.siteNetLoadKw[0])).toBeCloseTo(11, 6);
    const withTariff = await planDayAhead({
      day: SUMMER_DAY,
      pricesEurPerMwh: dayPrices,
      sessions: [session],
      sites: [site('site', 100, { capacityTariffEurPerKw: 1 })],
    });
    for (const p of withTariff.sessionPowerKw[0]) expect(p).toBeCloseTo(5.5, 6);
    expect(withTariff.objective.capacityTariffEur).toBeCloseTo(5.5, 6);
    expect(withTariff.objective.energyEur).toBeCloseTo((1.375 * (41 + 40 + 42 + 43 + 44 + 45 + 46 + 47)) / 1000, 9);
  });

  it.each([
    ['2025-03-30', 92],
    ['2025-10-26', 100],
  ])('plans on the DST day %s with %i ISPs', async (iso, ispCount) => {
    const day = DeliveryDay.of(iso);
    expect(day.ispCount).toBe(ispCount);
    // The last 4 ISPs of the day; one full ISP needed; the third (ISP n-1) is cheapest.
    const session = ev({ id: 'late', fromIsp: ispCount - 3, isps: 4, needKwh: 2.75 }, day);
    const dayPrices = prices(day, 100, ispCount - 3, [60, 50, 10, 70]);
    const plan = await planDayAhead({ day, pricesEurPerMwh: dayPrices, sessions: [session], sites: [site('site', 100)] });
    expect(Array.from(plan.sessionPowerKw[0]).map((p) => Math.round(p * 1e6) / 1e6)).toEqual([0, 0, 11, 0]);
    expect(plan.siteNetLoadKw[0]).toHaveLength(ispCount);
    expect(plan.siteNetLoadKw[0][ispCount - 2]).toBeCloseTo(11, 6);
    // A 96-price series does not fit a DST day.
    await expect(planDayAhead({ day, pricesEurPerMwh: new Float64Array(96), sessions: [session], sites: [site('site', 100)] })).rejects.toThrow(DayAheadModelError);
  });

  it('refuses a session that runs past the delivery day', async () => {
    const session = ev({ id: 'overnight', fromIsp: 95, isps: 4, needKwh: 1 });
    await expect(planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: DAY_PRICES, sessions: [session], sites: [site('site', 100)] })).rejects.toThrow(DayAheadModelError);
  });

  it('plans a day without choices (no sessions, or only rigid ones) without the solver', async () => {
    const empty = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: DAY_PRICES, sessions: [], sites: [] });
    expect(empty.method).toBe('lp-exact');
    expect(empty.objective.totalEur).toBe(0);
    const rigid = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: DAY_PRICES, sessions: [ev({ id: 'full', fromIsp: 41, isps: 8, needKwh: 22 })], sites: [site('site', 100)] });
    expect(rigid.method).toBe('lp-exact');
    expect(rigid.solverStatus).toBe('empty model');
    for (const p of rigid.sessionPowerKw[0]) expect(p).toBeCloseTo(11, 9);
  });
});
