import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobContext, JobHandler, JobName, JobOutcome, JobPayload, QueueName } from '@vpp/queues';
import { parseDecimal } from '@vpp/units';
import { SendChargingCommandUseCase } from '../application/send-charging-command.use-case';
import type { ChargingCommand } from '../domain/charging-command';
import { OcppError } from '../domain/ocpp.errors';
import { OcppCommandEntity } from './ocpp-command.entity';
import { OcppStationEntity } from './ocpp-station.entity';

/**
 * The `connector` queue's OCPP job: a command handed over by a process without the stations'
 * sockets (the dispatcher in a split deployment), sent here over the station's socket. The
 * outcome is recorded in ocpp_commands under the requester's command id, where it reads it back;
 * a station this process cannot reach gets a failed row with the reason, so no request waits forever.
 */
@Injectable()
export class OcppCommandsProcessor {
  private readonly logger = new Logger(OcppCommandsProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly send: SendChargingCommandUseCase,
  ) {}

  // Not in runIdempotently: the socket call must not sit inside a transaction. The command row,
  // written under the requester's id before the CALL, is the guard: a retry finds it and stops.
  @JobHandler(QueueName.Connector, JobName.SendChargingCommand)
  async sendChargingCommand(payload: JobPayload<typeof JobName.SendChargingCommand>, context: JobContext): Promise<JobOutcome> {
    if (await this.dataSource.getRepository(OcppCommandEntity).existsBy({ id: payload.commandId })) return 'skipped';
    const kw = parseDecimal(payload.kw);
    const command: ChargingCommand = payload.kind === 'setpoint' ? { kind: 'setpoint', setpointKw: kw } : { kind: 'limit', limitKw: kw.isNegative() ? parseDecimal('0') : kw };
    try {
      const outcome = await this.send.execute({ stationId: payload.stationId, transactionId: payload.transactionId, command, commandId: payload.commandId });
      this.logger.log({ msg: 'ocpp charging command', status: outcome.status, commandId: payload.commandId, jobId: context.jobId, attempt: context.attempt });
      return 'done';
    } catch (error) {
      if (!(error instanceof OcppError)) throw error;
      await this.recordUnreachable(payload, `${error.code}: ${error.message}`);
      return 'done';
    }
  }

  private async recordUnreachable(payload: JobPayload<typeof JobName.SendChargingCommand>, reason: string): Promise<void> {
    const station = await this.dataSource.getRepository(OcppStationEntity).findOneBy({ stationId: payload.stationId });
    if (!station) throw new UnrecoverableError(`station ${payload.stationId} is not registered`);
    const now = new Date();
    await this.dataSource.getRepository(OcppCommandEntity).insert({
      id: payload.commandId, ocppStationId: station.id, action: 'SetChargingProfile', transactionId: payload.transactionId,
      request: { kind: payload.kind, kw: payload.kw }, status: 'failed', error: reason, sentAt: now, answeredAt: now,
    });
    this.logger.warn({ msg: 'ocpp charging command not sent', reason, commandId: payload.commandId, stationId: payload.stationId });
  }
}
