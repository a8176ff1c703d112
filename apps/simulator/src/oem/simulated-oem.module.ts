import { join } from 'node:path';
import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { readAcnSimVehicles } from './acn-sim-vehicles.reader';
import { SimulatedOemCloud } from './simulated-oem-cloud';

const ACN_FILE = 'ev-sessions-acn-caltech-2020-12-to-2021-06.csv';

/**
 * Runs the simulated OEM cloud in the simulator app when OEM_SIMULATOR_PORT is set, impersonating
 * the OEM_CLOUDS entry named OEM_SIMULATOR_CLOUD (same client credentials and webhook secret).
 */
@Injectable()
export class SimulatedOemRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SimulatedOemRunner.name);
  private cloud: SimulatedOemCloud | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const sim = this.config.oem.simulator;
    if (sim.port === undefined) return;
    const entry = this.config.oem.clouds.find((cloud) => cloud.name === sim.cloud);
    if (!entry) throw new Error(`OEM_SIMULATOR_CLOUD "${sim.cloud}" is not in OEM_CLOUDS`);
    if (entry.auth.type !== 'oauth-client-credentials') throw new Error(`the simulated OEM speaks OAuth client credentials; set that auth for "${sim.cloud}"`);
    const { vehicles, skipped } = readAcnSimVehicles(join(this.config.dataDir, ACN_FILE), sim.vehicles);
    this.cloud = new SimulatedOemCloud({
      vehicles,
      clientId: entry.auth.clientId,
      clientSecret: entry.auth.clientSecret,
      webhookUrl: sim.webhookUrl,
      webhookSecret: entry.webhookSecret,
      rateLimitPerMinute: entry.rateLimitPerMinute,
      commandLatencyMs: 2_000,
      timeScale: 60,
    });
    const url = await this.cloud.start(sim.port);
    this.logger.log({ url, vehicles: vehicles.length, skippedWithoutDriverInput: skipped }, 'simulated OEM cloud listening');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.cloud?.stop();
  }
}

@Module({ providers: [SimulatedOemRunner] })
export class SimulatedOemModule {}
