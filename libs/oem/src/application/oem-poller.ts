import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { OemClouds } from './oem-clouds';
import { PollVehicleStatesUseCase } from './poll-vehicle-states.use-case';

/**
 * Polls each configured OEM at its own interval when `OEM_POLLING_ENABLED=true` (connector app).
 * A round never overlaps the previous one of the same OEM. Assumes one connector instance polls;
 * a second would double the OEM request budget used (see README).
 */
@Injectable()
export class OemPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OemPoller.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clouds: OemClouds,
    private readonly poll: PollVehicleStatesUseCase,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.oem.pollingEnabled) return;
    for (const oem of this.clouds.names()) {
      const timer = setInterval(() => void this.round(oem), this.clouds.config(oem).pollIntervalMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  private async round(oem: string): Promise<void> {
    if (this.running.has(oem)) return;
    this.running.add(oem);
    try {
      const result = await this.poll.execute(oem);
      this.logger.debug(result, 'OEM polling round');
    } catch (error) {
      this.logger.error({ oem, err: error }, 'OEM polling round failed');
    } finally {
      this.running.delete(oem);
    }
  }
}
