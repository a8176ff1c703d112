import { DateTime } from 'luxon';

import { UnitsError } from '../units-error';

/**
 * The zone of all NL/CE market time: delivery days, blocks and gate closures are local
 * (CET/CEST); instants are stored in UTC.
 */
export const MARKET_TIME_ZONE = 'Europe/Amsterdam';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;

/**
 * Epoch milliseconds of a valid `Date`.
 *
 * @throws UnitsError `INVALID_INSTANT` for non-Dates and invalid Dates.
 */
export function instantMs(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new UnitsError('INVALID_INSTANT', `Not a valid instant: ${String(instant)}`);
  }
  return ms;
}

/** A calendar date (Gregorian, as in the market time zone). */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * The UTC epoch milliseconds of a wall-clock time on a local calendar date in
 * {@link MARKET_TIME_ZONE}.
 *
 * Refuses wall-clock times that do not exist (spring gap) or occur twice (autumn overlap),
 * rather than guessing as luxon would (it shifts gaps forward and picks the later offset).
 *
 * @throws UnitsError `NONEXISTENT_LOCAL_TIME` or `AMBIGUOUS_LOCAL_TIME`.
 */
export function localWallClockToMs(date: CalendarDate, hour: number, minute: number): number {
  const local = DateTime.fromObject({ ...date, hour, minute }, { zone: MARKET_TIME_ZONE });
  const label = `${formatCalendarDate(date)} ${pad2(hour)}:${pad2(minute)} ${MARKET_TIME_ZONE}`;
  if (!local.isValid || local.hour !== hour || local.minute !== minute) {
    throw new UnitsError('NONEXISTENT_LOCAL_TIME', `Local time does not exist: ${label}`);
  }
  const ms = local.toMillis();
  if ([ms - MS_PER_HOUR, ms + MS_PER_HOUR].some((other) => sameWallClock(other, local))) {
    throw new UnitsError('AMBIGUOUS_LOCAL_TIME', `Local time occurs twice: ${label}`);
  }
  return ms;
}

/** The local calendar date of an instant in {@link MARKET_TIME_ZONE}. */
export function localCalendarDateOf(ms: number): CalendarDate {
  const local = DateTime.fromMillis(ms, { zone: MARKET_TIME_ZONE });
  return { year: local.year, month: local.month, day: local.day };
}

/** `YYYY-MM-DD`. */
export function formatCalendarDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function sameWallClock(ms: number, local: DateTime): boolean {
  const other = DateTime.fromMillis(ms, { zone: MARKET_TIME_ZONE });
  return other.hasSame(local, 'day') && other.hour === local.hour && other.minute === local.minute;
}
