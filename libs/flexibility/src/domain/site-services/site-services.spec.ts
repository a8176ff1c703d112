import { Decimal, DeliveryDay } from '@vpp/units';
import { validateSiteServices, type SiteServiceSettings } from './site-services';
import { pvSelfConsumptionPrices } from './pv-self-consumption';
import { dayAheadSiteOf, daysInMonth, profileForDay, touPricesForDay } from './site-services-mapping';

const profile = (kwOf: (quarter: number) => number): Decimal[] => Array.from({ length: 96 }, (_, q) => new Decimal(kwOf(q)));
const settings = (over: Partial<SiteServiceSettings> = {}): SiteServiceSettings => ({
  siteId: 'site-a',
  effectiveFrom: '2026-01-01',
  capacityTariffEurPerKwMonth: null,
  pvProfileKw: null,
  baseLoadProfileKw: null,
  tariff: { kind: 'dynamic' },
  ...over,
});
const TOU = [
  { days: 'weekdays' as const, from: '00:00', to: '07:00', priceEurPerMwh: '120' },
  { days: 'weekdays' as const, from: '07:00', to: '23:00', priceEurPerMwh: '280.5' },
  { days: 'weekdays' as const, from: '23:00', to: '24:00', priceEurPerMwh: '120' },
  { days: 'weekend' as const, from: '00:00', to: '24:00', priceEurPerMwh: '110' },
];

describe('site services', () => {
  it('lays a 96-quarter local profile on 92, 96 and 100 ISP days by wall clock', () => {
    const byHour = profile((q) => Math.floor(q / 4));
    const spring = profileForDay(byHour, DeliveryDay.of('2026-03-29'));
    const normal = profileForDay(byHour, DeliveryDay.of('2026-06-10'));
    const autumn = profileForDay(byHour, DeliveryDay.of('2026-10-25'));
    expect([spring.length, normal.length, autumn.length]).toEqual([92, 96, 100]);
    expect(Array.from(spring.slice(4, 12))).toEqual([1, 1, 1, 1, 3, 3, 3, 3]); // 02:00-03:00 does not exist
    expect(Array.from(autumn.slice(8, 16))).toEqual([2, 2, 2, 2, 2, 2, 2, 2]); // 02:00-03:00 twice
    expect(normal[95]).toBe(23);
  });

  it('prices each ISP by the time-of-use table of its day kind', () => {
    const weekday = touPricesForDay(TOU, DeliveryDay.of('2026-11-27')); // Friday
    expect([weekday[0], weekday[27], weekday[28], weekday[91], weekday[92]]).toEqual([120, 120, 280.5, 280.5, 120]);
    expect(Array.from(new Set(touPricesForDay(TOU, DeliveryDay.of('2026-11-28'))))).toEqual([110]);
  });

  it('refuses a time-of-use table with a gap or an overlap, and profiles of the wrong length', () => {
    expect(() => validateSiteServices(settings({ tariff: { kind: 'time-of-use', periods: TOU } }))).not.toThrow();
    expect(() => validateSiteServices(settings({ tariff: { kind: 'time-of-use', periods: TOU.slice(1) } }))).toThrow('gives 0 prices for weekdays quarter 0:00');
    expect(() => validateSiteServices(settings({ tariff: { kind: 'time-of-use', periods: [...TOU, { days: 'all', from: '12:00', to: '12:15', priceEurPerMwh: '1' }] } }))).toThrow('gives 2 prices');
    expect(() => validateSiteServices(settings({ pvProfileKw: profile(() => 1).slice(1) }))).toThrow('needs 96 values');
  });

  it("maps limits and services into the optimiser's site: tighter of contract and fuse, the day's share of the capacity tariff", () => {
    const day = DeliveryDay.of('2026-11-27');
    expect(daysInMonth(day)).toBe(30);
    const site = dayAheadSiteOf(
      { siteId: 'site-a', importLimitKw: 50, exportLimitKw: 20, fuseLimitKw: 40 },
      settings({ capacityTariffEurPerKwMonth: new Decimal('4.5'), pvProfileKw: profile((q) => (q >= 40 && q < 64 ? 10 : 0)) }),
      day,
      18.5,
    );
    expect(site.importLimitKw).toBe(40);
    expect(site.exportLimitKw).toBe(20);
    expect(site.capacityTariffEurPerKw).toBeCloseTo(0.15, 12);
    expect(site.monthToDatePeakKw).toBe(18.5);
    expect(site.pvKw?.[40]).toBe(10);
    expect(site.baseLoadKw).toBeUndefined();
  });
});

describe('pvSelfConsumptionPrices', () => {
  it('prices the share of full-power charging that PV surplus covers at the feed-in value', () => {
    const prices = pvSelfConsumptionPrices([100, 100, 100, 100], [0, 5.5, 20, 3], [0, 0, 0, 5], [11, 11, 11, 11], 0);
    expect(Array.from(prices)).toEqual([100, 50, 0, 100]); // no PV; half covered; fully covered; PV below base load
  });
});
