import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OcppStationEntity } from '../infrastructure/ocpp-station.entity';

/** Heartbeat and StatusNotification: the station is alive; nothing else changes. */
@Injectable()
export class RecordStationSeenUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(stationRowId: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(OcppStationEntity).update({ id: stationRowId }, { lastSeenAt: at, connected: true });
  }
}
