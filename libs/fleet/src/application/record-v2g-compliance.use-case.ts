import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditActor, AuditLogRepository } from '@vpp/access';
import { FleetError } from '../domain/fleet.errors';
import { EvseEntity } from '../infrastructure/persistence/evse.entity';
import { SiteEntity } from '../infrastructure/persistence/site.entity';
import { assertInTransaction } from './external-ids';

export interface RecordV2gComplianceCommand {
  readonly evseId: string;
  /** AC only: the vehicle, or a model (oem + model) proven compliant on this EVSE. Omit both for DC. */
  readonly vehicleId?: string;
  readonly vehicleModel?: { readonly oem: string; readonly model: string };
  /** ISO 3166-1 alpha-2 of the grid code; defaults to the EVSE's site country. */
  readonly country?: string;
  readonly gridCode: string;
  readonly actor: AuditActor;
}

/**
 * Records that discharging meets a country's grid code for an EVSE (DC) or an EV-EVSE pair (AC).
 * A person or client states this, so it is audited in the site owner's chain, in the same
 * transaction. The DB check refuses an AC record without a vehicle and a DC record with one.
 */
@Injectable()
export class RecordV2gComplianceUseCase {
  constructor(private readonly auditLog: AuditLogRepository) {}

  async execute(manager: EntityManager, command: RecordV2gComplianceCommand): Promise<string> {
    assertInTransaction(manager, 'recordV2gCompliance');
    const evse = await manager.findOne(EvseEntity, { where: { id: command.evseId } });
    if (evse === null) throw new FleetError('UNKNOWN_ENTITY', `EVSE ${command.evseId} does not exist`);
    const site = await manager.findOneOrFail(SiteEntity, { where: { id: evse.siteId } });
    const id = randomUUID();
    const record = {
      id, evseId: evse.id, currentType: evse.currentType, vehicleId: command.vehicleId ?? null,
      vehicleOem: command.vehicleModel?.oem ?? null, vehicleModel: command.vehicleModel?.model ?? null,
      country: command.country ?? site.country, gridCode: command.gridCode,
    };
    await manager.query(
      `INSERT INTO v2g_compliance (id, evse_id, current_type, vehicle_id, vehicle_oem, vehicle_model, country, grid_code, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
      [record.id, record.evseId, record.currentType, record.vehicleId, record.vehicleOem, record.vehicleModel, record.country, record.gridCode],
    );
    await this.auditLog.append(manager, {
      organisationId: site.organisationId, actor: command.actor, onBehalfOfOrganisationId: null,
      action: 'v2g_compliance.record', entityType: 'v2g_compliance', entityId: id, before: null, after: record,
    });
    return id;
  }
}
