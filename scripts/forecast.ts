// Forecasts the sessions of a day from a session file and backtests the method on held-back weeks
// of the same file (issue 4 item 3). No database needed.
// Run: npm run forecast -- --file <session csv> [--day YYYY-MM-DD] [--holdout-weeks 4]
//        [--lookback-weeks N] [--site <site id>] [--day-types auto|weekday-saturday-sunday|per-weekday]
//        [--holdout-end YYYY-MM-DD]   (last held-back day; default the day before the last arrival's day)
// Default day: the day after the last arrival in the file, known at D-1 12:00 Europe/Amsterdam.
// Prints a readable summary, then one JSON line per backtest metric.
import { parseArgs } from 'node:util';
import { DeliveryDay } from '@vpp/units';
import {
  DEFAULT_HOLDOUT_WEEKS,
  backtestSessionForecast,
  forecastSessions,
  readSessionFileHistory,
  type BacktestResult,
  type DayTypeScheme,
  type ForecastScope,
  type SessionForecast,
} from '@vpp/flexibility';

const USAGE = 'usage: forecast --file <session csv> [--day YYYY-MM-DD] [--holdout-weeks 4] [--lookback-weeks N] [--site <id>] [--day-types auto|weekday-saturday-sunday|per-weekday] [--holdout-end YYYY-MM-DD]\n';
const SCHEMES = ['auto', 'weekday-saturday-sunday', 'per-weekday'] as const;

interface CliOptions {
  readonly file: string;
  readonly day: DeliveryDay | undefined;
  readonly holdoutWeeks: number;
  readonly holdoutEnd: DeliveryDay | undefined;
  readonly lookbackWeeks: number | undefined;
  readonly site: string | undefined;
  readonly dayTypes: DayTypeScheme | 'auto';
}

function positiveInt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number.parseInt(text, 10);
  return /^\d+$/.test(text) && n > 0 ? n : Number.NaN;
}

function options(): CliOptions {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' }, day: { type: 'string' }, 'holdout-weeks': { type: 'string' }, 'lookback-weeks': { type: 'string' },
      site: { type: 'string' }, 'day-types': { type: 'string' }, 'holdout-end': { type: 'string' },
    },
  });
  const holdoutWeeks = positiveInt(values['holdout-weeks']) ?? DEFAULT_HOLDOUT_WEEKS;
  const lookbackWeeks = positiveInt(values['lookback-weeks']);
  const dayTypes = values['day-types'] ?? 'auto';
  const schemeOk = (SCHEMES as readonly string[]).includes(dayTypes);
  if (values.file === undefined || Number.isNaN(holdoutWeeks) || Number.isNaN(lookbackWeeks) || !schemeOk) {
    process.stderr.write(USAGE);
    process.exit(64);
  }
  return {
    file: values.file,
    day: values.day === undefined ? undefined : DeliveryDay.of(values.day),
    holdoutWeeks,
    holdoutEnd: values['holdout-end'] === undefined ? undefined : DeliveryDay.of(values['holdout-end']),
    lookbackWeeks,
    site: values.site,
    dayTypes: dayTypes as DayTypeScheme | 'auto',
  };
}

const f1 = (x: number): string => x.toFixed(1);
const q3 = (q: { p10: number; p50: number; p90: number }, digits = 1): string => `${q.p10.toFixed(digits)} / ${q.p50.toFixed(digits)} / ${q.p90.toFixed(digits)}`;

function printForecast(forecast: SessionForecast): void {
  const out: string[] = [
    `forecast ${forecast.method} v${forecast.version} for ${forecast.scope.kind} ${forecast.scope.id}, delivery day ${forecast.deliveryDay} (${forecast.ispCount} ISPs)`,
    `  known at ${forecast.knownAt.toISOString()}, trained on ${forecast.trainedFrom}..${forecast.trainedTo}, day type ${forecast.dayType} (${forecast.dayTypeScheme}, ${forecast.historyDays} history days)`,
    `  arrivals per day: expected ${f1(forecast.expectedArrivalsPerDay)}, P10/P50/P90 ${q3(forecast.arrivalsPerDay)}`,
    `  energy per day kWh: expected ${f1(forecast.expectedEnergyKwhPerDay)}, P10/P50/P90 ${q3(forecast.energyKwhPerDay)}`,
    '  ISPs   hour start (UTC)        expected arrivals  dwell h P10/P50/P90   energy need kWh P10/P50/P90   max kW',
  ];
  for (let i = 0; i < forecast.cohorts.length; i += 4) {
    const hour = forecast.cohorts.slice(i, i + 4);
    const arrivals = hour.reduce((sum, c) => sum + c.expectedArrivals, 0);
    const mid = hour[Math.min(1, hour.length - 1)];
    out.push(
      `  ${String(hour[0].ispNumber).padStart(3)}-${String(hour[hour.length - 1].ispNumber).padEnd(3)} ${hour[0].ispStart.toISOString().slice(11, 16)}                   ${arrivals.toFixed(2).padStart(6)}            ${q3(mid.dwellHours).padEnd(20)}  ${q3(mid.energyNeedKwh).padEnd(28)}  ${f1(mid.maxPowerKw)}`,
    );
  }
  for (const assumption of forecast.assumptions) out.push(`  ASSUMED: ${assumption}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function printBacktest(file: string, result: BacktestResult): void {
  process.stdout.write(
    `backtest: held back ${result.heldBackFrom}..${result.heldBackTo} (${result.heldBackDays} days, ${result.heldBackSessions} sessions), trained on ${result.trainedFrom}..${result.trainedTo}\n`,
  );
  const table = new Map<string, string[]>();
  for (const m of result.metrics) {
    const key = m.series;
    const row = table.get(key) ?? [];
    row.push(`${m.metric}@${m.quantile}=${m.value.toFixed(3)}`);
    table.set(key, row);
  }
  for (const [series, row] of table) process.stdout.write(`  ${series.padEnd(28)} ${row.join('  ')}\n`);
  const assumed = result.assumptions.length > 0;
  for (const m of result.metrics) {
    process.stdout.write(
      `${JSON.stringify({
        file, method: result.method, version: result.version, scope: `${result.scope.kind}:${result.scope.id}`,
        held_back: `${result.heldBackFrom}..${result.heldBackTo}`, trained: `${result.trainedFrom}..${result.trainedTo}`,
        series: m.series, metric: m.metric, quantile: m.quantile, value: Math.round(m.value * 1e6) / 1e6, outcomes: m.outcomes,
        ...(assumed ? { assumed: result.assumptions } : {}),
      })}\n`,
    );
  }
}

async function main(): Promise<void> {
  const args = options();
  const started = Date.now();
  const read = await readSessionFileHistory(args.file, args.site === undefined ? undefined : new Set([args.site]));
  const sites = new Set(read.history.map((s) => s.siteId));
  const scope: ForecastScope = args.site === undefined ? { kind: 'portfolio', id: `all ${sites.size} sites of the file` } : { kind: 'site', id: args.site };
  process.stdout.write(`file ${args.file}: layout ${read.format}, ${read.rowsRead} rows, ${read.history.length} usable sessions at ${sites.size} sites, rejected ${JSON.stringify(read.rejected)}\n`);
  const lastArrivalMs = read.history.reduce((max, s) => Math.max(max, s.arrivalMs), Number.NEGATIVE_INFINITY);
  const day = args.day ?? DeliveryDay.containing(new Date(lastArrivalMs)).next();
  const common = { scope, history: read.history, lookbackWeeks: args.lookbackWeeks, options: { dayTypeScheme: args.dayTypes }, assumptions: read.assumptions };
  printForecast(forecastSessions({ ...common, deliveryDay: day }));
  printBacktest(args.file, backtestSessionForecast({ ...common, holdoutWeeks: args.holdoutWeeks, lastDay: args.holdoutEnd }));
  process.stderr.write(`forecast: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`forecast failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
