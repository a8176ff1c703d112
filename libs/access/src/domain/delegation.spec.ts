import { delegationWindowProblem, isDelegationActive } from './delegation';

describe(isDelegationActive.name, () => {
  const validFrom = new Date('2026-01-01T00:00:00Z');
  const validTo = new Date('2026-01-02T00:00:00Z');

  it.each([
    ['before the window', '2025-12-31T23:59:59.999Z', null, false],
    ['at its start', '2026-01-01T00:00:00.000Z', null, true],
    ['inside', '2026-01-01T12:00:00.000Z', null, true],
    ['at its end (exclusive)', '2026-01-02T00:00:00.000Z', null, false],
    ['after revocation', '2026-01-01T12:00:00.000Z', '2026-01-01T11:00:00.000Z', false],
    ['before a later revocation', '2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z', true],
  ])('%s', (_label, now, revokedAt, expected) => {
    expect(isDelegationActive({ validFrom, validTo, revokedAt: revokedAt ? new Date(revokedAt) : null }, new Date(now))).toBe(expected);
  });

  it('refuses empty and overlong windows', () => {
    expect(delegationWindowProblem(validTo, validFrom)).toMatch(/after/);
    expect(delegationWindowProblem(validFrom, new Date('2026-06-01T00:00:00Z'))).toMatch(/at most/);
    expect(delegationWindowProblem(validFrom, validTo)).toBeNull();
  });
});
