import { Isp } from '@vpp/units';
import { IDCONS_NL as IDCONS_RULES_FOR_TEST } from '../../domain/test-support/products.fixture';
import { congestionEventGate } from './congestion-event-gate';

describe(congestionEventGate.name, () => {
  const isps = [Isp.startingAt(new Date('2019-01-28T15:00:00Z')), Isp.startingAt(new Date('2019-01-28T15:15:00Z'))];
  const portfolioId = '6f1c1a8e-0000-4000-8000-000000000001';
  const preparedAt = new Date('2019-01-28T12:00:00Z');

  it('is a gate of the event ISPs closing at the first, keyed in the calendar shape the job catalog accepts', () => {
    const gate = congestionEventGate(IDCONS_RULES_FOR_TEST, 'GOPACS 2019/01-28#1', portfolioId, isps, preparedAt);
    expect(gate.key).toMatch(/^gate\.[a-z0-9-]+\.\d{8}T\d{4}Z$/);
    expect(gate.key).toMatch(/^gate\.idcons-nl-gopacs-2019-01-28-1-[0-9a-f]{8}-6f1c1a8e\.20190128T1500Z$/);
    expect([gate.market, gate.productCode, gate.deliveryDay, gate.period.start.toISOString(), gate.period.end.toISOString(), gate.gateClosureAt.toISOString()]).toEqual([
      'idcons',
      'idcons-nl',
      '2019-01-28',
      '2019-01-28T15:00:00.000Z',
      '2019-01-28T15:30:00.000Z',
      '2019-01-28T15:00:00.000Z',
    ]);
  });

  it('keeps events apart that differ only in case or punctuation, and portfolios apart', () => {
    const keys = [
      congestionEventGate(IDCONS_RULES_FOR_TEST, 'event-A', portfolioId, isps, preparedAt).key,
      congestionEventGate(IDCONS_RULES_FOR_TEST, 'event-a', portfolioId, isps, preparedAt).key,
      congestionEventGate(IDCONS_RULES_FOR_TEST, 'event.a', portfolioId, isps, preparedAt).key,
      congestionEventGate(IDCONS_RULES_FOR_TEST, 'event-a', '7f1c1a8e-0000-4000-8000-000000000001', isps, preparedAt).key,
    ];
    expect(new Set(keys).size).toBe(4);
  });
});
