import { DateTime } from 'luxon';

import { Decimal } from '../decimal';
import { UnitsError } from '../units-error';
import { Isp, ISP_MS } from './isp';
import {
  CalendarDate,
  MARKET_TIME_ZONE,
  formatCalendarDate,
  instantMs,
  localCalendarDateOf,
  localWallClockToMs,
} from './market-time-zone';
import { TimeRange } from './time-range';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const toInt = (digits: string): number => Number.parseInt(digits, 10);

/**
 * A delivery day: one local calendar day in Europe/Amsterdam, from local midnight to the next
 * local midnight. It has 96 ISPs, 92 on the last Sunday of March (23 h) and 100 on the last
 * Sunday of October (25 h). ISPs are numbered 1..ispCount within the day, as UFTP does.
 */
export class DeliveryDay {
  private constructor(
    private readonly date: CalendarDate,
    private readonly startMs: number,
    private readonly endMs: number,
  ) {}

  /**
   * The day for an ISO calendar date `YYYY-MM-DD`.
   *
   * @throws UnitsError `INVALID_DELIVERY_DAY` for any other format or a date that does not
   *   exist (e.g. `2023-02-29`, `2024-13-01`).
   */
  static of(isoDate: string): DeliveryDay {
    const match = typeof isoDate === 'string' ? ISO_DATE.exec(isoDate) : null;
    const date = match ? { year: toInt(match[1]), month: toInt(match[2]), day: toInt(match[3]) } : undefined;
    if (!date || !DateTime.fromObject(date, { zone: MARKET_TIME_ZONE }).isValid) {
      throw new UnitsError('INVALID_DELIVERY_DAY', `Not a calendar date YYYY-MM-DD: ${JSON.stringify(isoDate)}`);
    }
    return DeliveryDay.fromCalendarDate(date);
  }

  /**
   * The day whose local span contains `instant` (local midnight belongs to the day it starts).
   *
   * @throws UnitsError `INVALID_INSTANT`.
   */
  static containing(instant: Date): DeliveryDay {
    return DeliveryDay.fromCalendarDate(localCalendarDateOf(instantMs(instant)));
  }

  private static fromCalendarDate(date: CalendarDate): DeliveryDay {
    const next = DateTime.fromObject(date, { zone: MARKET_TIME_ZONE }).plus({ days: 1 });
    return new DeliveryDay(
      date,
      localWallClockToMs(date, 0, 0),
      localWallClockToMs({ year: next.year, month: next.month, day: next.day }, 0, 0),
    );
  }

  /** ISO calendar date `YYYY-MM-DD`. */
  get isoDate(): string {
    return formatCalendarDate(this.date);
  }

  /** Local midnight as a UTC instant, e.g. 2024-03-30T23:00:00Z for 2024-03-31. */
  get start(): Date {
    return new Date(this.startMs);
  }

  /** Exclusive end: the next day's local midnight. */
  get end(): Date {
    return new Date(this.endMs);
  }

  get range(): TimeRange {
    return TimeRange.fromMs(this.startMs, this.endMs);
  }

  /** 23, 24 or 25 h. */
  get durationHours(): Decimal {
    return this.range.durationHours;
  }

  /** 92, 96 or 100. */
  get ispCount(): number {
    return (this.endMs - this.startMs) / ISP_MS;
  }

  /** All ISPs of the day in order; `isps()[n - 1]` is ISP number n. */
  isps(): Isp[] {
    return Array.from({ length: this.ispCount }, (_, i) => this.ispAt(i + 1));
  }

  /**
   * 1-based number of `isp` within this day (UFTP numbering): the ISP starting at local
   * midnight is 1; on 2024-03-31 ISP 9 starts at 03:00 local because 02:00-03:00 is skipped.
   *
   * @throws UnitsError `ISP_NOT_IN_DAY`.
   */
  ispNumber(isp: Isp): number {
    const ms = isp.start.getTime();
    if (ms < this.startMs || ms >= this.endMs) {
      throw new UnitsError('ISP_NOT_IN_DAY', `${isp.toString()} is not in delivery day ${this.isoDate}`);
    }
    return (ms - this.startMs) / ISP_MS + 1;
  }

  /**
   * The ISP with 1-based number `n` in this day (inverse of {@link DeliveryDay.ispNumber}).
   *
   * @throws UnitsError `ISP_NUMBER_OUT_OF_RANGE` unless 1 <= n <= ispCount.
   */
  ispAt(n: number): Isp {
    if (!Number.isSafeInteger(n) || n < 1 || n > this.ispCount) {
      throw new UnitsError(
        'ISP_NUMBER_OUT_OF_RANGE',
        `ISP number must be 1..${this.ispCount} on ${this.isoDate}, got ${n}`,
      );
    }
    return Isp.startingAt(new Date(this.startMs + (n - 1) * ISP_MS));
  }

  contains(instant: Date): boolean {
    return this.range.contains(instant);
  }

  /**
   * The UTC instant of a local wall-clock time on this day.
   *
   * @throws UnitsError `NONEXISTENT_LOCAL_TIME` / `AMBIGUOUS_LOCAL_TIME` for times inside a
   *   DST switch (02:00-03:00 on the DST days).
   */
  atLocalTime(hour: number, minute: number): Date {
    return new Date(localWallClockToMs(this.date, hour, minute));
  }

  /** `days` calendar days later (negative: earlier). */
  plusDays(days: number): DeliveryDay {
    if (!Number.isSafeInteger(days)) {
      throw new UnitsError('NOT_A_SAFE_INTEGER', `days must be an integer, got ${days}`);
    }
    const shifted = DateTime.fromObject(this.date, { zone: MARKET_TIME_ZONE }).plus({ days });
    return DeliveryDay.fromCalendarDate({ year: shifted.year, month: shifted.month, day: shifted.day });
  }

  next(): DeliveryDay {
    return this.plusDays(1);
  }

  previous(): DeliveryDay {
    return this.plusDays(-1);
  }

  equals(other: DeliveryDay): boolean {
    return this.startMs === other.startMs;
  }

  /** Chronological comparator. */
  compare(other: DeliveryDay): -1 | 0 | 1 {
    return Math.sign(this.startMs - other.startMs) as -1 | 0 | 1;
  }

  /** `YYYY-MM-DD`. */
  toString(): string {
    return this.isoDate;
  }

  toJSON(): string {
    return this.isoDate;
  }
}
