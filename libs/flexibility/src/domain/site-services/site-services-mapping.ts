import { Decimal, type DeliveryDay } from '@vpp/units';
import type { DayAheadSite } from '@vpp/optimizer';
import { isWeekend, localQuarterOfIsps } from './local-quarters';
import { quarterOf, type SiteServiceSettings, type TouPeriod } from './site-services';

/** Float64 for the optimiser, exact to the milli-unit: decimals here have at most 3-6 digits. */
export function decimalToFloat(value: Decimal): number {
  return Number.parseInt(value.times(1_000_000).toFixed(0), 10) / 1_000_000;
}

/** A 96-quarter local profile laid on the ISPs of `day` (92, 96 or 100 values). */
export function profileForDay(profile: readonly Decimal[], day: DeliveryDay): Float64Array {
  const quarters = localQuarterOfIsps(day);
  return Float64Array.from(quarters, (q) => decimalToFloat(profile[q]));
}

/** The time-of-use price of every ISP of `day`, EUR/MWh (the table was validated to cover each quarter once). */
export function touPricesForDay(periods: readonly TouPeriod[], day: DeliveryDay): Float64Array {
  const dayKind = isWeekend(day) ? 'weekend' : 'weekdays';
  const applicable = periods.filter((p) => p.days === 'all' || p.days === dayKind);
  const quarters = localQuarterOfIsps(day);
  return Float64Array.from(quarters, (q) => {
    const period = applicable.find((p) => quarterOf(p.from) <= q && q < quarterOf(p.to));
    if (!period) throw new Error(`no time-of-use price for quarter ${q} of ${day.isoDate}`);
    return decimalToFloat(new Decimal(period.priceEurPerMwh));
  });
}

/** Days in the delivery day's calendar month. */
export function daysInMonth(day: DeliveryDay): number {
  const [year, month] = day.isoDate.split('-').map((part) => Number.parseInt(part, 10));
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export interface SiteLimits {
  readonly siteId: string;
  readonly importLimitKw: number;
  readonly exportLimitKw: number;
  /** The connection's physical fuse, when known: the tighter of it and the contract binds. */
  readonly fuseLimitKw: number | null;
}

/**
 * Maps a site's limits and services into the optimiser's site. The capacity tariff is monthly,
 * so the day carries its share (tariff / days in the month) of its peak above the month-to-date
 * peak, which the optimiser already treats as sunk: shaving below it earns nothing.
 */
export function dayAheadSiteOf(limits: SiteLimits, services: SiteServiceSettings | null, day: DeliveryDay, monthToDatePeakKw: number): DayAheadSite {
  const importLimitKw = limits.fuseLimitKw === null ? limits.importLimitKw : Math.min(limits.importLimitKw, limits.fuseLimitKw);
  const exportLimitKw = limits.fuseLimitKw === null ? limits.exportLimitKw : Math.min(limits.exportLimitKw, limits.fuseLimitKw);
  const site: { -readonly [K in keyof DayAheadSite]: DayAheadSite[K] } = { id: limits.siteId, importLimitKw, exportLimitKw };
  if (services?.pvProfileKw) site.pvKw = profileForDay(services.pvProfileKw, day);
  if (services?.baseLoadProfileKw) site.baseLoadKw = profileForDay(services.baseLoadProfileKw, day);
  if (services?.capacityTariffEurPerKwMonth) {
    site.capacityTariffEurPerKw = decimalToFloat(services.capacityTariffEurPerKwMonth) / daysInMonth(day);
    site.monthToDatePeakKw = monthToDatePeakKw;
  }
  return site;
}
