import { Decimal, DeliveryDay } from '@vpp/units';
import { settlementDayPrices, type PublishedPrice } from './settlement-day-prices';

const quarterly = (day: DeliveryDay): PublishedPrice[] => day.isps().map((isp, i) => ({ start: isp.start, priceEurPerMwh: new Decimal(i).minus(10) }));
const hourly = (day: DeliveryDay): PublishedPrice[] => day.isps().filter((_, i) => i % 4 === 0).map((isp, h) => ({ start: isp.start, priceEurPerMwh: new Decimal(h) }));

describe('settlementDayPrices', () => {
  it.each([
    ['2026-03-29', 92],
    ['2026-06-10', 96],
    ['2026-10-25', 100],
  ])('takes every ISP of %s once (%i ISPs), in order, negative prices included', (date, count) => {
    const day = DeliveryDay.of(date);
    const result = settlementDayPrices(day, [...quarterly(day)].reverse());
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect([result.resolutionMinutes, result.isps.length, result.isps[0].priceEurPerMwh.toFixed(), result.isps[count - 1].priceEurPerMwh.toFixed()]).toEqual([15, count, '-10', String(count - 11)]);
    expect(result.isps.map((p) => p.isp.start.getTime())).toEqual(day.isps().map((isp) => isp.start.getTime()));
  });

  it('puts each hourly price on its four ISPs, on a 25-hour day too', () => {
    const day = DeliveryDay.of('2026-10-25');
    const result = settlementDayPrices(day, hourly(day));
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.resolutionMinutes).toBe(60);
    expect(result.isps.map((p) => p.priceEurPerMwh.toFixed()).slice(0, 9)).toEqual(['0', '0', '0', '0', '1', '1', '1', '1', '2']);
    expect(result.isps[99].priceEurPerMwh.toFixed()).toBe('24');
  });

  it('names a missing, a repeated and a foreign interval, and refuses a 24-hour set on the 23-hour day', () => {
    const day = DeliveryDay.of('2026-06-10');
    const prices = quarterly(day);
    const broken = [...prices.slice(1), prices[5], { start: day.end, priceEurPerMwh: new Decimal(1) }];
    const result = settlementDayPrices(day, broken);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.join('\n')).toContain(`given more than once: ${prices[5].start.toISOString()}`);
    expect(problems.join('\n')).toContain(`missing (2026-06-10 has 96 ISPs): ${prices[0].start.toISOString()}`);
    expect(problems.join('\n')).toContain(day.end.toISOString());
    const short = DeliveryDay.of('2026-03-29');
    expect(settlementDayPrices(short, quarterly(day).map((p, i) => ({ ...p, start: new Date(short.start.getTime() + i * 900_000) }))).ok).toBe(false);
    expect(settlementDayPrices(day, []).ok).toBe(false);
    // A quarter hour off the grid (an ISP start + 5 minutes) is foreign.
    const shifted = prices.map((p, i) => (i === 3 ? { ...p, start: new Date(p.start.getTime() + 300_000) } : p));
    expect(settlementDayPrices(day, shifted).ok).toBe(false);
  });
});
