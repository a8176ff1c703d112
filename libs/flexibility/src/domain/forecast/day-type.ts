import { DateTime } from 'luxon';

import { DeliveryDay, MARKET_TIME_ZONE } from '@vpp/units';

/**
 * Day types the forecast learns separately. `weekday-saturday-sunday` pools Monday to Friday,
 * which gives five times the sample per profile; `per-weekday` keeps each weekday apart (Monday
 * mornings and Friday afternoons differ at workplaces) and needs enough history per weekday.
 * Public holidays are not special-cased: a holiday is typed by its weekday (a known limit).
 */
export type DayTypeScheme = 'weekday-saturday-sunday' | 'per-weekday';
export type DayType = 'weekday' | 'saturday' | 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday';

const WEEKDAY_NAMES: readonly DayType[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** 1 = Monday .. 7 = Sunday (ISO), of the local calendar date. */
export function isoWeekdayOf(day: DeliveryDay): number {
  return DateTime.fromISO(day.isoDate, { zone: MARKET_TIME_ZONE }).weekday;
}

export function dayTypeOf(isoWeekday: number, scheme: DayTypeScheme): DayType {
  const name = WEEKDAY_NAMES[isoWeekday - 1];
  if (scheme === 'per-weekday' || name === 'saturday' || name === 'sunday') return name;
  return 'weekday';
}

/** Wall-clock quarter-hours of a local day: slot k covers [k x 15 min, (k + 1) x 15 min) local. */
export const LOCAL_SLOTS_PER_DAY = 96;

export interface LocalQuarter {
  /** Delivery day (local calendar date) `YYYY-MM-DD`. */
  readonly isoDate: string;
  readonly isoWeekday: number;
  /** 0..95 by local wall clock; both passes of the repeated autumn hour map to the same slots. */
  readonly slot: number;
}

/** Where an instant falls in market time, by wall clock (so DST days line up with normal ones). */
export function localQuarterOf(ms: number): LocalQuarter {
  const local = DateTime.fromMillis(ms, { zone: MARKET_TIME_ZONE });
  return {
    isoDate: local.toISODate() ?? '',
    isoWeekday: local.weekday,
    slot: local.hour * 4 + Math.floor(local.minute / 15),
  };
}

/** For each ISP of the day (index n - 1), its wall-clock slot: 92 ISPs skip 02:00-03:00, 100 repeat it. */
export function slotsOfDay(day: DeliveryDay): Int16Array {
  const startMs = day.start.getTime();
  const slots = new Int16Array(day.ispCount);
  for (let i = 0; i < slots.length; i += 1) slots[i] = localQuarterOf(startMs + i * 900_000).slot;
  return slots;
}
