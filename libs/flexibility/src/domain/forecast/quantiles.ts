/**
 * Empirical quantiles and the losses that score them. Forecasting works in float64: these are
 * statistics of history, not settled quantities.
 */

/** The quantile levels every forecast carries. */
export const FORECAST_QUANTILES = [0.1, 0.5, 0.9] as const;
export type ForecastQuantile = (typeof FORECAST_QUANTILES)[number];

export interface Quantiles {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

export const ZERO_QUANTILES: Quantiles = { p10: 0, p50: 0, p90: 0 };

export function quantileValue(quantiles: Quantiles, level: ForecastQuantile): number {
  if (level === 0.1) return quantiles.p10;
  return level === 0.5 ? quantiles.p50 : quantiles.p90;
}

/**
 * Empirical quantile of an ascending sample with linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R and numpy): h = (n - 1) q, result x[floor h] +
 * (h - floor h)(x[floor h + 1] - x[floor h]). Chosen because it is continuous in q and exact on the
 * sample's minimum and maximum. An empty sample has no quantile: NaN.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, n - 1);
  return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
}

/** P10, P50 and P90 of an unsorted sample (it is not modified). */
export function quantilesOf(sample: readonly number[] | Float64Array): Quantiles {
  const sorted = Float64Array.from(sample).sort();
  return { p10: quantileOfSorted(sorted, 0.1), p50: quantileOfSorted(sorted, 0.5), p90: quantileOfSorted(sorted, 0.9) };
}

export function meanOf(sample: readonly number[] | Float64Array): number {
  if (sample.length === 0) return Number.NaN;
  let sum = 0;
  for (const x of sample) sum += x;
  return sum / sample.length;
}

/**
 * Pinball (quantile) loss of forecast `f` at level q for outcome y: q (y - f) when the outcome is
 * above the forecast, (1 - q)(f - y) when below. Its expectation is minimal at the true q-quantile.
 */
export function pinballLoss(q: number, actual: number, forecast: number): number {
  const diff = actual - forecast;
  return diff >= 0 ? q * diff : (q - 1) * diff;
}
