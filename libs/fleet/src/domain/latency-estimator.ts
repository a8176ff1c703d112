import { FleetError } from './fleet.errors';

/** A running estimate of command-to-effect latency of one channel and party. */
export interface LatencyEstimate {
  readonly sampleCount: number;
  readonly meanMs: number;
  /** Normal approximation: mean + 1.645 standard deviations of the exponentially weighted variance. */
  readonly p95Ms: number;
  readonly lastMs: number;
}

/** Weight of the newest sample: about the last 10 commands dominate, so a CPO that slows down shows within minutes. */
export const LATENCY_EWMA_ALPHA = 0.2;
const Z_95 = 1.645;

/**
 * Folds one measurement into the estimate (exponentially weighted mean and variance, West 1979).
 * Plain floats: a latency statistic, not a settled quantity. The variance is recovered from the
 * stored p95, so the table needs no extra column.
 */
export function updateLatencyEstimate(previous: LatencyEstimate | null, measuredMs: number): LatencyEstimate {
  if (!Number.isFinite(measuredMs) || measuredMs < 0) throw new FleetError('INVALID_LATENCY', `latency ${measuredMs} ms is not a non-negative number`);
  const lastMs = Math.round(measuredMs);
  if (previous === null) return { sampleCount: 1, meanMs: measuredMs, p95Ms: measuredMs, lastMs };
  const sd = Math.max(0, previous.p95Ms - previous.meanMs) / Z_95;
  const diff = measuredMs - previous.meanMs;
  const increment = LATENCY_EWMA_ALPHA * diff;
  const meanMs = previous.meanMs + increment;
  const variance = (1 - LATENCY_EWMA_ALPHA) * (sd * sd + diff * increment);
  return { sampleCount: previous.sampleCount + 1, meanMs, p95Ms: meanMs + Z_95 * Math.sqrt(variance), lastMs };
}
