import { orderOfUpdate } from './last-updated-order';

describe(orderOfUpdate.name, () => {
  const stored = new Date('2026-11-25T10:00:00Z');

  it.each([
    ['nothing stored yet', new Date('2026-11-25T09:00:00Z'), null, 'apply'],
    ['newer', new Date('2026-11-25T10:00:01Z'), stored, 'apply'],
    ['the same instant (a duplicate)', new Date('2026-11-25T10:00:00Z'), stored, 'duplicate'],
    ['older (late or reordered)', new Date('2026-11-25T09:59:59Z'), stored, 'older'],
  ])('%s -> %s', (_name, incoming, current, expected) => {
    expect(orderOfUpdate(incoming, current)).toBe(expected);
  });
});
