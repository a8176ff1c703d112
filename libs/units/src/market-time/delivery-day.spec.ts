import { unitsErrorCode } from '../test-support/units-error-code';
import { DeliveryDay } from './delivery-day';
import { Isp } from './isp';

const at = (iso: string): Date => new Date(iso);
const startOfIsp = (day: string, n: number): string => DeliveryDay.of(day).ispAt(n).start.toISOString();

describe(DeliveryDay.name, () => {
  describe('span and ISP count', () => {
    it.each([
      // day, start (local midnight in UTC), end, ISPs, hours
      // 23-hour days (last Sunday of March): CET midnight to CEST midnight
      ['2024-03-31', '2024-03-30T23:00:00.000Z', '2024-03-31T22:00:00.000Z', 92, '23'],
      ['2025-03-30', '2025-03-29T23:00:00.000Z', '2025-03-30T22:00:00.000Z', 92, '23'],
      ['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 92, '23'],
      // 25-hour days (last Sunday of October): CEST midnight to CET midnight
      ['2024-10-27', '2024-10-26T22:00:00.000Z', '2024-10-27T23:00:00.000Z', 100, '25'],
      ['2025-10-26', '2025-10-25T22:00:00.000Z', '2025-10-26T23:00:00.000Z', 100, '25'],
      ['2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 100, '25'],
      // normal days: winter (CET), summer (CEST), the days around the switches, leap day, year end
      ['2024-01-15', '2024-01-14T23:00:00.000Z', '2024-01-15T23:00:00.000Z', 96, '24'],
      ['2024-06-01', '2024-05-31T22:00:00.000Z', '2024-06-01T22:00:00.000Z', 96, '24'],
      ['2024-03-30', '2024-03-29T23:00:00.000Z', '2024-03-30T23:00:00.000Z', 96, '24'],
      ['2024-04-01', '2024-03-31T22:00:00.000Z', '2024-04-01T22:00:00.000Z', 96, '24'],
      ['2024-10-26', '2024-10-25T22:00:00.000Z', '2024-10-26T22:00:00.000Z', 96, '24'],
      ['2024-10-28', '2024-10-27T23:00:00.000Z', '2024-10-28T23:00:00.000Z', 96, '24'],
      ['2024-02-29', '2024-02-28T23:00:00.000Z', '2024-02-29T23:00:00.000Z', 96, '24'],
      ['2024-12-31', '2024-12-30T23:00:00.000Z', '2024-12-31T23:00:00.000Z', 96, '24'],
      ['2025-01-01', '2024-12-31T23:00:00.000Z', '2025-01-01T23:00:00.000Z', 96, '24'],
    ])('%s runs %s to %s: %d ISPs, %s h', (isoDate, start, end, ispCount, hours) => {
      const day = DeliveryDay.of(isoDate);
      expect(day.start.toISOString()).toBe(start);
      expect(day.end.toISOString()).toBe(end);
      expect(day.ispCount).toBe(ispCount);
      expect(day.durationHours.toFixed()).toBe(hours);
      expect(day.isps()).toHaveLength(ispCount);
      expect(day.isps()[0].start.toISOString()).toBe(start);
      expect(day.isps()[ispCount - 1].end.toISOString()).toBe(end);
      expect(day.toString()).toBe(isoDate);
      expect(JSON.stringify(day)).toBe(`"${isoDate}"`);
    });
  });

  describe('ISP numbering (1-based, UFTP)', () => {
    it.each([
      // day, ISP number, start of that ISP in UTC (local time in the comment)
      ['2024-03-31', 1, '2024-03-30T23:00:00.000Z'], // 00:00 CET
      ['2024-03-31', 8, '2024-03-31T00:45:00.000Z'], // 01:45 CET, last ISP before the gap
      ['2024-03-31', 9, '2024-03-31T01:00:00.000Z'], // 03:00 CEST: 02:00-03:00 does not exist
      ['2024-03-31', 92, '2024-03-31T21:45:00.000Z'], // 23:45 CEST
      ['2025-03-30', 9, '2025-03-30T01:00:00.000Z'],
      ['2026-03-29', 9, '2026-03-29T01:00:00.000Z'],
      ['2024-10-27', 1, '2024-10-26T22:00:00.000Z'], // 00:00 CEST
      ['2024-10-27', 9, '2024-10-27T00:00:00.000Z'], // 02:00 CEST, first pass
      ['2024-10-27', 12, '2024-10-27T00:45:00.000Z'], // 02:45 CEST
      ['2024-10-27', 13, '2024-10-27T01:00:00.000Z'], // 02:00 CET, second pass
      ['2024-10-27', 16, '2024-10-27T01:45:00.000Z'], // 02:45 CET
      ['2024-10-27', 17, '2024-10-27T02:00:00.000Z'], // 03:00 CET
      ['2024-10-27', 100, '2024-10-27T22:45:00.000Z'], // 23:45 CET
      ['2025-10-26', 13, '2025-10-26T01:00:00.000Z'],
      ['2026-10-25', 100, '2026-10-25T22:45:00.000Z'],
      ['2024-06-01', 1, '2024-05-31T22:00:00.000Z'],
      ['2024-06-01', 41, '2024-06-01T08:00:00.000Z'], // 10:00 CEST = 40 ISPs after midnight
      ['2024-06-01', 96, '2024-06-01T21:45:00.000Z'],
      ['2024-02-29', 96, '2024-02-29T22:45:00.000Z'],
      ['2024-12-31', 96, '2024-12-31T22:45:00.000Z'], // ends 2024-12-31T23:00Z = 2025-01-01 00:00 CET
      ['2025-01-01', 1, '2024-12-31T23:00:00.000Z'],
    ])('%s ISP %d starts at %s, and back', (isoDate, n, start) => {
      const day = DeliveryDay.of(isoDate);
      expect(startOfIsp(isoDate, n)).toBe(start);
      expect(day.ispNumber(Isp.startingAt(at(start)))).toBe(n);
    });

    it('numbers every ISP of every DST day consistently both ways', () => {
      for (const isoDate of ['2024-03-31', '2024-10-27', '2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25']) {
        const day = DeliveryDay.of(isoDate);
        const isps = day.isps();
        expect(isps.map((isp) => day.ispNumber(isp))).toEqual(isps.map((_, i) => i + 1));
        expect(isps.every((isp, i) => day.ispAt(i + 1).equals(isp))).toBe(true);
        expect(isps.slice(1).every((isp, i) => isp.equals(isps[i].next()))).toBe(true);
      }
    });

    it('ends ISP 96 of 2024-12-31 at 2024-12-31T23:00Z, where 2025-01-01 ISP 1 begins', () => {
      const last = DeliveryDay.of('2024-12-31').ispAt(96);
      expect(last.end.toISOString()).toBe('2024-12-31T23:00:00.000Z');
      expect(last.next().equals(DeliveryDay.of('2025-01-01').ispAt(1))).toBe(true);
    });

    it.each([
      ['2024-03-31', 0],
      ['2024-03-31', 93],
      ['2024-06-01', 97],
      ['2024-10-27', 101],
      ['2024-10-27', -1],
      ['2024-06-01', 1.5],
    ])('%s refuses ISP number %p', (isoDate, n) => {
      expect(unitsErrorCode(() => DeliveryDay.of(isoDate).ispAt(n))).toBe('ISP_NUMBER_OUT_OF_RANGE');
    });

    it.each([
      ['2024-03-31', '2024-03-30T22:45:00Z'],
      ['2024-03-31', '2024-03-31T22:00:00Z'],
      ['2024-12-31', '2024-12-31T23:00:00Z'],
    ])('%s refuses the ISP starting %s (another day)', (isoDate, start) => {
      expect(unitsErrorCode(() => DeliveryDay.of(isoDate).ispNumber(Isp.startingAt(at(start))))).toBe('ISP_NOT_IN_DAY');
    });
  });

  describe('containing', () => {
    it.each([
      // local midnight belongs to the day it starts; 1 ms earlier is the previous day
      ['2024-12-31T23:00:00.000Z', '2025-01-01'],
      ['2024-12-31T22:59:59.999Z', '2024-12-31'],
      ['2024-03-30T23:00:00.000Z', '2024-03-31'],
      ['2024-03-30T22:59:59.999Z', '2024-03-30'],
      ['2024-03-31T21:59:59.999Z', '2024-03-31'],
      ['2024-03-31T22:00:00.000Z', '2024-04-01'],
      ['2024-10-26T22:00:00.000Z', '2024-10-27'],
      ['2024-10-27T01:30:00.000Z', '2024-10-27'],
      ['2024-10-27T22:59:59.999Z', '2024-10-27'],
      ['2024-10-27T23:00:00.000Z', '2024-10-28'],
      ['2024-02-29T12:00:00.000Z', '2024-02-29'],
    ])('%s is in %s', (instant, isoDate) => {
      const day = DeliveryDay.containing(at(instant));
      expect(day.isoDate).toBe(isoDate);
      expect(day.contains(at(instant))).toBe(true);
      expect(day.equals(DeliveryDay.of(isoDate))).toBe(true);
    });

    it('refuses invalid instants', () => {
      expect(unitsErrorCode(() => DeliveryDay.containing(new Date('nope')))).toBe('INVALID_INSTANT');
    });
  });

  describe('parsing', () => {
    it.each([
      '2023-02-29',
      '2100-02-29',
      '2024-02-30',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-1-01',
      '24-01-01',
      '2024-01-01T00:00',
      ' 2024-01-01',
      '2024-01-01 ',
      '2024/01/01',
      '20240101',
      '',
    ])('refuses %j', (text) => {
      expect(unitsErrorCode(() => DeliveryDay.of(text))).toBe('INVALID_DELIVERY_DAY');
    });

    it('accepts leap days of leap years', () => {
      expect(DeliveryDay.of('2000-02-29').isoDate).toBe('2000-02-29');
      expect(DeliveryDay.of('2024-02-29').isoDate).toBe('2024-02-29');
    });
  });

  describe('navigation', () => {
    it.each([
      ['2024-02-28', '2024-02-29', '2024-02-27'],
      ['2024-02-29', '2024-03-01', '2024-02-28'],
      ['2023-02-28', '2023-03-01', '2023-02-27'],
      ['2024-12-31', '2025-01-01', '2024-12-30'],
      ['2025-01-01', '2025-01-02', '2024-12-31'],
      ['2024-03-31', '2024-04-01', '2024-03-30'],
      ['2024-10-27', '2024-10-28', '2024-10-26'],
    ])('%s: next %s, previous %s', (isoDate, next, previous) => {
      const day = DeliveryDay.of(isoDate);
      expect(day.next().isoDate).toBe(next);
      expect(day.previous().isoDate).toBe(previous);
      // consecutive days tile time
      expect(day.next().start.getTime()).toBe(day.end.getTime());
      expect(day.previous().end.getTime()).toBe(day.start.getTime());
    });

    it('moves by whole calendar days across DST and compares', () => {
      const day = DeliveryDay.of('2024-03-25');
      expect(day.plusDays(7).isoDate).toBe('2024-04-01');
      expect(day.plusDays(-366).isoDate).toBe('2023-03-25');
      expect(day.compare(day.next())).toBe(-1);
      expect(day.next().compare(day)).toBe(1);
      expect(day.compare(DeliveryDay.of('2024-03-25'))).toBe(0);
      expect(unitsErrorCode(() => day.plusDays(0.5))).toBe('NOT_A_SAFE_INTEGER');
    });
  });

  describe('atLocalTime', () => {
    it.each([
      ['2024-03-30', 12, 0, '2024-03-30T11:00:00.000Z'],
      ['2024-03-31', 12, 0, '2024-03-31T10:00:00.000Z'],
      ['2024-10-26', 12, 0, '2024-10-26T10:00:00.000Z'],
      ['2024-10-27', 12, 0, '2024-10-27T11:00:00.000Z'],
      ['2024-03-31', 4, 0, '2024-03-31T02:00:00.000Z'],
      ['2024-10-27', 4, 0, '2024-10-27T03:00:00.000Z'],
    ])('%s %d:%d local is %s', (isoDate, hour, minute, expected) => {
      expect(DeliveryDay.of(isoDate).atLocalTime(hour, minute).toISOString()).toBe(expected);
    });

    it('refuses wall-clock times inside the DST switch', () => {
      expect(unitsErrorCode(() => DeliveryDay.of('2024-03-31').atLocalTime(2, 30))).toBe('NONEXISTENT_LOCAL_TIME');
      expect(unitsErrorCode(() => DeliveryDay.of('2024-10-27').atLocalTime(2, 30))).toBe('AMBIGUOUS_LOCAL_TIME');
    });
  });
});
