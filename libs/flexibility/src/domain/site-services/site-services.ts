import { Decimal } from '@vpp/units';

/**
 * Behind-the-meter services of one site (issue 4 item 7). Keeping under the grid connection
 * limit is always on (it is a constraint, not a service); the rest is chosen per site and is
 * effective-dated: a row holds from its local delivery day until the next row.
 */
export type TariffKind = 'dynamic' | 'time-of-use';
export const TARIFF_KINDS: readonly TariffKind[] = ['dynamic', 'time-of-use'];

export type TouDays = 'all' | 'weekdays' | 'weekend';

/** One row of a time-of-use table: local wall-clock `from` (inclusive) to `to` (exclusive, "24:00" = midnight). */
export interface TouPeriod {
  readonly days: TouDays;
  readonly from: string;
  readonly to: string;
  /** EUR/MWh as a decimal string. */
  readonly priceEurPerMwh: string;
}

export interface SiteServiceSettings {
  readonly siteId: string;
  /** Local delivery day (YYYY-MM-DD) from which these settings apply. */
  readonly effectiveFrom: string;
  /** Shave the monthly peak under a capacity tariff, EUR per kW of monthly peak. */
  readonly capacityTariffEurPerKwMonth: Decimal | null;
  /** 96 kW values, one per local wall-clock quarter: PV production (self-consumption). */
  readonly pvProfileKw: readonly Decimal[] | null;
  /** 96 kW values: uncontrolled site load besides the EVs. */
  readonly baseLoadProfileKw: readonly Decimal[] | null;
  readonly tariff: { readonly kind: 'dynamic' } | { readonly kind: 'time-of-use'; readonly periods: readonly TouPeriod[] };
}

export const QUARTERS_PER_DAY = 96;

export class SiteServicesError extends Error {
  readonly code = 'SITE_SERVICES_INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'SiteServicesError';
  }
}

const CLOCK = /^([01]\d|2[0-3]):(00|15|30|45)$|^24:00$/;

/** Quarter index (0..96) of a local wall-clock "HH:MM" on a quarter boundary. */
export function quarterOf(clock: string): number {
  if (!CLOCK.test(clock)) throw new SiteServicesError(`"${clock}" is not a quarter-hour wall-clock time HH:MM`);
  const [hours, minutes] = clock.split(':');
  return Number.parseInt(hours, 10) * 4 + Number.parseInt(minutes, 10) / 15;
}

/**
 * Checks a settings row: profiles of 96 non-negative values, and a time-of-use table that gives
 * every quarter of a weekday and of a weekend day exactly one price.
 */
export function validateSiteServices(settings: SiteServiceSettings): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(settings.effectiveFrom)) throw new SiteServicesError('effectiveFrom must be a date YYYY-MM-DD');
  if (settings.capacityTariffEurPerKwMonth?.isNegative()) throw new SiteServicesError('capacity tariff must not be negative');
  for (const [name, profile] of [['pvProfileKw', settings.pvProfileKw], ['baseLoadProfileKw', settings.baseLoadProfileKw]] as const) {
    if (profile === null) continue;
    if (profile.length !== QUARTERS_PER_DAY) throw new SiteServicesError(`${name} needs ${QUARTERS_PER_DAY} values (one per local quarter), got ${profile.length}`);
    if (profile.some((kw) => kw.isNegative())) throw new SiteServicesError(`${name} values must not be negative`);
  }
  if (settings.tariff.kind === 'time-of-use') {
    for (const dayKind of ['weekdays', 'weekend'] as const) {
      const covered = new Array<number>(QUARTERS_PER_DAY).fill(0);
      for (const period of settings.tariff.periods) {
        const from = quarterOf(period.from);
        const to = quarterOf(period.to);
        if (to <= from) throw new SiteServicesError(`time-of-use period ${period.from}-${period.to} must end after it starts`);
        new Decimal(period.priceEurPerMwh);
        if (period.days !== 'all' && period.days !== dayKind) continue;
        for (let q = from; q < to; q += 1) covered[q] += 1;
      }
      const bad = covered.findIndex((count) => count !== 1);
      if (bad >= 0) {
        throw new SiteServicesError(`time-of-use table gives ${covered[bad]} prices for ${dayKind} quarter ${Math.floor(bad / 4)}:${String((bad % 4) * 15).padStart(2, '0')}; exactly one needed`);
      }
    }
  }
}
