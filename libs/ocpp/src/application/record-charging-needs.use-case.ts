import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { readChargingNeeds } from '../domain/charging-needs';
import type { NotifyEVChargingNeedsRequest } from '../protocol/ocpp-messages';
import { OcppTransactionEntity } from '../infrastructure/ocpp-transaction.entity';
import { OCPP_FLEET_PORT, OcppFleetPort } from './ocpp-fleet.port';
import type { ConnectedStation } from './station-principal';
import { toSessionUpdate } from './to-session-update';

/** The NotifyEVChargingNeedsResponse status (2.0.1 Part 2 K15/K17). */
export type ChargingNeedsStatus = 'Accepted' | 'Rejected' | 'Processing';

/**
 * The EV's departure time, energy need and (2.1) V2X discharge limits become the session's needs.
 * We answer Processing: a schedule follows as SetChargingProfile once the planner decides
 * (2.0.1 Part 2 K17.FR.xx: Processing = "CSMS will send a charging profile").
 */
@Injectable()
export class RecordChargingNeedsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OCPP_FLEET_PORT) private readonly fleet: OcppFleetPort,
  ) {}

  async execute(station: ConnectedStation, request: NotifyEVChargingNeedsRequest, receivedAt: Date): Promise<ChargingNeedsStatus> {
    const needs = readChargingNeeds(request);
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(OcppTransactionEntity);
      const open = await repository.findOne({
        where: { ocppStationId: station.id, evseNumber: request.evseId, endedAt: IsNull() },
        order: { startedAt: 'DESC' },
        lock: { mode: 'pessimistic_write' },
      });
      // Needs arrive after the EV is authorised, so inside a transaction; without one there is nothing to plan.
      if (!open) return 'Rejected';
      open.departureAt = needs.departureAt ?? open.departureAt;
      open.energyNeedKwh = needs.energyNeedKwh?.toDecimalPlaces(6) ?? open.energyNeedKwh;
      // A station that cannot discharge keeps no discharge offer, whatever the EV says.
      const canDischarge = station.protocol === 'ocpp2.1' && station.declaredBidirectional;
      open.maxDischargeKw = canDischarge && needs.maxDischargePowerKw ? needs.maxDischargePowerKw.toDecimalPlaces(3) : null;
      open.updatedAt = receivedAt;
      open.sessionId = (await this.fleet.upsertSession(manager, toSessionUpdate(station, open))) ?? open.sessionId;
      await repository.save(open);
      return 'Processing';
    });
  }
}
