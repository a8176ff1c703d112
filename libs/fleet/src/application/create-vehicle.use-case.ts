import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository, auditRecord, TenantScope } from '@vpp/access';
import type { EnergyKwh, PowerKw } from '@vpp/units';
import type { Created } from './create-fleet.use-case';
import { FleetAssetError } from './fleet-asset.errors';
import { auditJson, sameContent, VehicleView } from './fleet-asset.views';
import { loadFleet, loadVehicle } from './fleet-assets.queries';
import { UpsertVehicleUseCase } from './upsert-vehicle.use-case';
import { pseudonymProblem } from './vehicle-pseudonym';

export interface CreateVehicleCommand {
  readonly fleetId: string;
  readonly pseudonymousId: string;
  readonly batteryKwh: EnergyKwh | null;
  readonly maxAcChargeKw: PowerKw | null;
  readonly maxDcChargeKw: PowerKw | null;
  readonly maxAcDischargeKw: PowerKw | null;
  readonly maxDcDischargeKw: PowerKw | null;
  readonly v2gCapable: boolean;
  readonly oem: string | null;
  readonly model: string | null;
}

function requested(c: CreateVehicleCommand): Omit<VehicleView, 'id' | 'createdAt'> {
  const text = (q: { toString(): string } | null): string | null => (q === null ? null : q.toString());
  return {
    fleetId: c.fleetId, pseudonymousId: c.pseudonymousId, batteryKwh: text(c.batteryKwh), maxAcChargeKw: text(c.maxAcChargeKw), maxDcChargeKw: text(c.maxDcChargeKw),
    maxAcDischargeKw: text(c.maxAcDischargeKw), maxDcDischargeKw: text(c.maxDcDischargeKw), v2gCapable: c.v2gCapable, oem: c.oem, model: c.model,
  };
}

/**
 * Adds a vehicle to a fleet under its pseudonym (the idempotency key: a retry with the same
 * values answers the same vehicle, other values are refused rather than silently overwritten).
 */
@Injectable()
export class CreateVehicleUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly upsertVehicle: UpsertVehicleUseCase,
    private readonly auditLog: AuditLogRepository,
  ) {}

  execute(scope: TenantScope, command: CreateVehicleCommand): Promise<Created<VehicleView>> {
    const problem = pseudonymProblem(command.pseudonymousId);
    if (problem !== null) throw new FleetAssetError('PSEUDONYM_REFUSED', problem);
    return this.dataSource.transaction(async (manager) => {
      await loadFleet(manager, scope, command.fleetId, true);
      // Locks an existing row, so a concurrent twin waits and then compares with this one's result.
      const existing: { id: string }[] = await manager.query(`SELECT id FROM vehicles WHERE fleet_id = $1 AND pseudonymous_id = $2 FOR UPDATE`, [command.fleetId, command.pseudonymousId]);
      if (existing.length === 1) {
        const { id: _id, createdAt: _createdAt, ...stored } = await loadVehicle(manager, scope, existing[0].id);
        if (!sameContent(stored, requested(command))) throw new FleetAssetError('IDEMPOTENCY_CONFLICT', 'a vehicle with this pseudonym exists with other values');
        return { view: await loadVehicle(manager, scope, existing[0].id), created: false };
      }
      const vehicleId = await this.upsertVehicle.execute(manager, command);
      const view = await loadVehicle(manager, scope, vehicleId);
      await this.auditLog.append(manager, auditRecord(scope, { action: 'vehicle.create', entityType: 'vehicle', entityId: vehicleId, before: null, after: auditJson(view) }));
      return { view, created: true };
    });
  }
}
