import type { DayType, DayTypeScheme } from './day-type';
import type { Quantiles } from './quantiles';

/** The one forecasting method so far; bump the version whenever its arithmetic changes. */
export const SESSION_FORECAST_METHOD = 'empirical-daytype-isp';
export const SESSION_FORECAST_VERSION = 1;

/** One finished session of the history (float64: statistics, never settlement). */
export interface HistoricalSession {
  readonly siteId: string;
  readonly arrivalMs: number;
  readonly departureMs: number;
  /** Energy the session drew: the history's stand-in for the energy need. */
  readonly energyKwh: number;
  /** Highest power the session could draw (measured, or the EVSE's rating when the source has none). */
  readonly maxPowerKw: number;
}

/** What a forecast is for: one site, or a portfolio / fleet (a set of sites whose arrivals add up). */
export interface ForecastScope {
  readonly kind: 'site' | 'portfolio' | 'fleet';
  readonly id: string;
}

/** Arrivals in one ISP of the forecast day and what they will need. */
export interface ForecastCohort {
  /** 1-based ISP number within the delivery day (UFTP numbering). */
  readonly ispNumber: number;
  readonly ispStart: Date;
  /** Mean over history days of the (smoothed) arrivals in this ISP: the weight planners use. */
  readonly expectedArrivals: number;
  /** Quantiles over history days of the arrivals in this ISP. */
  readonly arrivals: Quantiles;
  /** Energy drawn by this ISP's arrivals, per day: mean and quantiles over history days. */
  readonly expectedArrivingEnergyKwh: number;
  readonly arrivingEnergyKwh: Quantiles;
  /** Per session: dwell (hours plugged in) and energy need quantiles over the cohort's history sessions. */
  readonly dwellHours: Quantiles;
  readonly energyNeedKwh: Quantiles;
  /** Median max power of the cohort's history sessions. */
  readonly maxPowerKw: number;
  /** Planned arrival: the middle of the ISP. */
  readonly arrival: Date;
  /** Arrival + median dwell: what the schedule plans on. */
  readonly expectedDeparture: Date;
  /** Arrival + P10 dwell: reserves never count on the EV after this. */
  readonly p10Departure: Date;
  /** History sessions behind the per-session quantiles (after widening the window). */
  readonly sampleSessions: number;
}

export interface SessionForecast {
  readonly method: typeof SESSION_FORECAST_METHOD;
  readonly version: number;
  readonly scope: ForecastScope;
  readonly deliveryDay: string;
  readonly ispCount: number;
  /** The instant the forecast's inputs were known; no later data went in. */
  readonly knownAt: Date;
  /** Training window, delivery days inclusive. */
  readonly trainedFrom: string;
  readonly trainedTo: string;
  readonly dayTypeScheme: DayTypeScheme;
  readonly dayType: DayType;
  /** History days of this day type in the training window. */
  readonly historyDays: number;
  readonly expectedArrivalsPerDay: number;
  readonly arrivalsPerDay: Quantiles;
  readonly expectedEnergyKwhPerDay: number;
  readonly energyKwhPerDay: Quantiles;
  /** One per ISP of the day, in order (92, 96 or 100). */
  readonly cohorts: readonly ForecastCohort[];
  /** Anything assumed rather than learned (e.g. a default max power), to repeat in every output. */
  readonly assumptions: readonly string[];
}
