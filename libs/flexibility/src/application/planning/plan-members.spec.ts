import { DeliveryDay } from '@vpp/units';
import type { PlanForecast, PlanLiveSession, PlanSite, SiteControlChannel } from './plan-inputs';
import { ASSUMED_CHANNEL_P95_MS, forecastSubjects, liveSubjects, MIN_LATENCY_SAMPLES, sessionReserveProducts, siteReserveEligibility, siteShareOf } from './plan-members';

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

describe('reserve eligibility of a site before its cars arrive', () => {
  const ocpi = (measured: SiteControlChannel['measured'], party = 'NL*CPA'): SiteControlChannel => ({ channel: 'ocpi', party, measured });
  const ocpp = (measured: SiteControlChannel['measured']): SiteControlChannel => ({ channel: 'ocpp', party: 'NL*depot', measured });

  it('gives no product to a site without a steerable channel (charge points known from history only)', () => {
    expect(siteReserveEligibility([])).toEqual({ products: [], latencyP95Ms: null, basis: 'none', worstChannel: null });
  });

  it('uses the assumed default per channel until measured: OCPI aFRR only, OCPP FCR and aFRR', () => {
    expect(siteReserveEligibility([ocpi(null)])).toEqual({ products: ['afrr'], latencyP95Ms: ASSUMED_CHANNEL_P95_MS.ocpi, basis: 'assumed', worstChannel: 'ocpi NL*CPA' });
    expect(siteReserveEligibility([ocpp(null)]).products).toEqual(['fcr', 'afrr']);
  });

  it('uses a measured p95 once it has enough samples, in either direction', () => {
    const fast = siteReserveEligibility([ocpi({ p95Ms: 12_000, samples: MIN_LATENCY_SAMPLES })]);
    expect(fast).toMatchObject({ products: ['fcr', 'afrr'], latencyP95Ms: 12_000, basis: 'measured' });
    const slow = siteReserveEligibility([ocpp({ p95Ms: 400_000, samples: 50 })]);
    expect(slow).toMatchObject({ products: [], latencyP95Ms: 400_000, basis: 'measured' });
  });

  it('takes the worse of the default and a thin measurement (fewer samples than the minimum)', () => {
    expect(siteReserveEligibility([ocpi({ p95Ms: 5_000, samples: MIN_LATENCY_SAMPLES - 1 })])).toMatchObject({ products: ['afrr'], latencyP95Ms: ASSUMED_CHANNEL_P95_MS.ocpi, basis: 'assumed' });
    expect(siteReserveEligibility([ocpp({ p95Ms: 45_000, samples: 3 })])).toMatchObject({ products: ['afrr'], latencyP95Ms: 45_000, basis: 'assumed' });
  });

  it("follows the site's worst channel (conservative: a cohort's car may land on either)", () => {
    const mixed = siteReserveEligibility([ocpp({ p95Ms: 2_000, samples: 100 }), ocpi({ p95Ms: 90_000, samples: 100 }, 'NL*CPB')]);
    expect(mixed).toEqual({ products: ['afrr'], latencyP95Ms: 90_000, basis: 'measured', worstChannel: 'ocpi NL*CPB' });
  });
});

describe('reserve products of a live session', () => {
  it('follow its measured channel p95 when there is one', () => {
    expect(sessionReserveProducts({ latencyP95Ms: 12_000, controlChannel: 'ocpi' })).toEqual(['fcr', 'afrr']);
    expect(sessionReserveProducts({ latencyP95Ms: 400_000, controlChannel: 'ocpp' })).toEqual([]);
  });

  it("follow its channel's assumed default while unmeasured, as its site's cohorts did", () => {
    expect(sessionReserveProducts({ latencyP95Ms: null, controlChannel: 'ocpi' })).toEqual(siteReserveEligibility([{ channel: 'ocpi', party: null, measured: null }]).products);
    expect(sessionReserveProducts({ latencyP95Ms: null, controlChannel: 'ocpp' })).toEqual(['fcr', 'afrr']);
  });

  it('are none for a session that cannot be steered', () => {
    expect(sessionReserveProducts({ latencyP95Ms: null, controlChannel: null })).toEqual([]);
    expect(sessionReserveProducts({ latencyP95Ms: null })).toEqual([]);
  });
});

describe('forecast cohorts as plan members', () => {
  const arrival = new Date(day.start.getTime() + 8 * 3600_000);
  const forecast: PlanForecast = {
    siteId: 'site',
    forecastId: 'f1',
    source: 'computed',
    knownAt: day.plusDays(-1).start,
    assumptions: [],
    members: [{
      memberId: 'site:site:2027-06-16:33', ispNumber: 33, weight: 2.5, arrival,
      expectedDeparture: new Date(arrival.getTime() + 8 * 3600_000), p10Departure: new Date(arrival.getTime() + 6 * 3600_000),
      energyNeedKwh: { p10: 10, p50: 20, p90: 30 }, maxPowerKw: 11,
    }],
  };
  const products = (channels: SiteControlChannel[] | undefined) => {
    const sites = new Map([['site', { ...site(500, null), controlChannels: channels }]]);
    const subjects = forecastSubjects([forecast], sites, day, forecast.knownAt, 0);
    expect(subjects).toHaveLength(1);
    return subjects[0].member?.eligibleProducts;
  };

  it("serve the products of their site's control channels", () => {
    expect(products([{ channel: 'ocpi', party: 'NL*CPA', measured: null }])).toEqual(['afrr']);
    expect(products([{ channel: 'ocpp', party: 'NL*depot', measured: null }])).toEqual(['fcr', 'afrr']);
  });

  it('serve none at a site whose channels are not known', () => {
    expect(products(undefined)).toEqual([]);
    expect(products([])).toEqual([]);
  });
});
