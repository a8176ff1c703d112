import { Decimal } from '../decimal';
import { UnitsError } from '../units-error';
import { DeliveryDay } from './delivery-day';
import { Isp } from './isp';
import { MS_PER_HOUR, pad2 } from './market-time-zone';
import { TimeRange } from './time-range';

/** FCR/aFRR capacity blocks per delivery day. */
export const BLOCKS_PER_DAY = 6;

/** Local wall-clock hour at which block `i` starts. */
const BLOCK_START_HOURS = [0, 4, 8, 12, 16, 20] as const;

/**
 * A 4-hour FCR/aFRR capacity product: block `index` 0..5 of a delivery day, local
 * 00-04, 04-08, 08-12, 12-16, 16-20 and 20-24 (regelleistung.net).
 *
 * DST rule (an assumption: MARKETS.md says the rule is undocumented, confirm with the TSO):
 * blocks are cut at the local wall-clock times 00:00, 04:00, 08:00, 12:00, 16:00 and 20:00,
 * so the DST switch at 02:00/03:00 falls in block 0. On the 23-hour day block 0 (00-04 local)
 * lasts 3 hours, on the 25-hour day 5 hours; every other block always lasts 4 hours.
 */
export class Block {
  private constructor(
    readonly deliveryDay: DeliveryDay,
    /** 0..5 in the day. */
    readonly index: number,
    private readonly startMs: number,
    private readonly endMs: number,
  ) {}

  /** @throws UnitsError `BLOCK_INDEX_OUT_OF_RANGE` unless 0 <= index <= 5. */
  static of(deliveryDay: DeliveryDay, index: number): Block {
    if (!Number.isSafeInteger(index) || index < 0 || index >= BLOCKS_PER_DAY) {
      throw new UnitsError('BLOCK_INDEX_OUT_OF_RANGE', `Block index must be 0..5, got ${index}`);
    }
    const startMs = deliveryDay.atLocalTime(BLOCK_START_HOURS[index], 0).getTime();
    const endMs =
      index === BLOCKS_PER_DAY - 1
        ? deliveryDay.end.getTime()
        : deliveryDay.atLocalTime(BLOCK_START_HOURS[index + 1], 0).getTime();
    return new Block(deliveryDay, index, startMs, endMs);
  }

  /** The six blocks of a day, in order. */
  static allOf(deliveryDay: DeliveryDay): Block[] {
    return BLOCK_START_HOURS.map((_, index) => Block.of(deliveryDay, index));
  }

  /** The block containing `instant` (a block start belongs to the block it starts). */
  static containing(instant: Date): Block {
    const day = DeliveryDay.containing(instant);
    const ms = instant.getTime();
    const block = Block.allOf(day).find((b) => b.startMs <= ms && ms < b.endMs);
    if (!block) {
      // Unreachable: the blocks of a day tile it exactly.
      throw new UnitsError('INVALID_INSTANT', `No block contains ${instant.toISOString()}`);
    }
    return block;
  }

  /** Inclusive start (a fresh Date). */
  get start(): Date {
    return new Date(this.startMs);
  }

  /** Exclusive end. */
  get end(): Date {
    return new Date(this.endMs);
  }

  get range(): TimeRange {
    return TimeRange.fromMs(this.startMs, this.endMs);
  }

  /** Whole hours: 4, or 3/5 for block 0 on the DST days. */
  get hours(): number {
    return (this.endMs - this.startMs) / MS_PER_HOUR;
  }

  /** {@link Block.hours} as a Decimal, for capacity revenue (MW x EUR/MW/h x h). */
  get durationHours(): Decimal {
    return new Decimal(this.hours);
  }

  /** 12, 16 or 20 ISPs. */
  isps(): Isp[] {
    const day = this.deliveryDay;
    const first = day.ispNumber(Isp.startingAt(this.start));
    return Array.from({ length: this.hours * 4 }, (_, i) => day.ispAt(first + i));
  }

  /** Local label as in regelleistung.net product names, e.g. `00_04`, `20_24`. */
  get localLabel(): string {
    const from = BLOCK_START_HOURS[this.index];
    return `${pad2(from)}_${pad2(from + 4)}`;
  }

  contains(instant: Date): boolean {
    return this.range.contains(instant);
  }

  /** The following block, crossing into the next day after block 5. */
  next(): Block {
    return this.index === BLOCKS_PER_DAY - 1
      ? Block.of(this.deliveryDay.next(), 0)
      : Block.of(this.deliveryDay, this.index + 1);
  }

  previous(): Block {
    return this.index === 0
      ? Block.of(this.deliveryDay.previous(), BLOCKS_PER_DAY - 1)
      : Block.of(this.deliveryDay, this.index - 1);
  }

  equals(other: Block): boolean {
    return this.startMs === other.startMs;
  }

  /** e.g. `2024-03-31/00_04`. */
  toString(): string {
    return `${this.deliveryDay.isoDate}/${this.localLabel}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
