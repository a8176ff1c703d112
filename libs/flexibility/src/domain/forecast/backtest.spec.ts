import { DeliveryDay } from '@vpp/units';

import { BacktestMetric, BacktestResult, backtestSessionForecast } from './backtest';
import type { ForecastOptions } from './forecast-model';
import { sessionAt, times } from './forecast-test-support';

const scope = { kind: 'site', id: 'site-a' } as const;
const exact: Partial<ForecastOptions> = { dayTypeScheme: 'weekday-saturday-sunday', smoothingHalfWidthIsps: 0, minSessionsPerCohort: 1, maxCohortHalfWidthIsps: 0 };
const weekdays = (monday: string) => [0, 1, 2, 3, 4].map((i) => DeliveryDay.of(monday).plusDays(i).isoDate);

function metric(result: BacktestResult, series: BacktestMetric['series'], name: BacktestMetric['metric'], quantile: number): number {
  const found = result.metrics.find((m) => m.series === series && m.metric === name && m.quantile === quantile);
  if (found === undefined) throw new Error(`no ${series} ${name}@${quantile}`);
  return found.value;
}

describe(backtestSessionForecast.name, () => {
  // Training week: one EV per weekday at 08:00 for 8 h. Held-back week: two EVs per weekday for 4 h.
  const history = [
    ...weekdays('2024-06-03').map((day) => sessionAt(day, '08:00', 8, 10)),
    ...weekdays('2024-06-10').flatMap((day) => times(2, () => sessionAt(day, '08:00', 4, 10))),
  ];
  const run = () => backtestSessionForecast({ scope, history, holdoutWeeks: 1, lastDay: DeliveryDay.of('2024-06-16'), options: exact });

  it('holds back the last week and trains on the weeks before, known at the first held-back midnight', () => {
    const result = run();
    expect(result).toMatchObject({ heldBackFrom: '2024-06-10', heldBackTo: '2024-06-16', trainedFrom: '2024-06-03', trainedTo: '2024-06-09', heldBackDays: 7, heldBackSessions: 10 });
    expect(result.knownAt.toISOString()).toBe('2024-06-09T22:00:00.000Z');
  });

  it('scores arrivals per day by hand: forecast 1 on weekdays, 0 at weekends; actual 2 and 0', () => {
    const result = run();
    expect(metric(result, 'arrivals_per_day', 'pinball_loss', 0.1)).toBeCloseTo((5 * 0.1) / 7, 12);
    expect(metric(result, 'arrivals_per_day', 'pinball_loss', 0.5)).toBeCloseTo((5 * 0.5) / 7, 12);
    expect(metric(result, 'arrivals_per_day', 'pinball_loss', 0.9)).toBeCloseTo((5 * 0.9) / 7, 12);
    expect(metric(result, 'arrivals_per_day', 'wape', 0.5)).toBeCloseTo(5 / 10, 12);
    expect(metric(result, 'arrivals_per_day', 'coverage', 0.8)).toBeCloseTo(2 / 7, 12);
    expect(metric(result, 'arrivals_per_day', 'share_below', 0.5)).toBe(0);
  });

  it('scores arrivals per ISP over every ISP of every held-back day', () => {
    const result = run();
    const perIsp = result.metrics.find((m) => m.series === 'arrivals_per_isp' && m.metric === 'wape');
    expect(perIsp?.outcomes).toBe(7 * 96);
    expect(metric(result, 'arrivals_per_isp', 'wape', 0.5)).toBeCloseTo(0.5, 12);
    expect(metric(result, 'arrivals_per_isp', 'pinball_loss', 0.5)).toBeCloseTo(2.5 / (7 * 96), 12);
    expect(metric(result, 'energy_kwh_per_isp', 'wape', 0.9)).toBeCloseTo(50 / 100, 12);
  });

  it('scores dwell per session: every EV left before its P10 departure (4 h against 8 h)', () => {
    const result = run();
    expect(metric(result, 'dwell_h_per_session', 'share_below', 0.1)).toBe(1);
    expect(metric(result, 'dwell_h_per_session', 'pinball_loss', 0.1)).toBeCloseTo(0.9 * 4, 12);
    expect(metric(result, 'dwell_h_per_session', 'pinball_loss', 0.9)).toBeCloseTo(0.1 * 4, 12);
    expect(metric(result, 'dwell_h_per_session', 'coverage', 0.8)).toBe(0);
    expect(metric(result, 'energy_need_kwh_per_session', 'pinball_loss', 0.5)).toBe(0);
  });

  it('is deterministic', () => {
    expect(run()).toEqual(run());
  });

  it('scores a repeating history as perfect', () => {
    const steady = ['2024-06-03', '2024-06-10', '2024-06-17'].flatMap((monday) => weekdays(monday).flatMap((day) => times(3, () => sessionAt(day, '07:30', 9, 12))));
    const result = backtestSessionForecast({ scope, history: steady, holdoutWeeks: 1, lastDay: DeliveryDay.of('2024-06-23'), options: exact });
    for (const m of result.metrics.filter((x) => x.metric === 'pinball_loss' || x.metric === 'wape')) expect(m.value).toBe(0);
    for (const m of result.metrics.filter((x) => x.metric === 'coverage')) expect(m.value).toBe(1);
  });

  it('by default ends the held-back window the day before the last arrival (which may be cut off)', () => {
    const result = backtestSessionForecast({ scope, history: [...history, sessionAt('2024-06-17', '09:00', 1)], holdoutWeeks: 1, options: exact });
    expect(result.heldBackTo).toBe('2024-06-16');
  });
});
