import { SUMMER_DAY, mixedPortfolio } from './day-ahead.fixtures';
import { checkSessionPlan } from './plan-evaluation';
import { planDayAhead } from './plan-day-ahead';

describe('greedy fallback', () => {
  it('gives the same plan for the same inputs, every session within its envelope and every limit kept', async () => {
    const { sessions, sites, fuses, prices } = mixedPortfolio();
    const input = { day: SUMMER_DAY, pricesEurPerMwh: prices, sessions, sites, fuses };
    const first = await planDayAhead(input, { method: 'greedy' });
    const second = await planDayAhead({ ...input, sessions: [...sessions], sites: [...sites] }, { method: 'greedy' });
    expect(first.method).toBe('greedy-fallback');
    expect(first.fallbackReason).toBe('greedy requested');
    expect(second.sessionPowerKw.map((p) => Array.from(p))).toEqual(first.sessionPowerKw.map((p) => Array.from(p)));
    expect(second.objective).toEqual(first.objective);
    sessions.forEach((session, s) => {
      expect(checkSessionPlan(session.envelope, first.sessionPowerKw[s])).toEqual({ withinBand: true, withinTrajectory: true, shortfallStoredKwh: 0 });
    });
    expect(first.slacks).toEqual([]);
    for (let t = 0; t < SUMMER_DAY.ispCount; t += 1) expect(first.siteNetLoadKw[0][t] + first.siteNetLoadKw[1][t]).toBeLessThanOrEqual(45 + 1e-9);
  });

  it('costs no less than the LP optimum', async () => {
    const { sessions, sites, fuses, prices } = mixedPortfolio();
    const input = { day: SUMMER_DAY, pricesEurPerMwh: prices, sessions, sites, fuses };
    const greedy = await planDayAhead(input, { method: 'greedy' });
    const exact = await planDayAhead(input, { method: 'lp-exact' });
    expect(greedy.objective.totalEur).toBeGreaterThanOrEqual(exact.objective.totalEur - 1e-6);
  });

  it('takes over when the solver hits its time limit', async () => {
    const { sessions, sites, fuses, prices } = mixedPortfolio();
    const plan = await planDayAhead({ day: SUMMER_DAY, pricesEurPerMwh: prices, sessions, sites, fuses }, { method: 'lp-exact', timeLimitS: 0 });
    expect(plan.method).toBe('greedy-fallback');
    expect(plan.fallbackReason).toMatch(/time-limit/);
    expect(plan.groups).toBe(0);
  });
});
