import type { Quantiles } from './quantiles';
import type { SessionForecast } from './session-forecast';

/**
 * A synthetic session standing for the expected arrivals of one ISP: what the aggregation and the
 * optimiser plan with before real sessions arrive. `weight` is the expected number of EVs (may
 * be fractional); everything else is per EV.
 */
export interface ForecastMember {
  /** Stable within a forecast: `<scope kind>:<scope id>:<delivery day>:<ISP number>`. */
  readonly memberId: string;
  readonly ispNumber: number;
  readonly weight: number;
  readonly arrival: Date;
  /** Plan the energy on this departure... */
  readonly expectedDeparture: Date;
  /** ...but count on the EV for reserves only until this one. */
  readonly p10Departure: Date;
  readonly energyNeedKwh: Quantiles;
  readonly maxPowerKw: number;
}

/**
 * The forecast as planning members for its day, one per ISP with a weight of at least
 * `minWeight` (default: any positive weight). Arrivals of later days do not appear: each day has
 * its own forecast.
 */
export function forecastMembers(forecast: SessionForecast, minWeight = Number.MIN_VALUE): ForecastMember[] {
  return forecast.cohorts
    .filter((c) => c.expectedArrivals >= minWeight)
    .map((c) => ({
      memberId: `${forecast.scope.kind}:${forecast.scope.id}:${forecast.deliveryDay}:${c.ispNumber}`,
      ispNumber: c.ispNumber,
      weight: c.expectedArrivals,
      arrival: c.arrival,
      expectedDeparture: c.expectedDeparture,
      p10Departure: c.p10Departure,
      energyNeedKwh: c.energyNeedKwh,
      maxPowerKw: c.maxPowerKw,
    }));
}
