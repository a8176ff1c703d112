import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryDay } from '@vpp/units';
import { retentionMonthsFor } from '../../scripts/demo/settle-day';
import { dayImbalancePrices } from '../../scripts/demo/settlement-stage';

// The demo's settlement inputs (issue 8 item 1) on small hand-made files: pure file reading, no services.
const dir = mkdtempSync(join(tmpdir(), 'vpp-demo-settlement-'));

/** An imbalance file in the layout of ../shared/data (timestamp_utc, long, short) for whole days, price = ISP number of the day (+ 1000 for short). */
function imbalanceFile(days: string[]): string {
  const lines = ['timestamp_utc,imbalance_price_long_eur_mwh,imbalance_price_short_eur_mwh'];
  for (const iso of days) {
    DeliveryDay.of(iso).isps().forEach((isp, i) => lines.push(`${isp.start.toISOString().replace('.000Z', 'Z')},${i + 1},${i + 1001}`));
  }
  const path = join(dir, `imbalance-${days.join('_')}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('demo settlement inputs', () => {
  it('takes the day\'s own imbalance prices when the file covers the day', () => {
    const found = dayImbalancePrices(imbalanceFile(['2023-06-28']), DeliveryDay.of('2023-06-28'));
    expect(found?.from).toBeNull();
    expect(found?.rows).toHaveLength(96);
    // 2023-06-28 00:00 CEST is 2023-06-27 22:00 UTC: ISP 1; the last is ISP 96.
    expect([found?.rows[0].ispStart.toISOString(), found?.rows[0].long.toString(), found?.rows[0].short.toString()]).toEqual(['2023-06-27T22:00:00.000Z', '1', '1001']);
    expect(found?.rows[95].long.toString()).toBe('96');
  });

  it('moves the nearest covered same weekday onto an uncovered day by local time, also onto a DST day', () => {
    // Sundays 2023-03-19 (96 ISPs) and 2023-03-12; the target Sunday 2023-03-26 has 92 ISPs (02:00-03:00 local does not exist).
    const path = imbalanceFile(['2023-03-12', '2023-03-19', '2023-03-20']);
    const spring = dayImbalancePrices(path, DeliveryDay.of('2023-03-26'));
    expect(spring?.from?.isoDate).toBe('2023-03-19');
    expect(spring?.rows).toHaveLength(92);
    expect(spring?.rows.map((r) => r.ispStart.toISOString())).toEqual(DeliveryDay.of('2023-03-26').isps().map((isp) => isp.start.toISOString()));
    // Local 01:45 is ISP 8 on both days; local 03:00 is ISP 13 of the source and ISP 9 of the target.
    expect([spring?.rows[7].long.toString(), spring?.rows[8].long.toString(), spring?.rows[91].long.toString()]).toEqual(['8', '13', '96']);
    // A Monday is not moved onto a Sunday, and a file with no whole same weekday gives nothing.
    expect(dayImbalancePrices(imbalanceFile(['2023-03-20']), DeliveryDay.of('2023-03-26'))).toBeNull();
  });

  it('keeps the telemetry retention long enough for a past demo day, within the configuration\'s bounds', () => {
    expect(retentionMonthsFor(DeliveryDay.of('2023-06-28'), new Date('2026-11-26T00:00:00Z'))).toBe(43);
    expect(retentionMonthsFor(DeliveryDay.of('2026-11-01'), new Date('2026-11-26T00:00:00Z'))).toBe(13);
    expect(retentionMonthsFor(DeliveryDay.of('2012-01-01'), new Date('2026-11-26T00:00:00Z'))).toBe(120);
  });
});
