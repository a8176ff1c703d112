/** Median and p95 (nearest rank) of measured command latencies, in ms. */
export interface LatencySummary {
  readonly count: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

function nearestRank(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function summariseLatencies(samplesMs: readonly number[]): LatencySummary {
  if (samplesMs.length === 0) return { count: 0, medianMs: 0, p95Ms: 0, maxMs: 0 };
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { count: sorted.length, medianMs: nearestRank(sorted, 50), p95Ms: nearestRank(sorted, 95), maxMs: sorted[sorted.length - 1] };
}
