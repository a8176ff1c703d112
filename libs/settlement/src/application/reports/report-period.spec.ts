import { reportPeriodOf } from './report-period';

describe('report periods', () => {
  it('reads a delivery day and a local month (DST month: 31 days minus one hour)', () => {
    const day = reportPeriodOf('2026-03-29');
    expect([day?.kind, day?.range.start.toISOString(), day?.range.durationMs]).toEqual(['day', '2026-03-28T23:00:00.000Z', 23 * 3_600_000]);
    const month = reportPeriodOf('2026-03');
    expect([month?.kind, month?.range.start.toISOString(), month?.range.end.toISOString()]).toEqual(['month', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    expect(reportPeriodOf('2026-12')?.range.end.toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('refuses anything else', () => {
    expect(['2026-13', '2026-02-30', 'june', ''].map(reportPeriodOf)).toEqual([null, null, null, null]);
  });
});
