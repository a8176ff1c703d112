import { SUMMER_DAY, ev, mixedPortfolio, prices, site } from './day-ahead.fixtures';
import { checkSessionPlan } from './plan-evaluation';
import { planDayAhead } from './plan-day-ahead';

describe('grouped day-ahead plan', () => {
  it('splits back so every session keeps its own envelope and target, and matches the exact LP objective', async () => {
    const { sessions, sites, fuses, prices } = mixedPortfolio();
    const input = { day: SUMMER_DAY, pricesEurPerMwh: prices, sessions, sites, fuses };
    const exact = await planDayAhead(input, { method: 'lp-exact' });
    const grouped = await planDayAhead(input, { method: 'lp-grouped' });
    expect(exact.method).toBe('lp-exact');
    expect(grouped.method).toBe('lp-grouped');
    expect(grouped.groups).toBeLessThan(exact.groups);
    sessions.forEach((session, s) => {
      expect({ id: session.id, ...checkSessionPlan(session.envelope, grouped.sessionPowerKw[s]) }).toEqual({
        id: session.id,
        withinBand: true,
        withinTrajectory: true,
        shortfallStoredKwh: 0,
      });
    });
    expect(grouped.slacks).toEqual(exact.slacks);
    expect(grouped.slacks.some((slack) => slack.kind.endsWith('overload'))).toBe(false);
    // The grouped LP relaxes the per-session one, so its own objective is a lower bound.
    expect(grouped.lpObjectiveEur).toBeLessThanOrEqual(exact.lpObjectiveEur + 1e-6);
    const gap = (grouped.objective.totalEur - exact.objective.totalEur) / Math.abs(exact.objective.totalEur);
    expect(gap).toBeGreaterThanOrEqual(-1e-6);
    expect(gap).toBeLessThanOrEqual(0.005);
  });

  it('keeps the depots and their fuse within their limits after the split', async () => {
    const { sessions, sites, fuses, prices } = mixedPortfolio();
    const plan = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: prices, sessions, sites, fuses }, { method: 'lp-grouped' });
    const depotA = plan.siteNetLoadKw[0];
    const depotB = plan.siteNetLoadKw[1];
    for (let t = 0; t < SUMMER_DAY.ispCount; t += 1) {
      expect(depotA[t]).toBeLessThanOrEqual(30 + 1e-6);
      expect(depotB[t]).toBeLessThanOrEqual(30 + 1e-6);
      expect(depotA[t] + depotB[t]).toBeLessThanOrEqual(45 + 1e-6);
    }
  });

  it('plans a session without freedom directly and keeps a V2G session in its own unit', async () => {
    // 'full' needs exactly 11 kW in all 8 ISPs (rigid, at a site that cannot bind); 'v2g' can
    // sell at 300 and buy back at 20 (hand-checked in plan-day-ahead.spec.ts).
    const windowPrices = prices(SUMMER_DAY, 100, 41, [300, 300, 20, 20, 100, 100, 100, 100]);
    const sessions = [
      ev({ id: 'full', siteId: 'cp-1', fromIsp: 41, isps: 8, needKwh: 22 }),
      ev({
        id: 'v2g',
        siteId: 'cp-2',
        fromIsp: 41,
        isps: 4,
        needKwh: 0,
        degradationEurPerKwh: 0.05,
        extra: { battery: { capacityKwh: 60, arrivalSoc: 0.5 }, v2g: { evMaxDischargeKw: 11, evseMaxDischargeKw: 11, minSoc: 0.2 } },
      }),
      ev({ id: 'flexible', siteId: 'cp-1', fromIsp: 41, isps: 8, needKwh: 5.5 }),
    ];
    const plan = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: windowPrices, sessions, sites: [site('cp-1', 22), site('cp-2', 11)] }, { method: 'lp-grouped' });
    expect(plan.groups).toBe(2);
    for (const p of plan.sessionPowerKw[0]) expect(p).toBeCloseTo(11, 9);
    expect(plan.sessionPowerKw[1][0] + plan.sessionPowerKw[1][1]).toBeLessThan(0);
    expect(Array.from(plan.sessionPowerKw[2]).map((p) => Math.round(p * 1e6) / 1e6)).toEqual([0, 0, 11, 11, 0, 0, 0, 0]);
  });
});
