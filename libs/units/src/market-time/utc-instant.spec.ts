import { unitsErrorCode } from '../test-support/units-error-code';
import { parseUtcInstant } from './utc-instant';

describe(parseUtcInstant.name, () => {
  it.each([
    ['2024-03-31T01:00Z', '2024-03-31T01:00:00.000Z'],
    ['2024-03-31T01:00:00Z', '2024-03-31T01:00:00.000Z'],
    ['2024-10-27T01:30:15.5Z', '2024-10-27T01:30:15.500Z'],
    ['2024-02-29T23:59:59.999Z', '2024-02-29T23:59:59.999Z'],
    ['2024-12-31T23:00:00.000Z', '2024-12-31T23:00:00.000Z'],
  ])('parses %s', (text, expected) => {
    expect(parseUtcInstant(text).toISOString()).toBe(expected);
  });

  it.each([
    '2024-02-30T00:00:00Z', // would roll over to 1 March
    '2023-02-29T00:00Z',
    '2024-01-01T24:00Z',
    '2024-01-01T23:60Z',
    '2024-01-01T23:59:60Z',
    '2024-01-01T10:00:00', // no zone: new Date() would read local time
    '2024-01-01T10:00:00+01:00',
    '2024-01-01T10:00:00.1234Z',
    '2024-01-01',
    '2024-01-01 10:00:00Z',
    ' 2024-01-01T10:00Z',
    '2024-01-01t10:00z',
    '',
  ])('refuses %j', (text) => {
    expect(unitsErrorCode(() => parseUtcInstant(text))).toBe('INVALID_INSTANT');
  });
});
