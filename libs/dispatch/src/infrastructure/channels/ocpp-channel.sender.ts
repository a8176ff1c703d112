import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CorrelationContext } from '@vpp/observability';
import { OcppError, type SendChargingCommandUseCase, type StationConnections } from '@vpp/ocpp';
import { buildIdempotencyKey, enqueueInTransaction, JobName } from '@vpp/queues';
import type { ChannelCommand, ChannelSender, ChannelSendResult } from '../../application/channel-senders';
import { failed, nonNegative } from './channel-result';

/** The in-process OCPP path, present when this process holds station sockets (the platform app). */
export interface LocalOcpp {
  readonly send: SendChargingCommandUseCase;
  readonly connections: StationConnections;
}

/**
 * OCPP: SetChargingProfile on the open transaction of the session. Over the station's socket when
 * this process holds it (libs/ocpp records the command, its answer and the channel latency);
 * otherwise (the dispatcher deployed on its own) handed to the connector by a `connector` job with
 * a command id chosen here, whose outcome comes back in ocpp_commands (reconcileChannelResults).
 */
export class OcppChannelSender implements ChannelSender {
  constructor(
    private readonly dataSource: DataSource,
    private readonly local: LocalOcpp | null,
  ) {}

  async send(command: ChannelCommand): Promise<ChannelSendResult> {
    const rows: Array<{ station_id: string; transaction_id: string; supports_setpoints: boolean }> = await this.dataSource.query(
      `SELECT s.station_id, t.transaction_id, s.supports_setpoints FROM ocpp_transactions t JOIN ocpp_stations s ON s.id = t.ocpp_station_id
        WHERE t.session_id = $1 AND t.ended_at IS NULL ORDER BY t.started_at DESC LIMIT 1`,
      [command.sessionId],
    );
    if (rows.length === 0) return failed('no open OCPP transaction for the session');
    const { station_id: stationId, transaction_id: transactionId, supports_setpoints: setpoints } = rows[0];
    // OCPP 2.0.1 stations only take limits: a charging setpoint becomes a limit, a discharge is impossible.
    if (this.local !== null && this.local.connections.get(stationId) !== undefined) {
      const ocppCommand = setpoints ? { kind: 'setpoint' as const, setpointKw: command.powerKw } : { kind: 'limit' as const, limitKw: nonNegative(command.powerKw) };
      try {
        const outcome = await this.local.send.execute({ stationId, transactionId, command: ocppCommand });
        return { status: outcome.status, channelCommandId: outcome.commandId, latencyMs: outcome.latencyMs === null ? null : Math.round(outcome.latencyMs) };
      } catch (error) {
        if (error instanceof OcppError) return failed(`${error.code}: ${error.message}`);
        throw error;
      }
    }
    const commandId = randomUUID();
    const kw = setpoints ? command.powerKw : nonNegative(command.powerKw);
    await this.dataSource.transaction((manager) =>
      enqueueInTransaction(manager, {
        name: JobName.SendChargingCommand,
        payload: {
          schemaVersion: 1, correlationId: CorrelationContext.currentId() ?? CorrelationContext.newCorrelationId(), idempotencyKey: buildIdempotencyKey('ocpp-command', commandId, 'send'), commandId, stationId, transactionId,
          kind: setpoints ? 'setpoint' : 'limit', kw: kw.toFixed(3),
        },
      }),
    );
    return { status: 'sent', channelCommandId: commandId, latencyMs: null };
  }
}
