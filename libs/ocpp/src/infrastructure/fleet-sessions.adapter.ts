import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { partyKey, RecordChannelLatencyUseCase, resolveExternalId, UpsertExternalSessionUseCase } from '@vpp/fleet';
import { EnergyKwh } from '@vpp/units';
import type { OcppFleetPort, OcppSessionUpdate } from '../application/ocpp-fleet.port';
import { ocppParty } from '../application/ocpp-party';
import type { StationPrincipal } from '../application/station-principal';

/** Binds the OCPP context to @vpp/fleet: transactions become sessions, latencies feed the channel estimate. */
@Injectable()
export class FleetSessionsAdapter implements OcppFleetPort {
  constructor(
    private readonly dataSource: DataSource,
    private readonly upsertExternalSession: UpsertExternalSessionUseCase,
    private readonly recordChannelLatency: RecordChannelLatencyUseCase,
  ) {}

  async upsertSession(manager: EntityManager, update: OcppSessionUpdate): Promise<string | null> {
    const { station } = update;
    if (station.fleetId === null) return null;
    const party = ocppParty(station);
    const evseId = await resolveExternalId(manager, 'evse', party, `${station.stationId}/${update.evseNumber}`);
    if (evseId === null) return null;
    const result = await this.upsertExternalSession.execute(manager, {
      party,
      // Transaction ids are unique per station only (2.0.1 Part 2 E01), so the station id is part of the key.
      externalSessionId: `${station.stationId}/${update.transactionId}`,
      source: 'ocpp',
      lastUpdated: update.lastEventAt,
      fields: {
        fleetId: station.fleetId,
        evseId,
        arrivalAt: update.startedAt,
        status: update.status,
        controlChannel: 'ocpp',
        canDischarge: update.canDischarge,
        ...(update.endedAt ? { actualDepartureAt: update.endedAt } : {}),
        ...(update.departureAt ? { expectedDepartureAt: update.departureAt } : {}),
        ...(update.energyNeedKwh ? { energyNeedKwh: EnergyKwh.of(update.energyNeedKwh) } : {}),
        ...(update.energyDeliveredKwh ? { energyDeliveredKwh: EnergyKwh.of(update.energyDeliveredKwh) } : {}),
      },
    });
    return result.sessionId;
  }

  async recordLatency(station: StationPrincipal, latencyMs: number): Promise<void> {
    await this.dataSource.transaction((manager) => this.recordChannelLatency.execute(manager, 'ocpp', partyKey(ocppParty(station)), latencyMs));
  }
}
