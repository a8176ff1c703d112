import type { DeliveryDay } from '@vpp/units';
import type { ForecastMember } from '../../domain/forecast';
import type { DayPrices } from '../../domain/planning/day-prices';
import type { RemainingNeed } from '../../domain/planning/remaining-need';
import type { SiteLimits } from '../../domain/site-services/site-services-mapping';
import type { SiteServiceSettings } from '../../domain/site-services/site-services';

/**
 * One way the site's EVSEs are steered, known before its cars arrive: its charge points' protocol
 * (`ocpi` through a CPO party, `ocpp` at a depot) and party, with the fleet's running latency
 * estimate for that channel and party (channel_latency) as known at known_at, null when unmeasured.
 */
export interface SiteControlChannel {
  readonly channel: 'ocpi' | 'ocpp' | 'oem';
  /** `channel_latency.party`, e.g. `NL*ABC`; null when the charge point has no party mapping. */
  readonly party: string | null;
  readonly measured: { readonly p95Ms: number; readonly samples: number } | null;
}

/** A pooled site as the plan sees it (float64: optimisation input). */
export interface PlanSite {
  readonly limits: SiteLimits;
  /**
   * The site's steerable control channels (charge points with protocol `none`, known from history
   * only, have none). Absent or empty: the site's forecast cohorts count for no reserve product.
   */
  readonly controlChannels?: readonly SiteControlChannel[];
  readonly services: SiteServiceSettings | null;
  /** Highest ISP net import of the delivery day's month before known_at, kW (see month-to-date-peak.query). */
  readonly monthToDatePeakKw: number;
  readonly peakSource: 'sessions-measured-power' | 'none';
}

/** A live session with the driver's overrides already applied (issue 3 item 6). */
export interface PlanLiveSession {
  readonly sessionId: string;
  readonly siteId: string;
  readonly arrival: Date;
  readonly departure: Date | null;
  readonly need: RemainingNeed | null;
  /** Where departure and need came from (session/vehicle override, reported). */
  readonly needOrigin: { readonly departure: string; readonly need: string; readonly minSoc: string };
  /** The driver asked for full power now. */
  readonly boostRequestedAt: Date | null;
  readonly evMaxChargeKw: number | null;
  readonly evseMaxKw: number;
  /** Discharge allowed (source, channel, grid code): then EV and EVSE discharge limits. */
  readonly v2g: { readonly evMaxDischargeKw: number; readonly evseMaxDischargeKw: number } | null;
  readonly batteryKwh: number | null;
  readonly socPct: number | null;
  readonly minSocPct: number | null;
  /** Measured command-to-effect p95 of the session's channel and party, ms; null when unmeasured. */
  readonly latencyP95Ms: number | null;
  /** How the session is steered; absent or null when it is not steerable (or not known to the caller). */
  readonly controlChannel?: SiteControlChannel['channel'] | null;
}

export interface PlanForecast {
  readonly siteId: string;
  readonly forecastId: string;
  readonly source: 'stored' | 'computed';
  readonly knownAt: Date;
  readonly members: readonly ForecastMember[];
  readonly assumptions: readonly string[];
}

export interface PlanOptions {
  readonly reserveConfidence: number;
  readonly degradationEurPerKwh: number;
  /** One set for every block of the day, EUR/MW/h. */
  readonly capacityPrices: { readonly fcr: number; readonly afrrUp: number; readonly afrrDown: number };
  /** Labelled as assumed wherever used. */
  readonly capacityPricesNote: string;
}

export interface PlanInputs {
  readonly portfolioId: string;
  readonly day: DeliveryDay;
  readonly knownAt: Date;
  readonly sites: readonly PlanSite[];
  readonly sessions: readonly PlanLiveSession[];
  readonly forecasts: readonly PlanForecast[];
  /** Why a site has no forecast, e.g. no history. */
  readonly forecastNotes: readonly string[];
  readonly marketPrices: DayPrices;
  /** Prequalified MW per reserve product (0 when none). */
  readonly prequalifiedMw: { readonly fcr: number; readonly afrrUp: number; readonly afrrDown: number };
  readonly options: PlanOptions;
}
