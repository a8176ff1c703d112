import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import type { ChargingProfileStatusResponse } from '../protocol/ocpp-messages';
import { OcppCommandEntity, OcppCommandStatus } from '../infrastructure/ocpp-command.entity';
import { ocppCommandLatencySeconds } from '../infrastructure/ocpp-metrics';
import type { StationLink } from '../infrastructure/station-connections';
import { OCPP_FLEET_PORT, OcppFleetPort } from './ocpp-fleet.port';

export interface CommandOutcome {
  readonly commandId: string;
  readonly status: Exclude<OcppCommandStatus, 'sent'>;
  /** Request to response, measured here with sub-millisecond resolution; null when no answer came. */
  readonly latencyMs: number | null;
  readonly response: ChargingProfileStatusResponse | null;
}

function statusOf(response: ChargingProfileStatusResponse): 'accepted' | 'rejected' {
  return response.status === 'Accepted' ? 'accepted' : 'rejected';
}

/**
 * Sends one command and keeps its trace: the row is written before the CALL goes out (a crash
 * mid-call leaves a 'sent' row to reconcile), then completed with the answer and the latency,
 * which also feeds the ocpp channel's running estimate in the fleet model.
 */
@Injectable()
export class RecordedCommandSender {
  private readonly logger = new Logger(RecordedCommandSender.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OCPP_FLEET_PORT) private readonly fleet: OcppFleetPort,
  ) {}

  /** `commandId`: the row id when the requester chose one (a command handed over by job); a fresh one otherwise. */
  async send(link: StationLink, action: string, transactionId: string | null, request: object, commandId: string = randomUUID()): Promise<CommandOutcome> {
    const repository = this.dataSource.getRepository(OcppCommandEntity);
    await repository.insert({ id: commandId, ocppStationId: link.station.id, action, transactionId, request, status: 'sent', sentAt: new Date() });
    const startedAt = performance.now();
    let outcome: CommandOutcome;
    try {
      const response = (await link.call(action, request, this.config.ocpp.callTimeoutMs)) as ChargingProfileStatusResponse;
      const latencyMs = performance.now() - startedAt;
      outcome = { commandId, status: statusOf(response), latencyMs, response };
    } catch (error) {
      this.logger.warn({ err: error, stationId: link.station.stationId, action, commandId }, 'OCPP command failed');
      outcome = { commandId, status: 'failed', latencyMs: null, response: null };
      await repository.update({ id: commandId }, { status: 'failed', error: error instanceof Error ? error.message : String(error), answeredAt: new Date() });
      return outcome;
    }
    await repository.update(
      { id: commandId },
      { status: outcome.status, response: outcome.response, answeredAt: new Date(), latencyMs: Math.round(outcome.latencyMs ?? 0) },
    );
    ocppCommandLatencySeconds.observe({ action, status: outcome.status }, (outcome.latencyMs ?? 0) / 1000);
    await this.fleet.recordLatency(link.station, outcome.latencyMs ?? 0);
    return outcome;
  }
}
