import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, OemCloudConfig } from '@vpp/config';
import { OemError } from '../domain/oem.errors';
import { GenericRestOemAdapter } from '../infrastructure/generic-rest-oem.adapter';
import { GuardedOemClient, OemClientStatus } from '../infrastructure/guarded-oem-client';

// A failing OEM is retried at its polling interval at first, doubling up to 32 intervals (max 1 h).
const MAX_BACKOFF_INTERVALS = 32;
const MAX_BACKOFF_MS = 3_600_000;

/** The configured OEM clouds (`OEM_CLOUDS`), one guarded client each, for the life of the process. */
@Injectable()
export class OemClouds {
  private readonly clients = new Map<string, GuardedOemClient>();
  private readonly configs = new Map<string, OemCloudConfig>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    for (const cloud of config.oem.clouds) {
      const policy = { baseMs: cloud.pollIntervalMs, maxMs: Math.min(MAX_BACKOFF_MS, cloud.pollIntervalMs * MAX_BACKOFF_INTERVALS) };
      this.clients.set(cloud.name, new GuardedOemClient(new GenericRestOemAdapter(cloud), cloud.rateLimitPerMinute, policy));
      this.configs.set(cloud.name, cloud);
    }
  }

  names(): string[] {
    return [...this.clients.keys()];
  }

  client(oem: string): GuardedOemClient {
    const client = this.clients.get(oem);
    if (!client) throw new OemError('OEM_UNKNOWN_CLOUD', `no OEM cloud "${oem}" is configured`);
    return client;
  }

  config(oem: string): OemCloudConfig {
    const config = this.configs.get(oem);
    if (!config) throw new OemError('OEM_UNKNOWN_CLOUD', `no OEM cloud "${oem}" is configured`);
    return config;
  }

  status(oem: string): OemClientStatus {
    return this.client(oem).status();
  }
}
