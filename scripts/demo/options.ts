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

// A 2023 Wednesday on which every market of the catalog trades: FCR (from 2020-07-01), aFRR capacity
// (2020-11-03) and energy (2022-06-22), SDAC day-ahead, and GOPACS IDCONS (product terms v2.0 from
// 2023-05-09), with real NL day-ahead and imbalance prices, DE aFRR capacity prices and a real GOPACS
// congestion event (TenneT, 16:00-22:00Z). The ElaadNL sessions are of 2019: the same weekday's are
// moved onto the day, then replicated to 2,000 EVs (derived_inputs says so).
export const DEFAULT_DAY = '2023-06-28';
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
