import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BootNotificationRequest, BootNotificationResponse } from '../protocol/ocpp-messages';
import { OcppStationEntity } from '../infrastructure/ocpp-station.entity';
import type { StationPrincipal } from './station-principal';

/**
 * Every authenticated station is accepted (it is registered, or auth would have failed) with our
 * heartbeat interval (2.0.1 Part 2 B01.FR.xx: interval in seconds, currentTime as the clock).
 */
@Injectable()
export class RecordBootNotificationUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(station: StationPrincipal, request: BootNotificationRequest, heartbeatIntervalS: number, at: Date): Promise<BootNotificationResponse> {
    const info = request.chargingStation;
    await this.dataSource.getRepository(OcppStationEntity).update(
      { id: station.id },
      { vendorName: info.vendorName, model: info.model, firmwareVersion: info.firmwareVersion ?? null, lastBootAt: at, lastSeenAt: at, connected: true },
    );
    return { status: 'Accepted', interval: heartbeatIntervalS, currentTime: at.toISOString() };
  }
}
