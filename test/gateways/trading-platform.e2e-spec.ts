import { join } from 'node:path';
import { loadConfig } from '@vpp/config';
import { GatewayOrder, HttpTradingPlatformGateway } from '@vpp/markets';
import { parseDecimal, TimeRange } from '@vpp/units';
import { readClearedBuckets } from '../../apps/simulator/src/exchange/gopacs-buckets.reader';
import { SimulatedTradingPlatform } from '../../apps/simulator/src/exchange/simulated-trading-platform';

// GOPACS IDCONS through the trading-platform gateway and the simulated platform over loopback HTTP,
// replaying the real cleared buckets. 2019-01-28: TenneT cleared 12.5 MW buy and 12.5 MW sell in each
// PTU 15:00Z-17:00Z and nothing else that day. Scaled to a 5 MW portfolio (factor 5 / 12.5 = 0.4):
// 5 MW per PTU. A 3 MW sell 15:00-15:30Z matches 3 MW in both PTUs; an 8 MW buy 16:45-17:15Z matches
// 5 MW at 16:45 and nothing at 17:00 (no congestion then).
describe('trading platform (GOPACS IDCONS) gateway', () => {
  const platform = new SimulatedTradingPlatform(readClearedBuckets(join(loadConfig().dataDir, 'gopacs-cleared-buckets-nl-2018-2023.csv')), parseDecimal('5'));
  let gateway: HttpTradingPlatformGateway;

  beforeAll(async () => {
    gateway = new HttpTradingPlatformGateway(loadConfig({ GATEWAYS_TRADING_PLATFORM_URL: await platform.server.start() }));
  });

  afterAll(async () => {
    await platform.server.stop();
  });

  const order = (clientOrderId: string, direction: 'buy' | 'sell', start: string, end: string, mw: string, ean: string | null): GatewayOrder => ({
    clientOrderId,
    bid: {
      bidId: clientOrderId,
      portfolioId: '6f1c1a8e-0000-4000-8000-000000000001',
      market: 'idcons',
      productCode: 'idcons-nl',
      direction,
      period: TimeRange.of(new Date(start), new Date(end)),
      points: [{ price: parseDecimal('80'), quantityMw: parseDecimal(mw) }],
      locationEan: ean,
      reservationId: null,
    },
  });

  it('matches location-tagged orders against the scaled historical buckets, at the order price', async () => {
    const deadline = new Date(Date.now() + 10_000);
    const acks = await gateway.submitOrders(
      [
        order('sell-1', 'sell', '2019-01-28T15:00:00Z', '2019-01-28T15:30:00Z', '3', '871687140000000001'),
        order('buy-1', 'buy', '2019-01-28T16:45:00Z', '2019-01-28T17:15:00Z', '8', '871687140000000002'),
        order('no-ean', 'buy', '2019-01-28T16:45:00Z', '2019-01-28T17:00:00Z', '1', null),
      ],
      deadline,
    );
    expect(acks.map((ack) => [ack.clientOrderId, ack.accepted])).toEqual([
      ['sell-1', true],
      ['buy-1', true],
      ['no-ean', false],
    ]);
    const matches = await gateway.matches('2019-01-28', deadline);
    expect(matches.map((m) => [m.clientOrderId, m.period.start.toISOString(), m.quantityMw.toFixed(), m.price.toFixed(), m.pricing])).toEqual([
      ['sell-1', '2019-01-28T15:00:00.000Z', '3', '80', 'spread-paid-by-grid-operator'],
      ['sell-1', '2019-01-28T15:15:00.000Z', '3', '80', 'spread-paid-by-grid-operator'],
      ['buy-1', '2019-01-28T16:45:00.000Z', '5', '80', 'spread-paid-by-grid-operator'],
      ['buy-1', '2019-01-28T17:00:00.000Z', '0', '80', 'spread-paid-by-grid-operator'],
    ]);
    expect(matches[0].labels[0]).toContain('scaled');
  });
});
