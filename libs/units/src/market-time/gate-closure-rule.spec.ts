import { unitsErrorCode } from '../test-support/units-error-code';
import { Block } from './block';
import { DeliveryDay } from './delivery-day';
import {
  GateClosureRule,
  formatGateClosureRule,
  gateClosureInstant,
  isGateClosed,
  parseGateClosureRule,
  validateGateClosureRule,
} from './gate-closure-rule';
import { Isp } from './isp';
import { TimeRange } from './time-range';

const at = (iso: string): Date => new Date(iso);
const day = (isoDate: string): DeliveryDay => DeliveryDay.of(isoDate);

describe(parseGateClosureRule.name, () => {
  it.each([
    ['D-1 12:00', { dayOffset: -1, localTime: '12:00' }],
    ['D-1 08:00', { dayOffset: -1, localTime: '08:00' }],
    ['D-1 09:00', { dayOffset: -1, localTime: '09:00' }],
    ['D 00:00', { dayOffset: 0, localTime: '00:00' }],
    ['D+1 06:00', { dayOffset: 1, localTime: '06:00' }],
    ['D-7 00:00', { dayOffset: -7, localTime: '00:00' }],
    ['D-45 23:59', { dayOffset: -45, localTime: '23:59' }],
    ['-25m', { beforeStart: { minutes: 25 } }],
    ['-0m', { beforeStart: { minutes: 0 } }],
    ['-1440m', { beforeStart: { minutes: 1440 } }],
  ])('parses %j and formats it back', (text, rule) => {
    expect(parseGateClosureRule(text)).toEqual(rule);
    expect(formatGateClosureRule(rule)).toBe(text);
  });

  it.each([
    'D-1 12:00 ',
    'D-1  12:00',
    'd-1 12:00',
    'D-0 12:00',
    'D+0 12:00',
    'D-01 12:00',
    'D-1 8:00',
    'D-1 24:00',
    'D-1 12:60',
    'D-1 12',
    'D-1',
    'D-1 02:30', // the DST switch hour
    'D 02:00',
    '25m',
    '-25',
    '-25 m',
    '-1.5m',
    '+25m',
    '-025m',
    '',
    'D-1000 12:00',
  ])('refuses %j', (text) => {
    expect(unitsErrorCode(() => parseGateClosureRule(text))).toBe('INVALID_GATE_CLOSURE_RULE');
  });
});

describe(validateGateClosureRule.name, () => {
  it.each<[string, GateClosureRule]>([
    ['a fractional day offset', { dayOffset: -0.5, localTime: '12:00' }],
    ['a day offset beyond a year', { dayOffset: -367, localTime: '12:00' }],
    ['a sloppy local time', { dayOffset: -1, localTime: '12:0' }],
    ['a local time in the DST switch hour', { dayOffset: -1, localTime: '02:15' }],
    ['negative minutes', { beforeStart: { minutes: -25 } }],
    ['fractional minutes', { beforeStart: { minutes: 2.5 } }],
  ])('refuses %s', (_, rule) => {
    expect(unitsErrorCode(() => validateGateClosureRule(rule))).toBe('INVALID_GATE_CLOSURE_RULE');
    expect(unitsErrorCode(() => gateClosureInstant(rule, day('2024-06-01')))).toBe('INVALID_GATE_CLOSURE_RULE');
  });
});

describe(gateClosureInstant.name, () => {
  it.each([
    // rule, delivery day, gate (UTC); D-1 is CET (+1) or CEST (+2)
    // SDAC day-ahead, D-1 12:00
    ['D-1 12:00', '2024-03-31', '2024-03-30T11:00:00.000Z'], // Sat 30 Mar is still CET
    ['D-1 12:00', '2024-04-01', '2024-03-31T10:00:00.000Z'], // Sun 31 Mar 12:00 is CEST
    ['D-1 12:00', '2024-10-27', '2024-10-26T10:00:00.000Z'], // Sat 26 Oct is still CEST
    ['D-1 12:00', '2024-10-28', '2024-10-27T11:00:00.000Z'], // Sun 27 Oct 12:00 is CET
    ['D-1 12:00', '2025-03-30', '2025-03-29T11:00:00.000Z'],
    ['D-1 12:00', '2025-10-26', '2025-10-25T10:00:00.000Z'],
    ['D-1 12:00', '2026-03-29', '2026-03-28T11:00:00.000Z'],
    ['D-1 12:00', '2026-10-25', '2026-10-24T10:00:00.000Z'],
    ['D-1 12:00', '2025-01-01', '2024-12-31T11:00:00.000Z'],
    ['D-1 12:00', '2024-03-01', '2024-02-29T11:00:00.000Z'],
    // FCR bids, D-1 08:00
    ['D-1 08:00', '2024-03-31', '2024-03-30T07:00:00.000Z'],
    ['D-1 08:00', '2024-10-27', '2024-10-26T06:00:00.000Z'],
    ['D-1 08:00', '2024-06-01', '2024-05-31T06:00:00.000Z'],
    // FCR window opens D-7 00:00 (crossing the spring switch: 27 Mar is CET)
    ['D-7 00:00', '2024-04-03', '2024-03-26T23:00:00.000Z'],
    // the delivery day itself
    ['D 00:00', '2024-03-31', '2024-03-30T23:00:00.000Z'],
    ['D 00:00', '2024-10-27', '2024-10-26T22:00:00.000Z'],
    ['D+1 06:00', '2024-10-26', '2024-10-27T05:00:00.000Z'],
    // relative rules from a day count from local midnight
    ['-25m', '2024-03-31', '2024-03-30T22:35:00.000Z'],
  ])('%s for %s closes at %s', (text, isoDate, expected) => {
    expect(gateClosureInstant(parseGateClosureRule(text), day(isoDate)).toISOString()).toBe(expected);
  });

  it.each([
    // ISP start, gate: aFRR energy GCT 25 min before the ISP
    ['2024-06-01T10:00:00Z', '2024-06-01T09:35:00.000Z'],
    ['2024-03-31T01:00:00Z', '2024-03-31T00:35:00.000Z'], // ISP 9 at 03:00 CEST, gate 01:35 CET
    ['2024-10-27T01:00:00Z', '2024-10-27T00:35:00.000Z'], // ISP 13 at 02:00 CET, gate 02:35 CEST
    ['2024-12-31T23:00:00Z', '2024-12-31T22:35:00.000Z'], // first ISP of 2025, gate in 2024
  ])('-25m for the ISP starting %s closes at %s', (start, expected) => {
    const rule = parseGateClosureRule('-25m');
    expect(gateClosureInstant(rule, Isp.startingAt(at(start))).toISOString()).toBe(expected);
  });

  it('resolves day-relative rules for periods via the delivery day of their start', () => {
    const gate = (target: Isp | Block | TimeRange): string =>
      gateClosureInstant(parseGateClosureRule('D-1 08:00'), target).toISOString();
    const ispAt = (iso: string): Isp => Isp.startingAt(at(iso));
    // ISPs and blocks of 2024-03-31, including the first one that starts on 30 Mar UTC
    expect(gate(ispAt('2024-03-30T23:00:00Z'))).toBe('2024-03-30T07:00:00.000Z');
    expect(gate(ispAt('2024-03-31T21:45:00Z'))).toBe('2024-03-30T07:00:00.000Z');
    expect(gate(Block.of(day('2024-03-31'), 5))).toBe('2024-03-30T07:00:00.000Z');
    // the last ISP before local midnight belongs to the previous day
    expect(gate(ispAt('2024-03-30T22:45:00Z'))).toBe('2024-03-29T07:00:00.000Z');
    // a time range
    expect(gate(TimeRange.of(at('2024-10-27T12:00:00Z'), at('2024-10-27T13:00:00Z')))).toBe('2024-10-26T06:00:00.000Z');
  });

  it('resolves relative rules for a block from the block start', () => {
    // block 1 of 2024-10-27 starts at 04:00 CET = 03:00Z
    const gate = gateClosureInstant({ beforeStart: { minutes: 60 } }, Block.of(day('2024-10-27'), 1));
    expect(gate.toISOString()).toBe('2024-10-27T02:00:00.000Z');
  });
});

describe(isGateClosed.name, () => {
  const rule = parseGateClosureRule('D-1 12:00');
  const target = day('2024-10-27');

  it.each([
    ['2024-10-26T09:59:59.999Z', false],
    ['2024-10-26T10:00:00.000Z', true],
    ['2024-10-26T10:00:00.001Z', true],
  ])('at %s closed = %p', (now, expected) => {
    expect(isGateClosed(rule, target, at(now))).toBe(expected);
  });

  it('refuses an invalid now', () => {
    expect(unitsErrorCode(() => isGateClosed(rule, target, new Date('nope')))).toBe('INVALID_INSTANT');
  });
});
