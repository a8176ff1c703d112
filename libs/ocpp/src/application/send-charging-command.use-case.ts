import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { buildSetChargingProfile, ChargingCommand } from '../domain/charging-command';
import { OcppError } from '../domain/ocpp.errors';
import { OcppStationEntity } from '../infrastructure/ocpp-station.entity';
import { OcppTransactionEntity } from '../infrastructure/ocpp-transaction.entity';
import { StationConnections } from '../infrastructure/station-connections';
import { CommandOutcome, RecordedCommandSender } from './recorded-command-sender';

export interface SendChargingCommandInput {
  readonly stationId: string;
  readonly transactionId: string;
  readonly command: ChargingCommand;
  readonly durationS?: number;
  /** The ocpp_commands row id to use (a command handed over by the `connector` job); fresh when unset. */
  readonly commandId?: string;
}

/**
 * One profile id per transaction, derived from our row id: a new command for the same
 * transaction replaces the previous profile instead of stacking (2.0.1 Part 2 K01.FR.05).
 */
export function profileIdFor(transactionRowId: string): number {
  return Number.parseInt(transactionRowId.replace(/-/g, '').slice(0, 7), 16) + 1;
}

/** SetChargingProfile (TxProfile) for one transaction: a limit, or on 2.1 V2X stations a setpoint. */
@Injectable()
export class SendChargingCommandUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: StationConnections,
    private readonly sender: RecordedCommandSender,
  ) {}

  async execute(input: SendChargingCommandInput): Promise<CommandOutcome> {
    const link = this.connections.get(input.stationId);
    if (!link) throw new OcppError('OCPP_STATION_NOT_CONNECTED', `station ${input.stationId} is not connected`);
    const station = await this.dataSource.getRepository(OcppStationEntity).findOneByOrFail({ id: link.station.id });
    const transaction = await this.dataSource
      .getRepository(OcppTransactionEntity)
      .findOneBy({ ocppStationId: station.id, transactionId: input.transactionId });
    if (!transaction || transaction.endedAt !== null) {
      throw new OcppError('OCPP_TRANSACTION_UNKNOWN', `no open transaction ${input.transactionId} on ${input.stationId}`);
    }
    const request = buildSetChargingProfile(
      { evseId: transaction.evseNumber, transactionId: input.transactionId, profileId: profileIdFor(transaction.id), startsAt: new Date(), durationS: input.durationS },
      input.command,
      { supportsSetpoints: station.supportsSetpoints, supportsDischarge: station.supportsDischarge },
    );
    return this.sender.send(link, 'SetChargingProfile', input.transactionId, request, input.commandId);
  }
}
