import { unitsErrorCode } from '../test-support/units-error-code';
import { TimeRange } from './time-range';

const range = (start: string, end: string): TimeRange => TimeRange.of(new Date(start), new Date(end));

describe(TimeRange.name, () => {
  const r = range('2024-06-01T10:00:00Z', '2024-06-01T12:00:00Z');

  it.each([
    ['2024-06-01T10:00:00.000Z', true],
    ['2024-06-01T11:59:59.999Z', true],
    ['2024-06-01T12:00:00.000Z', false],
    ['2024-06-01T09:59:59.999Z', false],
  ])('is half-open: contains(%s) = %p', (instant, expected) => {
    expect(r.contains(new Date(instant))).toBe(expected);
  });

  it('measures exact hours', () => {
    expect(r.durationMs).toBe(7_200_000);
    expect(r.durationHours.toFixed()).toBe('2');
    // 10 minutes = 1/6 h, rounded to 40 digits
    expect(range('2024-06-01T10:00:00Z', '2024-06-01T10:10:00Z').durationHours.toFixed()).toBe(`0.1${'6'.repeat(38)}7`);
  });

  it.each([
    // other range, overlaps, intersection
    ['2024-06-01T11:00:00Z', '2024-06-01T13:00:00Z', true, '2024-06-01T11:00:00.000Z/2024-06-01T12:00:00.000Z'],
    ['2024-06-01T12:00:00Z', '2024-06-01T13:00:00Z', false, undefined],
    ['2024-06-01T08:00:00Z', '2024-06-01T10:00:00Z', false, undefined],
    ['2024-06-01T10:30:00Z', '2024-06-01T10:45:00Z', true, '2024-06-01T10:30:00.000Z/2024-06-01T10:45:00.000Z'],
  ])('against [%s, %s): overlaps %p, intersection %s', (start, end, overlaps, intersection) => {
    const other = range(start, end);
    expect(r.overlaps(other)).toBe(overlaps);
    expect(other.overlaps(r)).toBe(overlaps);
    expect(r.intersection(other)?.toString()).toBe(intersection);
  });

  it('encloses, equals and prints ISO intervals', () => {
    expect(r.encloses(range('2024-06-01T10:00:00Z', '2024-06-01T12:00:00Z'))).toBe(true);
    expect(r.encloses(range('2024-06-01T10:00:00Z', '2024-06-01T12:00:01Z'))).toBe(false);
    expect(r.equals(range('2024-06-01T10:00:00Z', '2024-06-01T12:00:00Z'))).toBe(true);
    expect(JSON.stringify(r)).toBe('"2024-06-01T10:00:00.000Z/2024-06-01T12:00:00.000Z"');
  });

  it('allows empty ranges and refuses reversed ones', () => {
    const empty = range('2024-06-01T10:00:00Z', '2024-06-01T10:00:00Z');
    expect(empty.isEmpty()).toBe(true);
    expect(empty.contains(new Date('2024-06-01T10:00:00Z'))).toBe(false);
    expect(unitsErrorCode(() => range('2024-06-01T10:00:00Z', '2024-06-01T09:59:59.999Z'))).toBe('INVALID_TIME_RANGE');
    expect(unitsErrorCode(() => TimeRange.of(new Date('x'), new Date()))).toBe('INVALID_INSTANT');
  });

  it('hands out copies of its Dates', () => {
    r.start.setTime(0);
    expect(r.start.toISOString()).toBe('2024-06-01T10:00:00.000Z');
  });
});
