import { SESSION_STATUSES, SessionStatus, canTransition, isStale, transition } from './session-status';

describe('session status FSM', () => {
  it.each<[SessionStatus, SessionStatus, boolean]>([
    ['planned', 'plugged_in', true],
    ['plugged_in', 'charging', true],
    ['charging', 'suspended', true],
    ['suspended', 'charging', true],
    ['charging', 'finished', true],
    ['charging', 'stale', true],
    ['stale', 'charging', true],
    ['stale', 'finished', true],
    ['finished', 'charging', false],
    ['finished', 'stale', false],
    ['plugged_in', 'planned', false],
  ])('%s -> %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('allows staying in every status', () => {
    for (const status of SESSION_STATUSES) expect(canTransition(status, status)).toBe(true);
  });

  it('throws INVALID_SESSION_TRANSITION for a forbidden move', () => {
    expect(() => transition('finished', 'plugged_in')).toThrow(expect.objectContaining({ code: 'INVALID_SESSION_TRANSITION' }));
  });

  describe(isStale.name, () => {
    const lastSeen = new Date('2026-01-01T10:00:00Z');
    it('is stale after exactly the silence (60 min)', () => {
      expect(isStale('charging', lastSeen, new Date('2026-01-01T11:00:00Z'), 60)).toBe(true);
      expect(isStale('charging', lastSeen, new Date('2026-01-01T10:59:59Z'), 60)).toBe(false);
    });
    it('never marks a planned or finished session stale', () => {
      expect(isStale('finished', lastSeen, new Date('2027-01-01T00:00:00Z'), 60)).toBe(false);
      expect(isStale('planned', lastSeen, new Date('2027-01-01T00:00:00Z'), 60)).toBe(false);
    });
  });
});
