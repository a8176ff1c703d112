import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PowerKw } from '@vpp/units';
import type { ChargePointProtocol, CurrentType, ExternalParty, OcppVersion } from '../domain/fleet-vocabulary';
import { ChargePointEntity } from '../infrastructure/persistence/charge-point.entity';
import { EvseEntity } from '../infrastructure/persistence/evse.entity';
import { assertInTransaction, claimExternalId } from './external-ids';

export interface UpsertExternalEvseCommand {
  readonly party: ExternalParty;
  readonly siteId: string;
  /** The station: OCPI has none (use the EVSE uid again), OCPP its station identity. */
  readonly externalChargePointId: string;
  readonly chargePoint: { readonly protocol: ChargePointProtocol; readonly ocppVersion: OcppVersion | null; readonly vendor: string | null; readonly model: string | null };
  /** OCPI `evse_uid`, or `<station identity>/<evse id>` for OCPP. */
  readonly externalEvseId: string;
  readonly currentType: CurrentType;
  readonly phases: 1 | 2 | 3;
  /** At most 3 decimals (numeric(14,3)). */
  readonly maxPowerKw: PowerKw;
  readonly bidirectional: boolean;
  readonly iso15118_20: boolean;
}

/** Creates or updates the charge point and EVSE behind a party's ids; returns our ids. */
@Injectable()
export class UpsertExternalEvseUseCase {
  async execute(manager: EntityManager, command: UpsertExternalEvseCommand): Promise<{ chargePointId: string; evseId: string; created: boolean }> {
    assertInTransaction(manager, 'upsertExternalEvse');
    const cp = await claimExternalId(manager, 'charge_point', command.party, command.externalChargePointId, randomUUID());
    const cpColumns = { siteId: command.siteId, ...command.chargePoint };
    if (cp.created) await manager.insert(ChargePointEntity, { id: cp.entityId, ...cpColumns, importRef: null, createdAt: new Date() });
    else await manager.update(ChargePointEntity, { id: cp.entityId }, cpColumns);

    const evse = await claimExternalId(manager, 'evse', command.party, command.externalEvseId, randomUUID());
    const evseColumns = {
      chargePointId: cp.entityId, siteId: command.siteId, currentType: command.currentType, phases: command.phases,
      maxPowerKw: command.maxPowerKw.value, bidirectional: command.bidirectional, iso15118_20: command.iso15118_20,
    };
    if (evse.created) await manager.insert(EvseEntity, { id: evse.entityId, ...evseColumns, importRef: null, createdAt: new Date() });
    else await manager.update(EvseEntity, { id: evse.entityId }, evseColumns);
    return { chargePointId: cp.entityId, evseId: evse.entityId, created: evse.created };
  }
}
