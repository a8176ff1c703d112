import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase, BenchOptions, BenchResult } from './bench-case';

// `npm run bench -- <suite> [--case <case>] [--sessions N] [--rows N]`: one JSON object per line
// on stdout (ARCHITECTURE.md section 7); progress and notes go to stderr.

function discoverCases(): BenchCase[] {
  const dir = join(__dirname, 'suites');
  const cases: BenchCase[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')).sort()) {
    const loaded = require(join(dir, file)) as { BENCH_CASES?: BenchCase[] }; // eslint-disable-line @typescript-eslint/no-require-imports
    cases.push(...(loaded.BENCH_CASES ?? []));
  }
  return cases;
}

function parseArgs(argv: string[]): { suite: string | undefined; caseName: string | undefined; options: BenchOptions } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      flags.set(arg.slice(2), argv[i + 1] ?? '');
      i += 1;
    } else positional.push(arg);
  }
  const int = (name: string): number | undefined => {
    const raw = flags.get(name);
    if (raw === undefined) return undefined;
    const value = Number.parseInt(raw, 10);
    if (!Number.isInteger(value) || value <= 0 || String(value) !== raw) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
    return value;
  };
  return { suite: positional[0], caseName: flags.get('case'), options: { sessions: int('sessions'), rows: int('rows') } };
}

function listing(cases: BenchCase[]): string {
  const suites = new Map<string, string[]>();
  for (const c of cases) suites.set(c.suite, [...(suites.get(c.suite) ?? []), c.name]);
  return [...suites].map(([suite, names]) => `  ${suite}: ${names.join(', ')}`).join('\n');
}

async function main(): Promise<void> {
  const { suite, caseName, options } = parseArgs(process.argv.slice(2));
  const cases = discoverCases();
  const selected = cases.filter((c) => c.suite === suite && (caseName === undefined || c.name === caseName));
  if (selected.length === 0) {
    process.stderr.write(`unknown suite or case: ${suite ?? '(none)'}${caseName ? ` --case ${caseName}` : ''}\nsuites and cases:\n${listing(cases)}\n`);
    process.exit(2);
  }
  for (const benchCase of selected) {
    const emit = (result: BenchResult): void => {
      process.stdout.write(`${JSON.stringify({ suite: benchCase.suite, case: benchCase.name, ...result })}\n`);
    };
    await benchCase.run(options, emit);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
