import { isNewerThan, sessionStatusOf } from './transaction-progress';

const known = { lastSeqNo: 5, lastEventAt: new Date('2026-03-29T01:10:00Z'), ended: false };

describe(isNewerThan.name, () => {
  it.each([
    ['the first event', 'Updated' as const, 0, '2026-03-29T01:00:00Z', null, true],
    ['a later event', 'Updated' as const, 6, '2026-03-29T01:15:00Z', known, true],
    ['an older event queued offline', 'Updated' as const, 3, '2026-03-29T01:05:00Z', known, false],
    ['a same-instant event with a higher seqNo', 'Updated' as const, 6, '2026-03-29T01:10:00Z', known, true],
    ['a duplicate', 'Updated' as const, 5, '2026-03-29T01:10:00Z', known, false],
    ['an Ended that an Updated overtook', 'Ended' as const, 4, '2026-03-29T01:08:00Z', known, true],
    ['an Updated after the end', 'Updated' as const, 9, '2026-03-29T02:00:00Z', { ...known, ended: true }, false],
  ])('%s -> %s', (_case, eventType, seqNo, timestamp, progress, expected) => {
    expect(isNewerThan({ eventType, seqNo, timestamp }, progress)).toBe(expected);
  });
});

describe(sessionStatusOf.name, () => {
  it.each([
    ['Started', 'EVConnected', 'plugged_in'],
    ['Updated', 'Charging', 'charging'],
    ['Updated', 'SuspendedEVSE', 'suspended'],
    ['Updated', 'SuspendedEV', 'suspended'],
    ['Updated', undefined, 'plugged_in'],
    ['Ended', 'Charging', 'finished'],
  ] as const)('%s with %s -> %s', (eventType, chargingState, expected) => {
    expect(sessionStatusOf(eventType, chargingState)).toBe(expected);
  });
});
