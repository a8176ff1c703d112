/** Options every case may read: `--sessions N`, `--rows N` (cases pick their own defaults). */
export interface BenchOptions {
  readonly sessions?: number;
  readonly rows?: number;
}

/** One result line (ARCHITECTURE.md section 7); metric names are fixed per case. */
export interface BenchResult {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly reference?: string;
  readonly reference_value?: number;
  readonly [extra: string]: string | number | undefined;
}

/**
 * A benchmark case, discovered by `bench/run.ts` from the `BENCH_CASES` export of every file in
 * `bench/suites/`. Add a case by adding a file; `run.ts` needs no change.
 */
export interface BenchCase {
  readonly suite: string;
  readonly name: string;
  run(options: BenchOptions, emit: (result: BenchResult) => void): Promise<void>;
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  // maxRSS is in kilobytes.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
