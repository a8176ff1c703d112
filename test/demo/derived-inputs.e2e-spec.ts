import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { DeliveryDay } from '@vpp/units';
import { dayMarketData } from '../../scripts/demo/derived-market-data';
import { dayPrices } from '../../scripts/demo/derived-prices';
import { deriveDay, readSessionIndex } from '../../scripts/demo/derived-sessions';

// The demo's derived-inputs rule (issue 8 item 1) on small hand-made files: pure file reading, no services.
const dir = mkdtempSync(join(tmpdir(), 'vpp-demo-derived-'));
const local = (instant: Date): string => DateTime.fromJSDate(instant, { zone: 'Europe/Amsterdam' }).toFormat('ccc yyyy-MM-dd HH:mm');

function canonicalFile(rows: [id: string, arrival: string, departure: string, kwh: string][]): string {
  const path = join(dir, `sessions-${rows.length}-${rows[0][0]}.csv`);
  writeFileSync(path, ['session_id,site_id,arrival_utc,departure_utc,energy_kwh,max_power_kw', ...rows.map(([id, a, d, kwh]) => `${id},site-1,${a},${d},${kwh},11`)].join('\n'));
  return path;
}

describe('demo derived inputs', () => {
  // Wednesdays 2019-03-20 and 2019-04-03 (CET, then CEST) and Thursday 2019-03-28; the target is Wednesday 2019-03-27 (CET).
  const path = canonicalFile([
    ['own', '2019-03-27T07:00:00Z', '2019-03-27T09:00:00Z', '10'],
    ['week-before', '2019-03-20T17:30:00Z', '2019-03-20T20:00:00Z', '8'],
    ['week-after', '2019-04-03T06:15:00Z', '2019-04-03T08:15:00Z', '6'],
    ['thursday', '2019-03-28T08:00:00Z', '2019-03-28T10:00:00Z', '5'],
  ]);

  it('keeps the day\'s own sessions, then moves same-weekday sessions of the nearest weeks onto the day at their local time', async () => {
    const derived = deriveDay(await readSessionIndex(path), DeliveryDay.of('2019-03-27'), 3);
    expect([derived.original, derived.moved, derived.replicated]).toEqual([1, 2, 0]);
    expect(derived.movedFrom).toEqual(['2019-03-20', '2019-04-03']);
    expect(derived.sessions.map((s) => [s.sessionId, local(s.arrival), s.departure.getTime() - s.arrival.getTime()])).toEqual([
      ['own', 'Wed 2019-03-27 08:00', 2 * 3_600_000],
      // 18:30 CET stays 18:30; 08:15 CEST a week later becomes 08:15 CET on the day (local time kept, dwell kept).
      ['week-before@2019-03-27', 'Wed 2019-03-27 18:30', 2.5 * 3_600_000],
      ['week-after@2019-03-27', 'Wed 2019-03-27 08:15', 2 * 3_600_000],
    ]);
  });

  it('replicates onto other EVSEs when the file holds too few sessions of that weekday, and never uses another weekday', async () => {
    const derived = deriveDay(await readSessionIndex(path), DeliveryDay.of('2019-03-27'), 7);
    expect([derived.sessions.length, derived.replicated]).toEqual([7, 4]);
    expect(derived.sessions.some((s) => s.sessionId.startsWith('thursday'))).toBe(false);
    expect(derived.sessions.slice(3).map((s) => s.sessionId)).toEqual(['own-r1', 'week-before@2019-03-27-r1', 'week-after@2019-03-27-r1', 'own-r2']);
    // The file names no EVSE: each copy gets one of its own.
    expect(derived.sessions.slice(3).map((s) => s.evseId)).toEqual(['own-r1', 'week-before@2019-03-27-r1', 'week-after@2019-03-27-r1', 'own-r2']);
  });

  it('moves a session onto the spring DST day (92 ISPs) at its local time, and refuses a weekday the file never has', async () => {
    // Sunday 2019-03-24 10:00 CET; the target Sunday 2019-03-31 is in CEST from 03:00.
    const sundays = canonicalFile([['sunday', '2019-03-24T09:00:00Z', '2019-03-24T12:00:00Z', '20']]);
    const derived = deriveDay(await readSessionIndex(sundays), DeliveryDay.of('2019-03-31'), 1);
    expect(derived.sessions.map((s) => [local(s.arrival), s.arrival.toISOString()])).toEqual([['Sun 2019-03-31 10:00', '2019-03-31T08:00:00.000Z']]);
    await expect(readSessionIndex(path).then((index) => deriveDay(index, DeliveryDay.of('2019-03-31'), 1))).rejects.toThrow('no usable session on a Sunday');
  });

  it('stands the DE-LU 15-minute series in for NL after 2025-10-01 and says so', () => {
    const prices = dayPrices(DeliveryDay.of('2025-10-15'), join(__dirname, '../../../shared/data'), dir, null);
    expect(prices.series.resolutionMinutes).toBe(15);
    expect(prices.series.missingIsps(DeliveryDay.of('2025-10-15'))).toEqual([]);
    expect(prices.series.missingIsps(DeliveryDay.of('2025-10-08'))).toEqual([]);
    expect(prices.derived).toContain('DE-LU series stands in');
    expect(prices.source).toContain('prices-delu-dayahead-exaa-15min-2023.csv');
  });

  it('stands the NL imbalance price in for the aFRR energy activation price: up = short, down = long, labelled DERIVED', () => {
    const dataDir = join(__dirname, '../../../shared/data');
    const market = dayMarketData(dataDir, DeliveryDay.of('2023-06-28'));
    expect(market.afrrEnergyPrices).toHaveLength(96);
    // The file's first ISP of the day (regulation state 2: long 76.76, short 90.64) and 18:00 local (one price).
    const first = market.afrrEnergyPrices[0];
    expect([first.ispStart.toISOString(), first.upEurPerMwh.toFixed(), first.downEurPerMwh.toFixed()]).toEqual(['2023-06-27T22:00:00.000Z', '90.64', '76.76']);
    const evening = market.afrrEnergyPrices.find((p) => p.ispStart.toISOString() === '2023-06-28T16:00:00.000Z');
    expect([evening?.upEurPerMwh.toFixed(), evening?.downEurPerMwh.toFixed()]).toEqual(['101.56', '101.56']);
    expect(market.derivedAfrrEnergy).toContain('aFRR energy activation price DERIVED');
    // A day the file does not cover takes the nearest covered same weekday, and says so.
    const later = dayMarketData(dataDir, DeliveryDay.of('2025-10-15'));
    expect(later.afrrEnergyPrices).toHaveLength(96);
    expect(later.afrrEnergyPrices[0].source).toMatch(/of 2023-\d{2}-\d{2} moved onto 2025-10-15$/);
  });

  it('uses the real NL prices where they cover the day and the week before', () => {
    const prices = dayPrices(DeliveryDay.of('2019-06-12'), join(__dirname, '../../../shared/data'), dir, null);
    expect(prices.derived).toBeNull();
    expect(prices.source).toContain('prices-nl-dayahead-2019.csv');
  });
});
