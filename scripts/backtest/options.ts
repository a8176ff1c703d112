import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DeliveryDay } from '@vpp/units';

export interface BacktestOptions {
  readonly from: DeliveryDay;
  /** Inclusive. */
  readonly to: DeliveryDay;
  readonly sessionsPath: string;
  /** Given with --prices; else the NL file of each day's year (or a derived stand-in, scripts/demo/derived-prices.ts). */
  readonly pricesPath: string | null;
  /** Sessions per day; null = exactly the sessions the file holds on each day (derived only where it holds none). */
  readonly evs: number | null;
  readonly outDir: string;
  readonly departureRule: DepartureRule;
}

/**
 * What the planner knows of a session's departure at plug-in. `stated`: the driver states its
 * plug-out time (ASSUMED, as the demo's driver-needs stage does), so the planner plans on the
 * actual one. `forecast`: only a departure the file records is declared; the rest are planned on
 * the forecast's expected departure for the arrival cohort, the risk case of drivers who state none.
 */
export const DEPARTURE_RULES = ['stated', 'forecast'] as const;
export type DepartureRule = (typeof DEPARTURE_RULES)[number];

export const USAGE = 'usage: npm run backtest -- --from YYYY-MM-DD --to YYYY-MM-DD [--sessions FILE] [--prices FILE] [--evs N] [--departure stated|forecast] [--out DIR]';
/** A backtest is a sequence of delivery days; more than a year is a mistake rather than a wish. */
export const MAX_DAYS = 366;

export class BacktestUsageError extends Error {}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function day(name: string, text: string | undefined): DeliveryDay {
  if (text === undefined) throw new BacktestUsageError(`--${name} is required\n${USAGE}`);
  if (!ISO_DATE.test(text)) throw new BacktestUsageError(`--${name} must be YYYY-MM-DD, got ${text}\n${USAGE}`);
  try {
    return DeliveryDay.of(text);
  } catch (error) {
    throw new BacktestUsageError(`--${name} ${text}: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

/** The command line of `npm run backtest`, validated (every bad argument is a usage error, nothing runs). */
export function backtestOptions(dataDir: string, argv: string[]): BacktestOptions {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, to: { type: 'string' }, sessions: { type: 'string' }, prices: { type: 'string' }, evs: { type: 'string' }, out: { type: 'string' }, departure: { type: 'string' } },
    }));
  } catch (error) {
    throw new BacktestUsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const from = day('from', values.from);
  const to = day('to', values.to);
  if (to.compare(from) < 0) throw new BacktestUsageError(`--to ${to.isoDate} is before --from ${from.isoDate}\n${USAGE}`);
  // Whole days between the starts (a DST day is 23 or 25 h, so round).
  const count = Math.round((to.start.getTime() - from.start.getTime()) / 86_400_000) + 1;
  if (count > MAX_DAYS) throw new BacktestUsageError(`at most ${MAX_DAYS} days, got ${count}\n${USAGE}`);
  let evs: number | null = null;
  if (values.evs !== undefined) {
    evs = /^\d+$/.test(values.evs) ? Number.parseInt(values.evs, 10) : Number.NaN;
    if (!Number.isSafeInteger(evs) || evs < 1 || evs > 100_000) throw new BacktestUsageError(`--evs must be a whole number 1..100000\n${USAGE}`);
  }
  const departureRule = values.departure ?? 'stated';
  if (!isDepartureRule(departureRule)) throw new BacktestUsageError(`--departure must be ${DEPARTURE_RULES.join(' or ')}, got ${departureRule}\n${USAGE}`);
  return {
    from,
    to,
    sessionsPath: resolve(values.sessions ?? `${dataDir}/ev-sessions-elaadnl-2019-01-to-09.csv`),
    pricesPath: values.prices === undefined ? null : resolve(values.prices),
    evs,
    outDir: resolve(values.out ?? 'out/backtest'),
    departureRule,
  };
}

function isDepartureRule(text: string): text is DepartureRule {
  return (DEPARTURE_RULES as readonly string[]).includes(text);
}
