import { dayOfPartitionName, dayPartition, daysFrom, retentionCutoff } from './day-partition';

describe('day partitions', () => {
  it.each([
    // [now, months, cut-off]
    ['2026-06-01T12:00:00Z', 13, '2025-05-01T00:00:00.000Z'],
    ['2026-03-31T23:00:00Z', 1, '2026-02-28T00:00:00.000Z'], // 31 March - 1 month: clamped to February's last day
    ['2024-03-31T00:00:00Z', 1, '2024-02-29T00:00:00.000Z'], // leap year
    ['2026-01-15T00:00:00Z', 13, '2024-12-15T00:00:00.000Z'], // across a year boundary
  ])('cuts %s back %i months to %s', (now, months, cutoff) => {
    expect(retentionCutoff(new Date(now), months).toISOString()).toBe(cutoff);
  });

  it('refuses a retention of zero months', () => {
    expect(() => retentionCutoff(new Date(), 0)).toThrow('positive integer');
  });

  it('names a UTC day and bounds it by midnights, also on the DST day', () => {
    const sut = dayPartition('2026-03-29');
    expect(sut.name).toBe('meter_values_p20260329');
    // 24 h in UTC even though Europe/Amsterdam had 23 h that day.
    expect(sut.to.getTime() - sut.from.getTime()).toBe(24 * 3600 * 1000);
    expect(dayOfPartitionName(sut.name)).toBe('2026-03-29');
    expect(dayOfPartitionName('meter_values_default')).toBeNull();
  });

  it('refuses days that do not exist', () => {
    expect(() => dayPartition('2025-02-29')).toThrow('not a UTC day');
  });

  it('lists consecutive days across the year end', () => {
    expect(daysFrom(new Date('2025-12-30T18:00:00Z'), 4)).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
  });
});
