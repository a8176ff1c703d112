import { flexibilityEnvelope } from '@vpp/flexibility/domain';
import { DeliveryDay, Isp } from '@vpp/units';
import { DayAheadModelError, DayAheadSession } from './day-ahead-model';
import { SUMMER_DAY, ev, mixedPortfolio, site } from './day-ahead.fixtures';
import { checkSessionPlan } from './plan-evaluation';
import { planDayAhead } from './plan-day-ahead';
import { planHorizon } from './plan-horizon';

const at = (iso: string): Date => new Date(iso);

function session(id: string, arrivalIso: string, departureIso: string, needKwh: number, maxKw = 11): DayAheadSession {
  return {
    id,
    siteId: 'site',
    envelope: flexibilityEnvelope({
      arrival: at(arrivalIso),
      departure: at(departureIso),
      energyNeedKwh: needKwh,
      evMaxPowerKw: maxKw,
      evseMaxPowerKw: maxKw,
      siteShareKw: 1_000,
      chargeEfficiency: 1,
      degradationCostEurPerKwh: 0,
    }),
  };
}

function twoDays(first: DeliveryDay): Isp[] {
  return [...first.isps(), ...first.next().isps()];
}

describe('planHorizon', () => {
  it('plans a session across midnight in the cheap hours after midnight', async () => {
    // 2025-06-10 20:00 local (18:00Z) to 2025-06-11 06:00 local (04:00Z); 22 kWh at 11 kW = 2 h.
    // Prices 100 EUR/MWh except 02:00-04:00 local on the 11th (00:00Z-02:00Z) at 10: all 8 ISPs there.
    const isps = twoDays(SUMMER_DAY);
    const cheapFrom = Date.parse('2025-06-11T00:00:00Z');
    const cheapTo = Date.parse('2025-06-11T02:00:00Z');
    const prices = Float64Array.from(isps, (isp) => (isp.start.getTime() >= cheapFrom && isp.start.getTime() < cheapTo ? 10 : 100));
    const ev1 = session('night', '2025-06-10T18:00:00Z', '2025-06-11T04:00:00Z', 22);
    const plan = await planHorizon({ isps, pricesEurPerMwh: prices, sessions: [ev1], sites: [site('site', 100)] });
    const power = plan.sessionPowerKw[0];
    ev1.envelope.isps.forEach((isp, k) => {
      const cheap = isp.start.getTime() >= cheapFrom && isp.start.getTime() < cheapTo;
      expect(power[k]).toBeCloseTo(cheap ? 11 : 0, 6);
    });
    // 22 kWh at 10 EUR/MWh.
    expect(plan.objective.energyEur).toBeCloseTo(0.22, 9);
    expect(checkSessionPlan(ev1.envelope, power)).toEqual({ withinBand: true, withinTrajectory: true, shortfallStoredKwh: 0 });
    expect(plan.siteNetLoadKw[0]).toHaveLength(192);
  });

  it('keeps the spring-forward gap out of a horizon over 2025-03-30 (92 ISPs) and the next day', async () => {
    // 2025-03-30 has 92 ISPs: 01:00Z is 03:00 CEST, right after the gap. A session 00:00Z-02:00Z
    // (01:00 CET to 04:00 CEST, 2 h of real time = 8 ISPs) with 11 kWh at 11 kW takes the cheapest 4.
    const spring = DeliveryDay.of('2025-03-30');
    const isps = twoDays(spring);
    expect(isps).toHaveLength(92 + 96);
    const prices = Float64Array.from(isps, (isp) => (isp.start.getUTCHours() === 1 ? 5 : 50));
    const ev1 = session('gap', '2025-03-30T00:00:00Z', '2025-03-30T02:00:00Z', 11);
    const plan = await planHorizon({ isps, pricesEurPerMwh: prices, sessions: [ev1], sites: [site('site', 100)] });
    expect(Array.from(plan.sessionPowerKw[0]).map((p) => Math.round(p * 1e6) / 1e6)).toEqual([0, 0, 0, 0, 11, 11, 11, 11]);
    expect(plan.objective.energyEur).toBeCloseTo((11 * 5) / 1000, 9);
  });

  it('plans through the autumn repeated hour (100-ISP day) in real time, across midnight', async () => {
    // 2025-10-26 has 100 ISPs. A session from 2025-10-25 22:00 local (20:00Z) to 2025-10-26 03:00
    // local (02:00Z) is 6 h of real time = 24 ISPs across midnight and through the repeated hour.
    // The cheapest ISPs are the second pass of 02:00-03:00 (01:00Z-02:00Z): 11 kWh fills them.
    const first = DeliveryDay.of('2025-10-25');
    const isps = twoDays(first);
    expect(isps).toHaveLength(96 + 100);
    const prices = Float64Array.from(isps, (isp) => (isp.start.getTime() >= Date.parse('2025-10-26T01:00:00Z') && isp.start.getTime() < Date.parse('2025-10-26T02:00:00Z') ? 1 : 60));
    const ev1 = session('repeat', '2025-10-25T20:00:00Z', '2025-10-26T02:00:00Z', 11);
    expect(ev1.envelope.isps).toHaveLength(24);
    const plan = await planHorizon({ isps, pricesEurPerMwh: prices, sessions: [ev1], sites: [site('site', 100)] });
    const power = Array.from(plan.sessionPowerKw[0]).map((p) => Math.round(p * 1e6) / 1e6);
    expect(power.slice(20)).toEqual([11, 11, 11, 11]);
    expect(power.slice(0, 20).every((p) => p === 0)).toBe(true);
  });

  it('gives the same plan as planDayAhead on a delivery day', async () => {
    const { sessions, sites, fuses, prices } = mixedPortfolio();
    const byDay = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: prices, sessions, sites, fuses });
    const byHorizon = await planHorizon({ isps: SUMMER_DAY.isps(), pricesEurPerMwh: prices, sessions, sites, fuses });
    expect(byHorizon.objective).toEqual(byDay.objective);
    expect(byHorizon.sessionPowerKw).toEqual(byDay.sessionPowerKw);
  });

  it('rejects a horizon with a gap and an envelope outside the horizon', async () => {
    const isps = SUMMER_DAY.isps();
    const gapped = [...isps.slice(0, 10), ...isps.slice(11, 20)];
    const inside = ev({ id: 'a', fromIsp: 1, isps: 4, needKwh: 1 });
    await expect(planHorizon({ isps: gapped, pricesEurPerMwh: new Float64Array(19), sessions: [inside], sites: [site('site', 100)] })).rejects.toThrow(
      DayAheadModelError,
    );
    await expect(planHorizon({ isps: [], pricesEurPerMwh: [], sessions: [], sites: [] })).rejects.toThrow('at least one ISP');
    const late = ev({ id: 'late', fromIsp: 30, isps: 4, needKwh: 1 });
    await expect(planHorizon({ isps: isps.slice(0, 20), pricesEurPerMwh: new Float64Array(20), sessions: [late], sites: [site('site', 100)] })).rejects.toThrow(
      'must lie inside the horizon',
    );
  });
});
