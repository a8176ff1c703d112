import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { effectiveCapabilities, StationCapabilities } from '../domain/station-capabilities';
import { OcppStationEntity } from '../infrastructure/ocpp-station.entity';
import type { ConnectedStation } from './station-principal';

/** A station's WebSocket opened: record the negotiated version and what we may now ask of it. */
@Injectable()
export class RecordStationConnectedUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(station: ConnectedStation, at: Date): Promise<StationCapabilities> {
    const capabilities = effectiveCapabilities(station.declaredBidirectional, station.protocol);
    await this.dataSource.getRepository(OcppStationEntity).update(
      { id: station.id },
      { connected: true, lastSeenAt: at, ocppVersion: station.protocol, ...capabilities },
    );
    return capabilities;
  }
}
