import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

/** One frequency sample: epoch ms and the deviation from 50 Hz in micro-hertz (exact integers). */
export interface FrequencySample {
  readonly atMs: number;
  readonly deviationMicroHz: number;
}

const NOMINAL_MICRO_HZ = 50_000_000;

/** "49.962967" -> 49962967 µHz without a float parser; null for empty cells and junk. */
export function parseMicroHz(text: string | undefined): number | null {
  if (text === undefined) return null;
  const match = /^(\d{2})(?:\.(\d{1,6})\d*)?$/.exec(text.trim());
  if (!match) return null;
  return Number.parseInt(match[1], 10) * 1_000_000 + Number.parseInt((match[2] ?? '').padEnd(6, '0'), 10);
}

/**
 * Reads a frequency recording in the data/ layout (`timestamp_utc, frequency_hz_phase_a[,
 * frequency_hz_phase_b]`, about 1 s with gaps). Phase a is used, phase b where a is empty;
 * rows with neither are skipped (the recording has gaps; the derivation holds the last value).
 */
export async function readFrequencyRecording(file: string): Promise<FrequencySample[]> {
  const samples: FrequencySample[] = [];
  const parser = createReadStream(file).pipe(parse({ columns: true, skip_empty_lines: true, trim: true }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    const atMs = Date.parse(row.timestamp_utc);
    const microHz = parseMicroHz(row.frequency_hz_phase_a) ?? parseMicroHz(row.frequency_hz_phase_b);
    if (Number.isNaN(atMs) || microHz === null) continue;
    samples.push({ atMs, deviationMicroHz: microHz - NOMINAL_MICRO_HZ });
  }
  return samples;
}
