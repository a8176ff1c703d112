import { CorrelationContext } from './correlation-context';

describe('CorrelationContext', () => {
  it('carries the id across awaits and timers, and has none outside a run', async () => {
    expect(CorrelationContext.currentId()).toBeUndefined();
    const seen = await CorrelationContext.run('job-42', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return CorrelationContext.currentId();
    });
    expect(seen).toBe('job-42');
    expect(CorrelationContext.currentId()).toBeUndefined();
  });

  it('keeps concurrent runs apart', async () => {
    const ids = await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        CorrelationContext.run(id, async () => {
          await new Promise((resolve) => setTimeout(resolve, 3 - id.charCodeAt(0) + 97));
          return CorrelationContext.currentId();
        }),
      ),
    );
    expect(ids).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['abc-123', 'abc-123'],
    ['trace:1.2_x', 'trace:1.2_x'],
    [['first', 'second'], 'first'],
  ])('accepts a well-formed header %p', (header, expected) => {
    expect(CorrelationContext.fromHeader(header)).toBe(expected);
  });

  it.each([[undefined], [''], ['has space'], ['x'.repeat(129)], ['quote"d'], ['new\nline']])('replaces %p with a fresh UUID', (header) => {
    expect(CorrelationContext.fromHeader(header)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('accepts exactly 128 characters', () => {
    const id = 'x'.repeat(128);
    expect(CorrelationContext.fromHeader(id)).toBe(id);
  });
});
