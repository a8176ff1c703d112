import { DeliveryDay } from '@vpp/units';
import type { PlanLiveSession, PlanSite } from './plan-inputs';
import { liveSubjects, siteShareOf } from './plan-members';

const day = DeliveryDay.of('2027-06-16');

function site(importLimitKw: number, fuseLimitKw: number | null): PlanSite {
  return { limits: { siteId: 'site', importLimitKw, exportLimitKw: importLimitKw, fuseLimitKw }, services: null, monthToDatePeakKw: 0, peakSource: 'none' };
}

const session: PlanLiveSession = {
  sessionId: 's1',
  siteId: 'site',
  arrival: new Date(day.start.getTime() + 8 * 3600_000),
  departure: new Date(day.start.getTime() + 16 * 3600_000),
  need: { kwh: 20, from: 'energy-need' },
  needOrigin: { departure: 'session-override', need: 'session-override', minSoc: 'none' },
  boostRequestedAt: null,
  evMaxChargeKw: 7.4,
  evseMaxKw: 11,
  v2g: null,
  batteryKwh: null,
  socPct: null,
  minSocPct: null,
  latencyP95Ms: null,
};

describe('site share of a plan member', () => {
  it('is the tighter of import limit and fuse', () => {
    expect(siteShareOf(site(50, 40), 11)).toBe(40);
    expect(siteShareOf(site(50, null), 11)).toBe(50);
  });

  it("is the EV's own maximum at a site without a grid connection (no limit to keep), never infinite", () => {
    expect(siteShareOf(site(Number.POSITIVE_INFINITY, null), 7.4)).toBe(7.4);
    expect(siteShareOf(undefined, 7.4)).toBe(7.4);
  });

  it('plans a live session at a site without a grid connection instead of failing the plan', () => {
    const sites = new Map([['site', site(Number.POSITIVE_INFINITY, null)]]);
    const { subjects, skipped } = liveSubjects([session], sites, day, session.arrival, 0);
    expect(skipped).toEqual([]);
    expect(subjects).toHaveLength(1);
    expect(subjects[0].kind).toBe('session');
  });
});
