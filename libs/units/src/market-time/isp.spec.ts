import { unitsErrorCode } from '../test-support/units-error-code';
import { Isp } from './isp';

const at = (iso: string): Date => new Date(iso);

describe(Isp.name, () => {
  it.each([
    // instant -> ISP start: a boundary belongs to the ISP starting there; 1 ms earlier to the one before
    ['2024-06-01T10:15:00.000Z', '2024-06-01T10:15:00.000Z'],
    ['2024-06-01T10:14:59.999Z', '2024-06-01T10:00:00.000Z'],
    ['2024-06-01T10:29:59.999Z', '2024-06-01T10:15:00.000Z'],
    ['2024-06-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z'],
    ['2024-05-31T23:59:59.999Z', '2024-05-31T23:45:00.000Z'],
    // inside the spring gap (01:00Z = 03:00 CEST) and the doubled autumn hour
    ['2024-03-31T01:00:00.000Z', '2024-03-31T01:00:00.000Z'],
    ['2024-03-31T00:59:59.999Z', '2024-03-31T00:45:00.000Z'],
    ['2024-10-27T00:37:00.000Z', '2024-10-27T00:30:00.000Z'],
    ['2024-10-27T01:37:00.000Z', '2024-10-27T01:30:00.000Z'],
    // year end
    ['2024-12-31T23:00:00.000Z', '2024-12-31T23:00:00.000Z'],
    ['2024-12-31T22:59:59.999Z', '2024-12-31T22:45:00.000Z'],
    // before 1970 (negative epoch): floor, not truncation
    ['1969-12-31T23:59:59.999Z', '1969-12-31T23:45:00.000Z'],
  ])('containing(%s) starts at %s', (instant, start) => {
    const isp = Isp.containing(at(instant));
    expect(isp.start.toISOString()).toBe(start);
    expect(isp.end.getTime() - isp.start.getTime()).toBe(15 * 60_000);
    expect(isp.contains(at(instant))).toBe(true);
  });

  it.each(['2024-06-01T10:15:00.000Z', '2024-03-31T01:00:00.000Z', '2024-10-27T01:45:00.000Z'])(
    'startingAt(%s) accepts a quarter-hour',
    (instant) => {
      expect(Isp.startingAt(at(instant)).start.toISOString()).toBe(instant);
    },
  );

  it.each(['2024-06-01T10:15:00.001Z', '2024-06-01T10:14:59.999Z', '2024-06-01T10:07:00.000Z', '2024-06-01T10:15:30.000Z'])(
    'startingAt(%s) refuses a misaligned instant',
    (instant) => {
      expect(unitsErrorCode(() => Isp.startingAt(at(instant)))).toBe('ISP_NOT_ALIGNED');
    },
  );

  it('refuses invalid instants', () => {
    expect(unitsErrorCode(() => Isp.containing(new Date(Number.NaN)))).toBe('INVALID_INSTANT');
    expect(unitsErrorCode(() => Isp.startingAt(new Date(Number.NaN)))).toBe('INVALID_INSTANT');
  });

  it('is exclusive at its end, which is the next start', () => {
    const isp = Isp.startingAt(at('2024-12-31T22:45:00Z'));
    expect(isp.end.toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(isp.contains(isp.end)).toBe(false);
    expect(isp.next().start.toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(isp.next().previous().equals(isp)).toBe(true);
    expect(isp.plus(4).start.toISOString()).toBe('2024-12-31T23:45:00.000Z');
    expect(isp.plus(-96).start.toISOString()).toBe('2024-12-30T22:45:00.000Z');
    expect(unitsErrorCode(() => isp.plus(0.5))).toBe('NOT_A_SAFE_INTEGER');
  });

  it('lasts 0.25 h and prints an ISO interval', () => {
    const isp = Isp.startingAt(at('2024-03-31T01:00:00Z'));
    expect(isp.durationHours.toFixed()).toBe('0.25');
    expect(isp.toString()).toBe('2024-03-31T01:00:00.000Z/2024-03-31T01:15:00.000Z');
    expect(JSON.stringify({ isp })).toBe('{"isp":"2024-03-31T01:00:00.000Z/2024-03-31T01:15:00.000Z"}');
    expect(isp.range.durationHours.toFixed()).toBe('0.25');
  });

  it('compares chronologically', () => {
    const a = Isp.startingAt(at('2024-06-01T10:00:00Z'));
    expect(a.compare(a.next())).toBe(-1);
    expect(a.next().compare(a)).toBe(1);
    expect(a.compare(Isp.containing(at('2024-06-01T10:05:00Z')))).toBe(0);
  });

  it('hands out copies of its Dates', () => {
    const isp = Isp.startingAt(at('2024-06-01T10:00:00Z'));
    isp.start.setTime(0);
    expect(isp.start.toISOString()).toBe('2024-06-01T10:00:00.000Z');
  });
});
