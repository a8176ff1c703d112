import { DeliveryDay } from '@vpp/units';
import type { PlanInputs, PlanLiveSession, PlanSite } from './plan-inputs';
import { planPortfolioDay } from './portfolio-day-planner';

const day = DeliveryDay.of('2027-06-16'); // CEST
const knownAt = new Date('2027-06-16T04:00:00Z');
const ispIndex = (iso: string): number => (new Date(iso).getTime() - day.start.getTime()) / 900_000;

function site(siteId: string, tou: boolean): PlanSite {
  return {
    limits: { siteId, importLimitKw: 50, exportLimitKw: 50, fuseLimitKw: null },
    services: tou
      ? {
          siteId,
          effectiveFrom: '2027-01-01',
          capacityTariffEurPerKwMonth: null,
          pvProfileKw: null,
          baseLoadProfileKw: null,
          // Cheap from 18:00 local (16:00Z).
          tariff: { kind: 'time-of-use', periods: [{ days: 'all', from: '00:00', to: '18:00', priceEurPerMwh: '300' }, { days: 'all', from: '18:00', to: '24:00', priceEurPerMwh: '50' }] },
        }
      : null,
    monthToDatePeakKw: 0,
    peakSource: 'none',
  };
}

function session(sessionId: string, siteId: string, boost = false): PlanLiveSession {
  return {
    sessionId,
    siteId,
    arrival: new Date('2027-06-16T03:00:00Z'),
    departure: new Date('2027-06-16T20:00:00Z'),
    need: { kwh: 11, from: 'energy-need' },
    needOrigin: { departure: 'reported', need: 'reported', minSoc: 'none' },
    boostRequestedAt: boost ? new Date('2027-06-16T03:30:00Z') : null,
    evMaxChargeKw: 11,
    evseMaxKw: 11,
    v2g: null,
    batteryKwh: null,
    socPct: null,
    minSocPct: null,
    latencyP95Ms: null,
  };
}

function inputs(sessions: PlanLiveSession[]): PlanInputs {
  // Market: 20 EUR/MWh in 06:00-07:00Z, 100 otherwise.
  const market = Float64Array.from(day.isps(), (isp) => (isp.start.getUTCHours() === 6 ? 20 : 100));
  return {
    portfolioId: 'p',
    day,
    knownAt,
    sites: [site('market-site', false), site('tou-site', true)],
    sessions,
    forecasts: [],
    forecastNotes: [],
    marketPrices: { pricesEurPerMwh: market, source: 'day-ahead', note: 'test prices' },
    prequalifiedMw: { fcr: 0, afrrUp: 0, afrrDown: 0 },
    options: { reserveConfidence: 0.9, degradationEurPerKwh: 0, capacityPrices: { fcr: 0, afrrUp: 0, afrrDown: 0 }, capacityPricesNote: 'assumed: none' },
  };
}

describe('planPortfolioDay', () => {
  it('plans a time-of-use site on its own tariff and the others on market prices (hand-checked: each 11 kWh in its cheapest hour)', async () => {
    const plan = await planPortfolioDay(inputs([session('on-market', 'market-site'), session('on-tou', 'tou-site')]));
    const byRef = new Map(plan.subjects.map((s) => [s.ref, s.powerKw]));
    const market = byRef.get('on-market')!;
    const tou = byRef.get('on-tou')!;
    for (let k = ispIndex('2027-06-16T06:00:00Z'); k < ispIndex('2027-06-16T07:00:00Z'); k += 1) expect(market[k]).toBeCloseTo(11, 6);
    expect(market.reduce((sum, kw) => sum + kw * 0.25, 0)).toBeCloseTo(11, 6);
    const touEnergyAfter16 = tou.slice(ispIndex('2027-06-16T16:00:00Z')).reduce((sum, kw) => sum + kw * 0.25, 0);
    expect(touEnergyAfter16).toBeCloseTo(11, 6);
    expect(plan.inputsSummary).toMatchObject({ priceGroups: 2, plannedSessions: 2, boosts: 0 });
  });

  it('keeps a boost at full power from known_at whatever the prices, outside the optimiser', async () => {
    const plan = await planPortfolioDay(inputs([session('boosted', 'market-site', true)]));
    const boost = plan.subjects.find((s) => s.ref === 'boosted')!;
    expect(boost.kind).toBe('boost');
    const from = ispIndex('2027-06-16T04:00:00Z');
    expect(Array.from(boost.powerKw.slice(from, from + 5))).toEqual([11, 11, 11, 11, 0]);
    expect(plan.method).toBe('nothing-to-optimise');
    expect(Array.from(plan.portfolio.plannedKw.slice(from, from + 5))).toEqual([11, 11, 11, 11, 0]);
  });
});
