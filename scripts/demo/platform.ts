import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, loadConfig, PLATFORM_CLOCK } from '@vpp/config';
import { createHttpApp } from '@vpp/observability';
import { Decimal, parseDecimal } from '@vpp/units';
import { PLATFORM_APP_NAME, PlatformModule } from '../../apps/platform/src/platform.module';
import { SimulatedExchange } from '../../apps/simulator/src/exchange/simulated-exchange';
import { SimulatedTradingPlatform } from '../../apps/simulator/src/exchange/simulated-trading-platform';
import { SimulatedTsoMarket } from '../../apps/simulator/src/tso-market/simulated-tso-market';
import type { DayPrices } from './derived-prices';
import type { DayMarketData } from './derived-market-data';
import type { SimulatedClock } from './sim-clock';

export interface RunningPlatform {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly config: AppConfig;
  readonly dataSource: DataSource;
  readonly exchange: SimulatedExchange;
  readonly tso: SimulatedTsoMarket;
  readonly gopacs: SimulatedTradingPlatform;
  readonly gopacsPortfolioMw: Decimal;
  close(): Promise<void>;
}

/**
 * The run's own BullMQ keys: the calendar enqueued prepare and collect jobs delayed to their
 * simulated instants, which the demo ran itself; nothing of this run should wait in Redis.
 */
async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A free loopback port picked up front: the platform's OCPI versions URL (in token A answers) must name it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address !== null && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The market counterparties (apps/simulator: exchange, TSO balancing platform, GOPACS) on
 * 127.0.0.1 random ports with the day's data, then the whole platform app (PlatformModule, as
 * `npm run start:platform` runs it) on a random loopback port, its markets clock bound to the
 * demo's simulated clock and its schedulers off: the demo triggers each stage itself.
 */
export async function startPlatform(base: Record<string, string>, prices: DayPrices, market: DayMarketData, clock: SimulatedClock, evs: number): Promise<RunningPlatform> {
  const fcrPrices = loadConfig(base).gateways.sim.fcrPricesEurPerMwH.map(parseDecimal);
  const exchange = new SimulatedExchange(prices.series);
  const tso = new SimulatedTsoMarket(market.afrrPrices, fcrPrices, market.afrrEnergyPrices);
  // ASSUMED 2.5 kW of congestion flexibility per EV: GOPACS's largest bucket of the day is scaled to it.
  const gopacsPortfolioMw = Decimal.max(new Decimal('0.1'), new Decimal(evs).times('0.0025'));
  const gopacs = new SimulatedTradingPlatform(market.gopacsBuckets, gopacsPortfolioMw);
  const [exchangeUrl, tsoUrl, gopacsUrl] = [await exchange.server.start(), await tso.server.start(), await gopacs.server.start()];
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    ...base,
    OCPI_PUBLIC_BASE_URL: baseUrl,
    QUEUE_PREFIX: `{vpp-demo-${randomBytes(4).toString('hex')}}`,
    OUTBOX_POLL_INTERVAL_MS: '50',
    PLANNING_DAY_AHEAD_PRICE_FILES: prices.path,
    PLANNING_SCHEDULE: 'off',
    MARKETS_CALENDAR_SCHEDULE: 'off',
    FLEET_STALE_CHECK_INTERVAL_SECONDS: '0',
    SETTLEMENT_CHECK_SECONDS: '0',
    DISPATCH_LOOP_ENABLED: 'false',
    // The simulated TSO's WebSocket feed (random loopback port): aFRR setpoints and frequency on the demo day.
    DISPATCH_TSO_WS_PORT: '0',
    // The aggregator pools every CPO site (one per OCPI Location, ~1,200 at 2,000 EVs) in one go; 600/min would stall the day.
    RATE_LIMIT_PER_MINUTE: '6000',
    GATEWAYS_EXCHANGE_URL: exchangeUrl,
    GATEWAYS_TSO_URL: tsoUrl,
    GATEWAYS_TRADING_PLATFORM_URL: gopacsUrl,
    GATEWAYS_REQUEST_TIMEOUT_MS: '10000',
  });
  const moduleRef = await Test.createTestingModule({ imports: [PlatformModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    // Every context reads "now" from the platform clock: gates and awards, the TSO feed's intake (a
    // message's age in the simulated time it is stamped in), drivers' departures, telemetry's checks.
    .overrideProvider(PLATFORM_CLOCK)
    .useValue(clock)
    .compile();
  const app = await createHttpApp(moduleRef, { appName: PLATFORM_APP_NAME, config });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    app,
    baseUrl,
    config,
    dataSource: app.get(DataSource),
    exchange,
    tso,
    gopacs,
    gopacsPortfolioMw,
    close: async () => {
      await app.close();
      await Promise.all([exchange.server.stop(), tso.server.stop(), gopacs.server.stop()]);
      await dropQueueKeys(config.redis.url, config.redis.queuePrefix);
    },
  };
}
