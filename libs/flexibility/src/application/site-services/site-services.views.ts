import type { SiteServiceSettings, TouPeriod } from '../../domain/site-services/site-services';

/** A site's services as the API shows them: grid-limit is always on; decimals as strings. */
export interface SiteServicesView {
  readonly siteId: string;
  readonly effectiveFrom: string;
  readonly services: readonly ('grid-limit' | 'peak-shaving' | 'pv-self-consumption' | 'dynamic-prices' | 'time-of-use')[];
  readonly capacityTariffEurPerKwMonth: string | null;
  readonly pvProfileKw: readonly string[] | null;
  readonly baseLoadProfileKw: readonly string[] | null;
  readonly touPeriods: readonly TouPeriod[] | null;
}

export function siteServicesView(settings: SiteServiceSettings): SiteServicesView {
  const services: SiteServicesView['services'][number][] = ['grid-limit'];
  if (settings.capacityTariffEurPerKwMonth) services.push('peak-shaving');
  if (settings.pvProfileKw) services.push('pv-self-consumption');
  services.push(settings.tariff.kind === 'time-of-use' ? 'time-of-use' : 'dynamic-prices');
  return {
    siteId: settings.siteId,
    effectiveFrom: settings.effectiveFrom,
    services,
    capacityTariffEurPerKwMonth: settings.capacityTariffEurPerKwMonth?.toFixed() ?? null,
    pvProfileKw: settings.pvProfileKw?.map((kw) => kw.toFixed()) ?? null,
    baseLoadProfileKw: settings.baseLoadProfileKw?.map((kw) => kw.toFixed()) ?? null,
    touPeriods: settings.tariff.kind === 'time-of-use' ? settings.tariff.periods : null,
  };
}
