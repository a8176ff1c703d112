import { DeliveryDay } from '@vpp/units';

import { forecastDay } from './forecast-day';
import { forecastMembers } from './forecast-members';
import { ForecastError, ForecastOptions, trainForecastModel } from './forecast-model';
import { forecastSessions, historyOfSites } from './forecast-sessions';
import { sessionAt, times } from './forecast-test-support';
import type { HistoricalSession, SessionForecast } from './session-forecast';

const scope = { kind: 'site', id: 'site-a' } as const;
/** No spreading, no widening: every figure below is checkable by hand. */
const exact: Partial<ForecastOptions> = { dayTypeScheme: 'weekday-saturday-sunday', smoothingHalfWidthIsps: 0, minSessionsPerCohort: 1, maxCohortHalfWidthIsps: 0 };

function train(history: HistoricalSession[], from: string, to: string, options: Partial<ForecastOptions> = exact, knownAt?: Date) {
  const trainTo = DeliveryDay.of(to);
  return trainForecastModel({ scope, history, trainFrom: DeliveryDay.of(from), trainTo, knownAt: knownAt ?? trainTo.end, options });
}

const cohortAt = (forecast: SessionForecast, isoDate: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map((p) => Number.parseInt(p, 10));
  const start = DeliveryDay.of(isoDate).atLocalTime(h, m).getTime();
  const cohort = forecast.cohorts.find((c) => c.ispStart.getTime() === start);
  if (cohort === undefined) throw new Error(`no ISP at ${hhmm}`);
  return cohort;
};

// 2024-06-03 is a Monday; the week 06-03..06-07 gives 0, 1, 2, 3, 4 arrivals at 08:00.
const week = ['2024-06-03', '2024-06-04', '2024-06-05', '2024-06-06', '2024-06-07'];
const rampHistory = week.flatMap((day, i) => times(i, () => sessionAt(day, '08:05', 8, 10)));

describe('arrivals per ISP and day type', () => {
  it('gives the empirical quantiles of the 08:00 arrivals over the weekdays (0..4: P10 0.4, P50 2, P90 3.6, mean 2)', () => {
    const forecast = forecastDay(train(rampHistory, '2024-06-03', '2024-06-09'), DeliveryDay.of('2024-06-10'));
    const c = cohortAt(forecast, '2024-06-10', '08:00');
    expect(forecast.dayType).toBe('weekday');
    expect(forecast.historyDays).toBe(5);
    expect(c.ispNumber).toBe(33);
    expect(c.expectedArrivals).toBeCloseTo(2, 12);
    expect(c.arrivals.p10).toBeCloseTo(0.4, 12);
    expect(c.arrivals.p50).toBeCloseTo(2, 12);
    expect(c.arrivals.p90).toBeCloseTo(3.6, 12);
    expect(c.expectedArrivingEnergyKwh).toBeCloseTo(20, 12);
    expect(forecast.arrivalsPerDay.p50).toBeCloseTo(2, 12);
    expect(cohortAt(forecast, '2024-06-10', '08:15').expectedArrivals).toBe(0);
  });

  it('keeps Saturdays and Sundays apart from weekdays', () => {
    const history = [...rampHistory, ...times(6, () => sessionAt('2024-06-08', '11:00', 3))];
    const model = train(history, '2024-06-03', '2024-06-09');
    const saturday = forecastDay(model, DeliveryDay.of('2024-06-15'));
    const sunday = forecastDay(model, DeliveryDay.of('2024-06-16'));
    expect(saturday.dayType).toBe('saturday');
    expect(cohortAt(saturday, '2024-06-15', '11:00').expectedArrivals).toBe(6);
    expect(cohortAt(saturday, '2024-06-15', '08:00').expectedArrivals).toBe(0);
    expect(sunday.expectedArrivalsPerDay).toBe(0);
    expect(cohortAt(forecastDay(model, DeliveryDay.of('2024-06-10')), '2024-06-10', '11:00').expectedArrivals).toBe(0);
  });

  it('auto uses one profile per weekday once every weekday has enough days, else weekday/Saturday/Sunday', () => {
    const history = [...times(2, () => sessionAt('2024-06-03', '07:00', 9)), sessionAt('2024-06-04', '07:00', 9)];
    const perWeekday = train(history, '2024-06-03', '2024-06-09', { ...exact, dayTypeScheme: 'auto', minDaysPerWeekday: 1 });
    const pooled = train(history, '2024-06-03', '2024-06-09', { ...exact, dayTypeScheme: 'auto', minDaysPerWeekday: 2 });
    const monday = DeliveryDay.of('2024-06-10');
    expect(perWeekday.dayTypeScheme).toBe('per-weekday');
    expect(forecastDay(perWeekday, monday).dayType).toBe('monday');
    expect(forecastDay(perWeekday, monday).expectedArrivalsPerDay).toBe(2);
    expect(pooled.dayTypeScheme).toBe('weekday-saturday-sunday');
    expect(forecastDay(pooled, monday).expectedArrivalsPerDay).toBeCloseTo(3 / 5, 12);
  });

  it('spreads arrivals over neighbouring ISPs with weights 1, 2, 1 (half-width 1)', () => {
    const history = times(4, () => sessionAt('2024-06-03', '08:05', 8));
    const forecast = forecastDay(train(history, '2024-06-03', '2024-06-03', { ...exact, smoothingHalfWidthIsps: 1 }), DeliveryDay.of('2024-06-10'));
    expect([cohortAt(forecast, '2024-06-10', '07:45'), cohortAt(forecast, '2024-06-10', '08:00'), cohortAt(forecast, '2024-06-10', '08:15')].map((c) => c.expectedArrivals)).toEqual([1, 2, 1]);
    expect(forecast.cohorts.reduce((sum, c) => sum + c.expectedArrivals, 0)).toBeCloseTo(4, 12);
  });
});

describe('dwell, departure and energy need per cohort', () => {
  const history = [
    sessionAt('2024-06-03', '08:01', 2, 4, 7.4),
    sessionAt('2024-06-04', '08:02', 4, 8, 11),
    sessionAt('2024-06-05', '08:03', 6, 12, 11),
    sessionAt('2024-06-06', '08:04', 8, 16, 22),
    sessionAt('2024-06-07', '08:05', 10, 20, 22),
  ];

  it('gives dwell and energy quantiles, and expected / P10 departures from the middle of the ISP', () => {
    const forecast = forecastDay(train(history, '2024-06-03', '2024-06-09'), DeliveryDay.of('2024-06-10'));
    const c = cohortAt(forecast, '2024-06-10', '08:00');
    // dwell 2, 4, 6, 8, 10 h: P10 = 2 + 0.4 x 2 = 2.8, P50 = 6, P90 = 9.2
    expect(c.dwellHours.p10).toBeCloseTo(2.8, 12);
    expect(c.dwellHours.p50).toBeCloseTo(6, 12);
    expect(c.dwellHours.p90).toBeCloseTo(9.2, 12);
    expect(c.energyNeedKwh.p10).toBeCloseTo(5.6, 12);
    expect(c.maxPowerKw).toBe(11);
    expect(c.sampleSessions).toBe(5);
    expect(c.arrival.toISOString()).toBe('2024-06-10T06:07:30.000Z'); // 08:07:30 CEST
    expect(c.expectedDeparture.toISOString()).toBe('2024-06-10T12:07:30.000Z');
    expect(c.p10Departure.toISOString()).toBe('2024-06-10T08:55:30.000Z');
    expect(c.p10Departure.getTime()).toBeLessThanOrEqual(c.expectedDeparture.getTime());
  });

  it('widens the arrival window until it has enough sessions, else takes the whole day type', () => {
    const spread = [sessionAt('2024-06-03', '08:00', 1), sessionAt('2024-06-04', '08:30', 3), sessionAt('2024-06-05', '14:00', 5)];
    const options = { ...exact, minSessionsPerCohort: 2, maxCohortHalfWidthIsps: 2 };
    const forecast = forecastDay(train(spread, '2024-06-03', '2024-06-09', options), DeliveryDay.of('2024-06-10'));
    expect(cohortAt(forecast, '2024-06-10', '08:15').dwellHours.p50).toBeCloseTo(2, 12); // 08:00 and 08:30 within +-2 ISPs
    expect(cohortAt(forecast, '2024-06-10', '08:15').sampleSessions).toBe(2);
    expect(cohortAt(forecast, '2024-06-10', '20:00').sampleSessions).toBe(3); // whole weekday pool
  });

  it('never learns from what was not known: later arrivals are ignored, open sessions give no dwell', () => {
    const knownAt = DeliveryDay.of('2024-06-05').atLocalTime(12, 0);
    const model = train(history, '2024-06-03', '2024-06-07', exact, knownAt);
    const forecast = forecastDay(model, DeliveryDay.of('2024-06-10'));
    const c = cohortAt(forecast, '2024-06-10', '08:00');
    // Days 06-03..06-07 count (5 days), but only 3 arrivals were known; the 06-05 session (6 h) was still plugged in.
    expect(forecast.historyDays).toBe(5);
    expect(c.expectedArrivals).toBeCloseTo(3 / 5, 12);
    expect(c.sampleSessions).toBe(2);
    expect(c.dwellHours.p50).toBeCloseTo(3, 12);
  });
});

describe('DST days (wall-clock alignment)', () => {
  const history = [
    ...times(2, () => sessionAt('2024-03-24', '02:30', 5)), // Sunday before the spring switch, 96 ISPs
    ...times(2, () => sessionAt('2024-03-24', '09:00', 5)),
  ];

  it('lays a Sunday profile on the 92-ISP day: 02:00-03:00 is skipped, 09:00 is ISP 33', () => {
    const forecast = forecastDay(train(history, '2024-03-24', '2024-03-24'), DeliveryDay.of('2024-03-31'));
    expect(forecast.ispCount).toBe(92);
    expect(forecast.cohorts).toHaveLength(92);
    expect(forecast.cohorts[8].ispStart.toISOString()).toBe('2024-03-31T01:00:00.000Z'); // ISP 9 = 03:00 CEST
    expect(forecast.cohorts[8].expectedArrivals).toBe(0);
    expect(cohortAt(forecast, '2024-03-31', '09:00').ispNumber).toBe(33);
    expect(cohortAt(forecast, '2024-03-31', '09:00').expectedArrivals).toBe(2);
  });

  it('gives both passes of the repeated autumn hour the per-ISP rate (100 ISPs)', () => {
    const forecast = forecastDay(train(history, '2024-03-24', '2024-03-24'), DeliveryDay.of('2024-10-27'));
    expect(forecast.ispCount).toBe(100);
    expect(forecast.cohorts).toHaveLength(100);
    // 02:30 local occurs at ISP 11 (CEST, 00:30Z) and ISP 15 (CET, 01:30Z)
    expect(forecast.cohorts[10].ispStart.toISOString()).toBe('2024-10-27T00:30:00.000Z');
    expect(forecast.cohorts[14].ispStart.toISOString()).toBe('2024-10-27T01:30:00.000Z');
    expect(forecast.cohorts[10].expectedArrivals).toBe(2);
    expect(forecast.cohorts[14].expectedArrivals).toBe(2);
    expect(forecast.cohorts[40].ispStart.toISOString()).toBe('2024-10-27T08:00:00.000Z'); // 09:00 CET is ISP 41
    expect(forecast.cohorts[40].expectedArrivals).toBe(2);
  });

  it('learns from a 100-ISP history day at the per-ISP rate: arrivals in the repeated hour count half per slot', () => {
    const first = DeliveryDay.of('2024-10-27').start.getTime() + 10 * 900_000; // 02:30 CEST
    const second = first + 3_600_000; // 02:30 CET
    const autumn = [first, second].map((arrivalMs) => ({ siteId: 'site-a', arrivalMs, departureMs: arrivalMs + 3_600_000, energyKwh: 5, maxPowerKw: 11 }));
    const forecast = forecastDay(train(autumn, '2024-10-27', '2024-10-27'), DeliveryDay.of('2024-11-03'));
    expect(cohortAt(forecast, '2024-11-03', '02:30').expectedArrivals).toBe(1);
    expect(forecast.expectedArrivalsPerDay).toBe(2);
  });
});

describe('forecast members and scopes', () => {
  it('turns cohorts with a positive weight into planning members', () => {
    const forecast = forecastDay(train(rampHistory, '2024-06-03', '2024-06-09'), DeliveryDay.of('2024-06-10'));
    const members = forecastMembers(forecast);
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ memberId: 'site:site-a:2024-06-10:33', ispNumber: 33, weight: 2, maxPowerKw: 11 });
    expect(members[0].p10Departure.getTime()).toBeLessThanOrEqual(members[0].expectedDeparture.getTime());
  });

  it('a portfolio forecast adds its sites per day before taking quantiles', () => {
    const history = [
      ...week.map((day) => sessionAt(day, '08:00', 8, 10, 11, 'a')),
      ...week.map((day) => sessionAt(day, '08:00', 8, 10, 11, 'b')),
      ...week.map((day) => sessionAt(day, '08:00', 8, 10, 11, 'elsewhere')),
    ];
    const forecast = forecastSessions({
      scope: { kind: 'portfolio', id: 'p' },
      history: historyOfSites(history, ['a', 'b']),
      deliveryDay: DeliveryDay.of('2024-06-10'),
      options: exact,
    });
    expect(forecast.knownAt.toISOString()).toBe('2024-06-09T10:00:00.000Z'); // D-1 12:00 CEST
    expect(forecast.trainedTo).toBe('2024-06-08');
    expect(forecast.arrivalsPerDay).toEqual({ p10: 2, p50: 2, p90: 2 });
  });

  it('refuses a day type the window has not seen', () => {
    const model = train(rampHistory, '2024-06-03', '2024-06-07');
    expect(() => forecastDay(model, DeliveryDay.of('2024-06-08'))).toThrow(ForecastError);
  });
});
