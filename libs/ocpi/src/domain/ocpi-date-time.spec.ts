import { formatOcpiDateTime, parseOcpiDateTime } from './ocpi-date-time';

describe('OCPI DateTime', () => {
  it.each([
    ['2026-11-25T21:53:00Z', '2026-11-25T21:53:00.000Z'],
    ['2026-11-25T21:53:00.123Z', '2026-11-25T21:53:00.123Z'],
    // No zone is UTC in OCPI 2.2.1 (types "DateTime").
    ['2026-11-25T21:53:00', '2026-11-25T21:53:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseOcpiDateTime(text)?.toISOString()).toBe(iso);
  });

  it.each(['2026-11-25T21:53:00+01:00', '2026-02-30T00:00:00Z', '2026-11-25 21:53:00Z', '25-11-2026T21:53:00Z', ''])('refuses %p', (text) => {
    expect(parseOcpiDateTime(text)).toBeNull();
  });

  it('writes UTC with Z and second precision', () => {
    expect(formatOcpiDateTime(new Date('2026-03-29T01:30:45.987Z'))).toBe('2026-03-29T01:30:45Z');
  });
});
