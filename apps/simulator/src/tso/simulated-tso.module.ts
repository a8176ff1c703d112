import { join } from 'node:path';
import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { SimulatedTso, type SimulatedTsoOptions, type TsoRunSummary } from './simulated-tso';

/** `ws(s)://…` is the dispatcher's WebSocket feed endpoint, anything else its HTTP base URL. */
export function tsoTransport(feedUrl: string): SimulatedTsoOptions['transport'] {
  const url = feedUrl.replace(/\/+$/, '');
  return /^wss?:\/\//.test(url) ? { kind: 'ws', endpoint: url } : { kind: 'http', baseUrl: url };
}

/**
 * Runs the simulated TSO feed in the simulator app when SIMULATOR_TSO_FEED_URL, _FEED_KEY and
 * _PORTFOLIO_ID are set: aFRR setpoints DERIVED from the frequency recording (every message and
 * the run summary are labelled `derived`), optionally the frequency too, at SIMULATOR_TSO_SPEEDUP.
 * It plays the recording once, in the background, so the app boots at once.
 */
@Injectable()
export class SimulatedTsoRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SimulatedTsoRunner.name);
  private tso: SimulatedTso | null = null;
  private run: Promise<TsoRunSummary | null> = Promise.resolve(null);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    const settings = this.config.simulator.tso;
    if (settings === undefined) return;
    const transport = tsoTransport(settings.feedUrl);
    this.tso = new SimulatedTso({
      portfolioId: settings.portfolioId, apiKey: settings.feedKey, transport,
      frequencyFile: join(this.config.dataDir, settings.frequencyFile),
      afrrCapacityMw: settings.afrrCapacityMw, sendFrequency: settings.sendFrequency, speedup: settings.speedup,
    });
    this.logger.log({ portfolioId: settings.portfolioId, transport: transport.kind, speedup: settings.speedup, label: 'derived' }, 'simulated TSO feed starting (aFRR derived from the frequency recording)');
    this.run = this.tso.run().then(
      (summary) => {
        this.logger.log({ ...summary }, 'simulated TSO feed done');
        return summary;
      },
      (error: unknown) => {
        this.logger.error({ err: error }, 'simulated TSO feed failed');
        return null;
      },
    );
  }

  /** The running feed's summary once it ends (null when none runs or it failed); for tests and the demo. */
  finished(): Promise<TsoRunSummary | null> {
    return this.run;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.tso?.close();
  }
}

@Module({ providers: [SimulatedTsoRunner], exports: [SimulatedTsoRunner] })
export class SimulatedTsoModule {}
