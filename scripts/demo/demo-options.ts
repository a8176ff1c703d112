import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DeliveryDay } from '@vpp/units';

export interface DemoOptions {
  readonly day: DeliveryDay;
  readonly sessionsPath: string;
  readonly pricesPath: string;
}

// 2019-03-31 is the spring DST day: 92 ISPs and a 3-hour first block, with real ElaadNL sessions
// and NL day-ahead prices in ../shared/data.
const DEFAULT_DAY = '2019-03-31';

export function demoOptions(dataDir: string, argv: string[] = process.argv.slice(2)): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    options: { day: { type: 'string', default: DEFAULT_DAY }, sessions: { type: 'string' }, prices: { type: 'string' } },
  });
  const day = DeliveryDay.of(values.day ?? DEFAULT_DAY);
  const year = day.isoDate.slice(0, 4);
  return {
    day,
    sessionsPath: resolve(values.sessions ?? `${dataDir}/ev-sessions-elaadnl-2019-01-to-09.csv`),
    pricesPath: resolve(values.prices ?? `${dataDir}/prices-nl-dayahead-${year}.csv`),
  };
}
