import { join } from 'node:path';
import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { readDayAheadPrices } from '@vpp/markets';
import { parseDecimal } from '@vpp/units';
import { readAfrrMarginalPrices } from '../tso-market/afrr-capacity-auction.reader';
import { SimulatedTsoMarket } from '../tso-market/simulated-tso-market';
import { readClearedBuckets } from './gopacs-buckets.reader';
import type { JsonHttpServer } from './json-http-server';
import { SimulatedExchange } from './simulated-exchange';
import { SimulatedTradingPlatform } from './simulated-trading-platform';

const NL_DAY_AHEAD_FILES = ['prices-nl-dayahead-2019.csv', 'prices-nl-dayahead-2020.csv', 'prices-nl-dayahead-2021.csv', 'prices-nl-dayahead-2022.csv', 'prices-nl-dayahead-2023.csv'];

/**
 * Starts the simulated market counterparties whose port is configured (GATEWAYS_SIM_*_PORT):
 * the TSO balancing platform, the power exchange and GOPACS, on 127.0.0.1, each loading its real
 * data from DATA_DIR once. The platform's gateways reach them through GATEWAYS_*_URL.
 */
@Injectable()
export class SimulatedMarketsRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SimulatedMarketsRunner.name);
  private readonly servers: JsonHttpServer[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const { sim } = this.config.gateways;
    const data = (file: string): string => join(this.config.dataDir, file);
    if (sim.tsoPort !== undefined) {
      const tso = new SimulatedTsoMarket(readAfrrMarginalPrices(data('afrr-capacity-auction-de-2021-2023.csv')), sim.fcrPricesEurPerMwH.map(parseDecimal));
      await this.start('tso', tso.server, sim.tsoPort);
    }
    if (sim.exchangePort !== undefined) {
      const series = NL_DAY_AHEAD_FILES.map((file) => readDayAheadPrices(data(file)));
      const exchange = new SimulatedExchange({ priceFor: (isp) => series.map((s) => s.priceFor(isp)).find((price) => price !== undefined) });
      await this.start('exchange', exchange.server, sim.exchangePort);
    }
    if (sim.tradingPlatformPort !== undefined) {
      const platform = new SimulatedTradingPlatform(readClearedBuckets(data('gopacs-cleared-buckets-nl-2018-2023.csv')), parseDecimal(sim.portfolioMw));
      await this.start('trading-platform', platform.server, sim.tradingPlatformPort);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop()));
  }

  private async start(name: string, server: JsonHttpServer, port: number): Promise<void> {
    const url = await server.start(port);
    this.servers.push(server);
    this.logger.log({ counterparty: name, url }, 'simulated market counterparty listening');
  }
}

@Module({ providers: [SimulatedMarketsRunner] })
export class SimulatedMarketsModule {}
