import { TimeRange } from '@vpp/units';
import { clientOrderIdFor, counterpartyOf } from './gateway-order';

describe(clientOrderIdFor.name, () => {
  const offer = {
    portfolioId: '6f1c1a8e-0000-4000-8000-000000000001',
    productCode: 'sdac-nl',
    direction: 'buy' as const,
    period: TimeRange.of(new Date('2023-03-15T00:00:00Z'), new Date('2023-03-15T01:00:00Z')),
    locationEan: null,
  };

  it('is the same for the same gate and offer (a resend replaces), and differs for another period or gate', () => {
    const id = clientOrderIdFor('gate.sdac-nl.20230314T2300Z', offer);
    expect(id).toMatch(/^vpp-[0-9a-f]{32}$/);
    expect(clientOrderIdFor('gate.sdac-nl.20230314T2300Z', { ...offer })).toBe(id);
    expect(clientOrderIdFor('gate.sdac-nl.20230315T2300Z', offer)).not.toBe(id);
    expect(clientOrderIdFor('gate.sdac-nl.20230314T2300Z', { ...offer, period: TimeRange.of(new Date('2023-03-15T01:00:00Z'), new Date('2023-03-15T02:00:00Z')) })).not.toBe(id);
  });

  it('tells apart bids of one period and direction by their variant (ladder steps, IDCONS pairs per EAN), and keeps variant-less ids', () => {
    const gate = 'gate.afrr-energy-nl.20230315T0000Z';
    const energy = { ...offer, productCode: 'afrr-energy-nl', direction: 'up' as const, period: TimeRange.of(new Date('2023-03-15T00:00:00Z'), new Date('2023-03-15T00:15:00Z')) };
    const steps = ['step1', 'step2', 'step3'].map((variant) => clientOrderIdFor(gate, { ...energy, variant }));
    expect(new Set(steps).size).toBe(3);
    expect(clientOrderIdFor(gate, { ...energy, variant: 'step2' })).toBe(steps[1]);
    expect(clientOrderIdFor(gate, { ...energy, variant: '' })).toBe(clientOrderIdFor(gate, energy));
    const idcons = { ...offer, productCode: 'idcons-nl', direction: 'sell' as const, locationEan: '871687140000000001' };
    expect(clientOrderIdFor('gate.idcons-nl.e1', { ...idcons, variant: 'event-1.871687140000000001' })).not.toBe(
      clientOrderIdFor('gate.idcons-nl.e1', { ...idcons, variant: 'event-2.871687140000000001' }),
    );
  });

  it('routes each market to its counterparty kind', () => {
    expect([counterpartyOf('fcr'), counterpartyOf('afrr'), counterpartyOf('day-ahead'), counterpartyOf('idcons')]).toEqual(['tso', 'tso', 'exchange', 'trading-platform']);
  });
});
