import { Decimal } from '@vpp/units';
import { CongestionError } from './congestion.errors';
import { eventConnections, eventIsps, IdconsEvent } from './idcons-event';

describe('IDCONS events', () => {
  const event = (start: string, end: string, requestedMw = '2'): IdconsEvent => ({
    eventId: 'e1',
    congestionPointEan: '871687140000000001',
    congestionArea: null,
    start: new Date(start),
    end: new Date(end),
    direction: 'consume-less',
    requestedMw: new Decimal(requestedMw),
  });

  it('turns the event into the ISPs of one delivery day', () => {
    const { day, isps, firstIndex } = eventIsps(event('2019-01-28T15:00:00Z', '2019-01-28T15:30:00Z'));
    expect(day.isoDate).toBe('2019-01-28');
    expect(isps.map((isp) => isp.start.toISOString())).toEqual(['2019-01-28T15:00:00.000Z', '2019-01-28T15:15:00.000Z']);
    // 2019-01-28 starts 2019-01-27T23:00Z: 15:00Z is ISP 65 (index 64).
    expect(firstIndex).toBe(64);
  });

  it('refuses events off the quarter-hour, across two days, empty or asking nothing', () => {
    for (const bad of [
      event('2019-01-28T15:05:00Z', '2019-01-28T15:30:00Z'),
      event('2019-01-28T22:45:00Z', '2019-01-28T23:15:00Z'),
      event('2019-01-28T15:00:00Z', '2019-01-28T15:00:00Z'),
      event('2019-01-28T15:00:00Z', '2019-01-28T15:30:00Z', '0'),
    ]) {
      expect(() => eventIsps(bad)).toThrow(CongestionError);
    }
  });

  it('scales the connections into the ledger headroom per ISP and direction, and renames to the markets words', () => {
    const day = (values: Record<number, number>): Float64Array => {
      const out = new Float64Array(96);
      for (const [i, kw] of Object.entries(values)) out[Number.parseInt(i, 10)] = kw;
      return out;
    };
    const connections = [
      { ean: 'a', downKw: day({ 10: 600, 11: 600 }), upKw: day({ 10: 100 }), sessionIds: ['s1'] },
      { ean: 'b', downKw: day({ 10: 600, 11: 200 }), upKw: day({ 10: 300 }), sessionIds: ['s2'] },
    ];
    const scaled = eventConnections(connections, { downKw: day({ 10: 900, 11: 2_000 }), upKw: day({ 10: 200 }) }, 10, 2);
    // ISP 10: 1,200 kW less asked of 900 headroom: x0.75 each; 400 kW more of 200: x0.5. ISP 11: within headroom.
    expect(scaled.map((c) => [c.ean, Array.from(c.upKw), Array.from(c.downKw)])).toEqual([
      ['a', [450, 600], [50, 0]],
      ['b', [450, 200], [150, 0]],
    ]);
  });
});
