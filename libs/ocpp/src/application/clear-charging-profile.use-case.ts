import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OcppError } from '../domain/ocpp.errors';
import type { ClearChargingProfileRequest } from '../protocol/ocpp-messages';
import { OcppTransactionEntity } from '../infrastructure/ocpp-transaction.entity';
import { StationConnections } from '../infrastructure/station-connections';
import { CommandOutcome, RecordedCommandSender } from './recorded-command-sender';
import { profileIdFor } from './send-charging-command.use-case';

/** ClearChargingProfile of our TxProfile on one transaction: the station falls back to its defaults (K10). */
@Injectable()
export class ClearChargingProfileUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: StationConnections,
    private readonly sender: RecordedCommandSender,
  ) {}

  async execute(input: { stationId: string; transactionId: string }): Promise<CommandOutcome> {
    const link = this.connections.get(input.stationId);
    if (!link) throw new OcppError('OCPP_STATION_NOT_CONNECTED', `station ${input.stationId} is not connected`);
    const transaction = await this.dataSource
      .getRepository(OcppTransactionEntity)
      .findOneBy({ ocppStationId: link.station.id, transactionId: input.transactionId });
    if (!transaction) throw new OcppError('OCPP_TRANSACTION_UNKNOWN', `no transaction ${input.transactionId} on ${input.stationId}`);
    const request: ClearChargingProfileRequest = { chargingProfileId: profileIdFor(transaction.id) };
    return this.sender.send(link, 'ClearChargingProfile', input.transactionId, request);
  }
}
