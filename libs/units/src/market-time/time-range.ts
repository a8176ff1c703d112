import { Decimal } from '../decimal';
import { UnitsError } from '../units-error';
import { MS_PER_HOUR, instantMs } from './market-time-zone';

/**
 * A half-open interval of UTC instants, [start, end): `start` belongs to it, `end` does not, so
 * consecutive ranges (ISPs, blocks, days) tile time without overlap. May be empty (start = end).
 */
export class TimeRange {
  private constructor(
    private readonly startMs: number,
    private readonly endMs: number,
  ) {}

  /** @throws UnitsError `INVALID_INSTANT`; `INVALID_TIME_RANGE` if `end` is before `start`. */
  static of(start: Date, end: Date): TimeRange {
    return TimeRange.fromMs(instantMs(start), instantMs(end));
  }

  /** @internal epoch-millisecond form used by the other market-time types. */
  static fromMs(startMs: number, endMs: number): TimeRange {
    if (endMs < startMs) {
      throw new UnitsError(
        'INVALID_TIME_RANGE',
        `End ${new Date(endMs).toISOString()} is before start ${new Date(startMs).toISOString()}`,
      );
    }
    return new TimeRange(startMs, endMs);
  }

  /** Inclusive start (a fresh Date: Dates are mutable). */
  get start(): Date {
    return new Date(this.startMs);
  }

  /** Exclusive end. */
  get end(): Date {
    return new Date(this.endMs);
  }

  get durationMs(): number {
    return this.endMs - this.startMs;
  }

  /** Exact length in hours (milliseconds / 3,600,000, rounded to 40 digits only if not exact). */
  get durationHours(): Decimal {
    return new Decimal(this.durationMs).dividedBy(MS_PER_HOUR);
  }

  isEmpty(): boolean {
    return this.startMs === this.endMs;
  }

  /** start <= instant < end. */
  contains(instant: Date): boolean {
    const ms = instantMs(instant);
    return this.startMs <= ms && ms < this.endMs;
  }

  /** True when `other` lies entirely inside this range (an empty range is inside if its instant is). */
  encloses(other: TimeRange): boolean {
    return this.startMs <= other.startMs && other.endMs <= this.endMs;
  }

  /** True when the ranges share at least one instant; touching ranges do not overlap. */
  overlaps(other: TimeRange): boolean {
    return this.startMs < other.endMs && other.startMs < this.endMs;
  }

  /** The common part, or `undefined` if the ranges do not overlap. */
  intersection(other: TimeRange): TimeRange | undefined {
    if (!this.overlaps(other)) {
      return undefined;
    }
    return new TimeRange(Math.max(this.startMs, other.startMs), Math.min(this.endMs, other.endMs));
  }

  equals(other: TimeRange): boolean {
    return this.startMs === other.startMs && this.endMs === other.endMs;
  }

  /** ISO 8601 interval in UTC, e.g. `2024-03-31T00:00:00.000Z/2024-03-31T00:15:00.000Z`. */
  toString(): string {
    return `${this.start.toISOString()}/${this.end.toISOString()}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
