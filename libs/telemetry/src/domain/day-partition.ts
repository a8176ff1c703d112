/**
 * `meter_values` is partitioned by UTC day on `measured_at`: partition `meter_values_pYYYYMMDD`
 * holds [YYYY-MM-DDT00:00Z, next day 00:00Z). UTC days have 24 hours always, so DST days in
 * Europe/Amsterdam need nothing special here; market time is derived later (libs/units).
 */
export interface DayPartition {
  /** `YYYY-MM-DD`, the UTC day. */
  readonly day: string;
  readonly name: string;
  readonly from: Date;
  readonly to: Date;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
export const METER_VALUES_PARTITION_PREFIX = 'meter_values_p';

export function utcDayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function dayPartition(day: string): DayPartition {
  const match = DAY.exec(day);
  if (match === null) throw new Error(`not a UTC day: ${day}`);
  const from = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(from.getTime()) || utcDayOf(from) !== day) throw new Error(`not a UTC day: ${day}`);
  return { day, name: `${METER_VALUES_PARTITION_PREFIX}${match[1]}${match[2]}${match[3]}`, from, to: new Date(from.getTime() + MS_PER_DAY) };
}

/** The day of a partition table name, or null for a table that is not a day partition. */
export function dayOfPartitionName(name: string): string | null {
  const match = /^meter_values_p(\d{4})(\d{2})(\d{2})$/.exec(name);
  return match === null ? null : `${match[1]}-${match[2]}-${match[3]}`;
}

/** The consecutive UTC days from `from`'s day for `count` days. */
export function daysFrom(from: Date, count: number): string[] {
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  return Array.from({ length: count }, (_, i) => utcDayOf(new Date(start + i * MS_PER_DAY)));
}

/**
 * Raw telemetry older than this instant may be dropped: the start of the UTC day `months`
 * calendar months before `now` (clamped to the month's last day, so 31 March - 1 month is 28/29
 * February). Whole partitions before it go; the one containing it stays.
 */
export function retentionCutoff(now: Date, months: number): Date {
  if (!Number.isInteger(months) || months < 1) throw new Error(`retention months must be a positive integer, got ${months}`);
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(now.getUTCDate(), lastDay)));
}
