import type { BenchResult } from '../bench-case';

/** One command's round trip, issued -> effect confirmed, in ms. */
export type LatencySamples = readonly number[];

/** Nearest-rank percentile: with fewer than 100 samples, p99 is the slowest command. */
export function percentile(samplesMs: LatencySamples, p: number): number {
  if (samplesMs.length === 0) throw new Error('no latency samples');
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

function rounded(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** A second view of the same commands: the part the platform itself records, e.g. CALL -> CALLRESULT. */
export interface RecordedLatencies {
  /** Field name; each line carries the same percentile of these samples. */
  readonly field: string;
  readonly samplesMs: LatencySamples;
}

/**
 * The first command to a counterparty pays one-off costs (a cold connection pool and code paths, an
 * OAuth token): it is reported on its own as `first_command_ms`, outside the percentiles.
 */
export const WARM_UP_COMMANDS = 1;

/**
 * The three fixed metrics of a channel case for one configured simulator delay, from the samples
 * of `WARM_UP_COMMANDS` + N commands in order; `extra` names the path measured, the delay and
 * what is assumed, repeated on every line so each stands alone.
 */
export function emitLatencies(
  samplesMs: LatencySamples,
  extra: Readonly<Record<string, string | number>>,
  emit: (result: BenchResult) => void,
  recorded?: RecordedLatencies,
): void {
  if (recorded && recorded.samplesMs.length !== samplesMs.length) throw new Error(`${recorded.field}: ${recorded.samplesMs.length} samples for ${samplesMs.length} commands`);
  if (samplesMs.length <= WARM_UP_COMMANDS) throw new Error(`${samplesMs.length} samples: nothing measured after the warm-up`);
  const measured = samplesMs.slice(WARM_UP_COMMANDS);
  const recordedMeasured = recorded?.samplesMs.slice(WARM_UP_COMMANDS);
  for (const p of [50, 95, 99]) {
    emit({
      metric: `latency_p${p}_ms`,
      value: rounded(percentile(measured, p)),
      unit: 'ms',
      commands: measured.length,
      ...(recorded && recordedMeasured ? { [recorded.field]: rounded(percentile(recordedMeasured, p)) } : {}),
      first_command_ms: rounded(samplesMs[0]!),
      ...extra,
    });
  }
}

/**
 * What a channel's counterparty is in this benchmark: a simulator on 127.0.0.1 with a configured
 * delay, not a real CPO, charge point or OEM (none is reachable from here), so the delay is ASSUMED.
 */
export function simulatedCounterparty(kind: string, delayMs: number): string {
  return `ASSUMED: ${kind} simulated on 127.0.0.1 (apps/simulator) with a configured delay of ${delayMs} ms; no real counterparty measured`;
}
