import { Decimal } from '../decimal';
import { UnitsError } from '../units-error';
import { MS_PER_MINUTE, instantMs } from './market-time-zone';
import { TimeRange } from './time-range';

/** Length of an imbalance settlement period. */
export const ISP_MINUTES = 15;
export const ISP_MS = ISP_MINUTES * MS_PER_MINUTE;

const ISP_DURATION_HOURS = new Decimal('0.25');

/**
 * An imbalance settlement period: 15 minutes aligned to UTC quarter-hours, [start, end).
 *
 * Because the Amsterdam offset is always a whole hour, ISPs are also aligned to local
 * quarter-hours, and an instant exactly on a boundary belongs to the ISP starting there.
 * To find the delivery day or ISP number, use `DeliveryDay.containing(isp.start)` and
 * `day.ispNumber(isp)`.
 */
export class Isp {
  private constructor(private readonly startMs: number) {}

  /**
   * The ISP that contains `instant` (start <= instant < end).
   *
   * @throws UnitsError `INVALID_INSTANT`.
   */
  static containing(instant: Date): Isp {
    const ms = instantMs(instant);
    return new Isp(Math.floor(ms / ISP_MS) * ISP_MS);
  }

  /**
   * The ISP starting exactly at `instant`.
   *
   * @throws UnitsError `ISP_NOT_ALIGNED` unless `instant` is a UTC quarter-hour with zero
   *   seconds and milliseconds; `INVALID_INSTANT`.
   */
  static startingAt(instant: Date): Isp {
    const ms = instantMs(instant);
    if (ms % ISP_MS !== 0) {
      throw new UnitsError('ISP_NOT_ALIGNED', `Not an ISP start: ${instant.toISOString()}`);
    }
    return new Isp(ms);
  }

  /** Inclusive start (a fresh Date). */
  get start(): Date {
    return new Date(this.startMs);
  }

  /** Exclusive end = start of the next ISP. */
  get end(): Date {
    return new Date(this.startMs + ISP_MS);
  }

  /** Always exactly 0.25 h. */
  get durationHours(): Decimal {
    return ISP_DURATION_HOURS;
  }

  get range(): TimeRange {
    return TimeRange.fromMs(this.startMs, this.startMs + ISP_MS);
  }

  next(): Isp {
    return new Isp(this.startMs + ISP_MS);
  }

  previous(): Isp {
    return new Isp(this.startMs - ISP_MS);
  }

  /** `count` ISPs later (negative: earlier). */
  plus(count: number): Isp {
    if (!Number.isSafeInteger(count)) {
      throw new UnitsError('NOT_A_SAFE_INTEGER', `ISP count must be an integer, got ${count}`);
    }
    return new Isp(this.startMs + count * ISP_MS);
  }

  contains(instant: Date): boolean {
    const ms = instantMs(instant);
    return this.startMs <= ms && ms < this.startMs + ISP_MS;
  }

  equals(other: Isp): boolean {
    return this.startMs === other.startMs;
  }

  /** Chronological comparator. */
  compare(other: Isp): -1 | 0 | 1 {
    return Math.sign(this.startMs - other.startMs) as -1 | 0 | 1;
  }

  /** ISO 8601 interval in UTC, e.g. `2024-03-31T01:00:00.000Z/2024-03-31T01:15:00.000Z`. */
  toString(): string {
    return this.range.toString();
  }

  toJSON(): string {
    return this.toString();
  }
}
