import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DeliveryDay } from '@vpp/units';

export interface MarketDayOptions {
  readonly day: DeliveryDay;
  readonly sessionsPath: string;
  /** Given with --prices; else the NL file of the day's year (or a derived stand-in, see derived-prices.ts). */
  readonly pricesPath: string | null;
  readonly imbalancePath: string | null;
  readonly evs: number;
  readonly outDir: string;
  /** The demo's own database on the DATABASE_URL server, dropped and created afresh by every run. */
  readonly database: string;
}

// A 2019 Wednesday in the ElaadNL file (real NL sessions and day-ahead prices); 2,000 EVs means
// the day's real sessions plus the same weekday of the nearest weeks, replicated (derived_inputs).
export const DEFAULT_DAY = '2019-06-12';
export const DEFAULT_EVS = 2_000;

const USAGE = 'usage: npm run demo -- [--day YYYY-MM-DD] [--sessions FILE] [--prices FILE] [--imbalance FILE] [--evs N] [--out DIR]';

export function marketDayOptions(dataDir: string, argv: string[] = process.argv.slice(2)): MarketDayOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      day: { type: 'string', default: DEFAULT_DAY },
      sessions: { type: 'string' },
      prices: { type: 'string' },
      imbalance: { type: 'string' },
      evs: { type: 'string', default: String(DEFAULT_EVS) },
      out: { type: 'string', default: 'out/demo' },
      database: { type: 'string', default: 'vpp_demo' },
    },
  });
  const evs = Number.parseInt(values.evs ?? String(DEFAULT_EVS), 10);
  if (!Number.isSafeInteger(evs) || evs < 1 || evs > 100_000) throw new Error(`--evs must be a whole number 1..100000\n${USAGE}`);
  return {
    day: DeliveryDay.of(values.day ?? DEFAULT_DAY),
    sessionsPath: resolve(values.sessions ?? `${dataDir}/ev-sessions-elaadnl-2019-01-to-09.csv`),
    pricesPath: values.prices === undefined ? null : resolve(values.prices),
    imbalancePath: values.imbalance === undefined ? null : resolve(values.imbalance),
    evs,
    outDir: resolve(values.out ?? 'out/demo'),
    database: values.database ?? 'vpp_demo',
  };
}
