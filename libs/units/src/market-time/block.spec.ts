import { unitsErrorCode } from '../test-support/units-error-code';
import { Block } from './block';
import { DeliveryDay } from './delivery-day';

const at = (iso: string): Date => new Date(iso);
const DST_DAYS = ['2024-03-31', '2024-10-27', '2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25'];

describe(Block.name, () => {
  describe('cutting a day at local 00, 04, 08, 12, 16, 20', () => {
    it.each([
      // day, block start instants in UTC (block 0..5), day end, block hours
      // 23-hour day: 00:00 CET = 23:00Z, 04:00 CEST = 02:00Z -> block 0 lasts 3 h
      [
        '2024-03-31',
        ['2024-03-30T23:00', '2024-03-31T02:00', '2024-03-31T06:00', '2024-03-31T10:00', '2024-03-31T14:00', '2024-03-31T18:00'],
        '2024-03-31T22:00',
        [3, 4, 4, 4, 4, 4],
      ],
      // 25-hour day: 00:00 CEST = 22:00Z, 04:00 CET = 03:00Z -> block 0 lasts 5 h
      [
        '2024-10-27',
        ['2024-10-26T22:00', '2024-10-27T03:00', '2024-10-27T07:00', '2024-10-27T11:00', '2024-10-27T15:00', '2024-10-27T19:00'],
        '2024-10-27T23:00',
        [5, 4, 4, 4, 4, 4],
      ],
      [
        '2025-03-30',
        ['2025-03-29T23:00', '2025-03-30T02:00', '2025-03-30T06:00', '2025-03-30T10:00', '2025-03-30T14:00', '2025-03-30T18:00'],
        '2025-03-30T22:00',
        [3, 4, 4, 4, 4, 4],
      ],
      [
        '2025-10-26',
        ['2025-10-25T22:00', '2025-10-26T03:00', '2025-10-26T07:00', '2025-10-26T11:00', '2025-10-26T15:00', '2025-10-26T19:00'],
        '2025-10-26T23:00',
        [5, 4, 4, 4, 4, 4],
      ],
      [
        '2026-03-29',
        ['2026-03-28T23:00', '2026-03-29T02:00', '2026-03-29T06:00', '2026-03-29T10:00', '2026-03-29T14:00', '2026-03-29T18:00'],
        '2026-03-29T22:00',
        [3, 4, 4, 4, 4, 4],
      ],
      [
        '2026-10-25',
        ['2026-10-24T22:00', '2026-10-25T03:00', '2026-10-25T07:00', '2026-10-25T11:00', '2026-10-25T15:00', '2026-10-25T19:00'],
        '2026-10-25T23:00',
        [5, 4, 4, 4, 4, 4],
      ],
      // normal summer and winter days
      [
        '2024-06-01',
        ['2024-05-31T22:00', '2024-06-01T02:00', '2024-06-01T06:00', '2024-06-01T10:00', '2024-06-01T14:00', '2024-06-01T18:00'],
        '2024-06-01T22:00',
        [4, 4, 4, 4, 4, 4],
      ],
      [
        '2024-12-31',
        ['2024-12-30T23:00', '2024-12-31T03:00', '2024-12-31T07:00', '2024-12-31T11:00', '2024-12-31T15:00', '2024-12-31T19:00'],
        '2024-12-31T23:00',
        [4, 4, 4, 4, 4, 4],
      ],
    ])('%s', (isoDate, starts, dayEnd, hours) => {
      const day = DeliveryDay.of(isoDate);
      const blocks = Block.allOf(day);
      expect(blocks.map((b) => b.start.toISOString())).toEqual(starts.map((s) => `${s}:00.000Z`));
      expect(blocks.map((b) => b.end.toISOString())).toEqual([...starts.slice(1), dayEnd].map((s) => `${s}:00.000Z`));
      expect(blocks.map((b) => b.hours)).toEqual(hours);
      expect(blocks.map((b) => b.durationHours.toFixed())).toEqual(hours.map(String));
      expect(blocks.map((b) => b.index)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(blocks.every((b) => b.deliveryDay.equals(day))).toBe(true);
    });

    it.each(DST_DAYS)('%s: the blocks tile the day and hold all its ISPs in order', (isoDate) => {
      const day = DeliveryDay.of(isoDate);
      const blocks = Block.allOf(day);
      expect(blocks[0].start.getTime()).toBe(day.start.getTime());
      expect(blocks[5].end.getTime()).toBe(day.end.getTime());
      const isps = blocks.flatMap((b) => b.isps());
      expect(isps.map(String)).toEqual(day.isps().map(String));
      // 92 = 12 + 5 x 16; 100 = 20 + 5 x 16
      expect(blocks.map((b) => b.isps().length)).toEqual([day.ispCount - 80, 16, 16, 16, 16, 16]);
    });

    it('numbers ISPs across block boundaries on the DST days', () => {
      const spring = DeliveryDay.of('2024-03-31');
      // block 1 (04:00 CEST) starts with ISP 13: 00:00-04:00 local holds only 3 h = 12 ISPs
      expect(spring.ispNumber(Block.of(spring, 1).isps()[0])).toBe(13);
      const autumn = DeliveryDay.of('2024-10-27');
      // block 1 (04:00 CET) starts with ISP 21: 5 h = 20 ISPs
      expect(autumn.ispNumber(Block.of(autumn, 1).isps()[0])).toBe(21);
    });
  });

  describe('containing', () => {
    it.each([
      // instant, day, index: a block start belongs to the block it starts; 1 ms earlier to the previous
      ['2024-03-30T23:00:00.000Z', '2024-03-31', 0],
      ['2024-03-30T22:59:59.999Z', '2024-03-30', 5],
      ['2024-03-31T01:59:59.999Z', '2024-03-31', 0],
      ['2024-03-31T02:00:00.000Z', '2024-03-31', 1],
      ['2024-10-27T01:30:00.000Z', '2024-10-27', 0], // 02:30 CET, second pass of the doubled hour
      ['2024-10-27T02:59:59.999Z', '2024-10-27', 0],
      ['2024-10-27T03:00:00.000Z', '2024-10-27', 1],
      ['2024-10-27T22:59:59.999Z', '2024-10-27', 5],
      ['2024-12-31T22:59:59.999Z', '2024-12-31', 5],
      ['2024-12-31T23:00:00.000Z', '2025-01-01', 0],
      ['2024-06-01T10:00:00.000Z', '2024-06-01', 3],
      ['2024-06-01T09:59:59.999Z', '2024-06-01', 2],
    ])('%s is in %s block %d', (instant, isoDate, index) => {
      const block = Block.containing(at(instant));
      expect(block.deliveryDay.isoDate).toBe(isoDate);
      expect(block.index).toBe(index);
      expect(block.contains(at(instant))).toBe(true);
    });

    it('refuses invalid instants', () => {
      expect(unitsErrorCode(() => Block.containing(new Date('nope')))).toBe('INVALID_INSTANT');
    });
  });

  describe('identity and navigation', () => {
    it.each([-1, 6, 1.5])('refuses index %p', (index) => {
      expect(unitsErrorCode(() => Block.of(DeliveryDay.of('2024-06-01'), index))).toBe('BLOCK_INDEX_OUT_OF_RANGE');
    });

    it('labels blocks like regelleistung.net products', () => {
      expect(Block.allOf(DeliveryDay.of('2024-10-27')).map((b) => b.localLabel)).toEqual([
        '00_04',
        '04_08',
        '08_12',
        '12_16',
        '16_20',
        '20_24',
      ]);
      expect(Block.of(DeliveryDay.of('2024-03-31'), 0).toString()).toBe('2024-03-31/00_04');
      expect(JSON.stringify(Block.of(DeliveryDay.of('2024-03-31'), 5))).toBe('"2024-03-31/20_24"');
    });

    it('moves across day ends', () => {
      const last = Block.of(DeliveryDay.of('2024-12-31'), 5);
      expect(last.next().toString()).toBe('2025-01-01/00_04');
      expect(last.next().start.getTime()).toBe(last.end.getTime());
      expect(last.next().previous().equals(last)).toBe(true);
      expect(Block.of(DeliveryDay.of('2024-10-27'), 0).previous().toString()).toBe('2024-10-26/20_24');
      expect(Block.of(DeliveryDay.of('2024-10-27'), 2).next().toString()).toBe('2024-10-27/12_16');
      expect(Block.of(DeliveryDay.of('2024-10-27'), 2).previous().range.durationHours.toFixed()).toBe('4');
    });
  });
});
