import { unitsErrorCode } from '../test-support/units-error-code';
import { instantMs, localCalendarDateOf, localWallClockToMs } from './market-time-zone';

const iso = (ms: number): string => new Date(ms).toISOString();

describe(localWallClockToMs.name, () => {
  it.each([
    // local date, time -> UTC (CET = UTC+1, CEST = UTC+2)
    [{ year: 2024, month: 1, day: 15 }, 0, 0, '2024-01-14T23:00:00.000Z'],
    [{ year: 2024, month: 6, day: 1 }, 12, 0, '2024-06-01T10:00:00.000Z'],
    // spring day: 01:59 CET is the last minute before the gap, 03:00 CEST the first after
    [{ year: 2024, month: 3, day: 31 }, 1, 59, '2024-03-31T00:59:00.000Z'],
    [{ year: 2024, month: 3, day: 31 }, 3, 0, '2024-03-31T01:00:00.000Z'],
    // autumn day: 01:59 CEST before the doubled hour, 03:00 CET after it
    [{ year: 2024, month: 10, day: 27 }, 1, 59, '2024-10-26T23:59:00.000Z'],
    [{ year: 2024, month: 10, day: 27 }, 3, 0, '2024-10-27T02:00:00.000Z'],
  ])('%j %d:%d local is %s', (date, hour, minute, expected) => {
    expect(iso(localWallClockToMs(date, hour, minute))).toBe(expected);
  });

  it.each([
    [{ year: 2024, month: 3, day: 31 }, 2, 0],
    [{ year: 2024, month: 3, day: 31 }, 2, 59],
    [{ year: 2025, month: 3, day: 30 }, 2, 30],
    [{ year: 2026, month: 3, day: 29 }, 2, 15],
  ])('refuses the nonexistent %j %d:%d', (date, hour, minute) => {
    expect(unitsErrorCode(() => localWallClockToMs(date, hour, minute))).toBe('NONEXISTENT_LOCAL_TIME');
  });

  it.each([
    [{ year: 2024, month: 10, day: 27 }, 2, 0],
    [{ year: 2024, month: 10, day: 27 }, 2, 59],
    [{ year: 2025, month: 10, day: 26 }, 2, 30],
    [{ year: 2026, month: 10, day: 25 }, 2, 45],
  ])('refuses the ambiguous %j %d:%d', (date, hour, minute) => {
    expect(unitsErrorCode(() => localWallClockToMs(date, hour, minute))).toBe('AMBIGUOUS_LOCAL_TIME');
  });
});

describe(localCalendarDateOf.name, () => {
  it.each([
    ['2024-12-31T22:59:59.999Z', { year: 2024, month: 12, day: 31 }],
    ['2024-12-31T23:00:00.000Z', { year: 2025, month: 1, day: 1 }],
    ['2024-10-26T21:59:59.999Z', { year: 2024, month: 10, day: 26 }],
    ['2024-10-26T22:00:00.000Z', { year: 2024, month: 10, day: 27 }],
  ])('%s is local date %j', (instant, expected) => {
    expect(localCalendarDateOf(Date.parse(instant))).toEqual(expected);
  });
});

describe(instantMs.name, () => {
  it('refuses invalid Dates and non-Dates', () => {
    expect(unitsErrorCode(() => instantMs(new Date('not a date')))).toBe('INVALID_INSTANT');
    expect(unitsErrorCode(() => instantMs('2024-01-01T00:00:00Z' as unknown as Date))).toBe('INVALID_INSTANT');
    expect(instantMs(new Date(0))).toBe(0);
  });
});
