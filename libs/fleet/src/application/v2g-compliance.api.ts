import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { auditActorOf, notFound, TenantScope } from '@vpp/access';
import type { CurrentType } from '../domain/fleet-vocabulary';
import { V2gEligibility, v2gEligibility } from '../domain/v2g-eligibility';
import type { Created } from './create-fleet.use-case';
import { FleetAssetError } from './fleet-asset.errors';
import { RecordV2gComplianceUseCase } from './record-v2g-compliance.use-case';

export interface V2gComplianceView {
  readonly id: string;
  readonly evseId: string;
  readonly currentType: string;
  readonly vehicleId: string | null;
  readonly vehicleOem: string | null;
  readonly vehicleModel: string | null;
  readonly country: string;
  readonly gridCode: string;
  readonly recordedAt: string;
}

export interface RecordV2gComplianceRequest {
  readonly evseId: string;
  readonly vehicleId?: string;
  readonly vehicleModel?: { readonly oem: string; readonly model: string };
  readonly gridCode: string;
}

interface EvseRow { id: string; current_type: CurrentType; bidirectional: boolean; country: string }
interface RecordRow {
  id: string; evse_id: string; current_type: string; vehicle_id: string | null; vehicle_oem: string | null; vehicle_model: string | null; country: string; grid_code: string; recorded_at: Date;
}

function recordView(row: RecordRow): V2gComplianceView {
  return {
    id: row.id, evseId: row.evse_id, currentType: row.current_type, vehicleId: row.vehicle_id, vehicleOem: row.vehicle_oem, vehicleModel: row.vehicle_model,
    country: row.country, gridCode: row.grid_code, recordedAt: row.recorded_at.toISOString(),
  };
}

/** The tenant's EVSE (through its site) with the site's country; `lock` serialises records per EVSE. */
async function loadEvse(manager: EntityManager, scope: TenantScope, evseId: string, lock = false): Promise<EvseRow> {
  const rows: EvseRow[] = await manager.query(
    `SELECT e.id, e.current_type, e.bidirectional, s.country FROM evses e JOIN sites s ON s.id = e.site_id
      WHERE e.id = $1 AND s.organisation_id = $2${lock ? ' FOR UPDATE OF e' : ''}`,
    [evseId, scope.organisationId],
  );
  if (rows.length === 0) throw notFound('EVSE');
  return rows[0];
}

async function records(manager: EntityManager, evseId: string): Promise<RecordRow[]> {
  return manager.query(
    `SELECT id, evse_id, current_type, vehicle_id, vehicle_oem, vehicle_model, country, grid_code, recorded_at FROM v2g_compliance WHERE evse_id = $1 ORDER BY recorded_at, id`,
    [evseId],
  );
}

/** The request's shape must fit the EVSE: AC records name a vehicle or a model, DC records neither. */
function assertFits(evse: EvseRow, request: RecordV2gComplianceRequest): void {
  if (!evse.bidirectional) throw new FleetAssetError('V2G_RECORD_INVALID', 'the EVSE is not bidirectional; there is nothing to certify');
  const named = (request.vehicleId === undefined ? 0 : 1) + (request.vehicleModel === undefined ? 0 : 1);
  if (evse.current_type === 'AC' && named !== 1) throw new FleetAssetError('V2G_RECORD_INVALID', 'an AC record names the vehicle or its model (oem + model), one of the two: the inverter is in the car');
  if (evse.current_type === 'DC' && named !== 0) throw new FleetAssetError('V2G_RECORD_INVALID', 'a DC record names no vehicle: the inverter is in the EVSE');
}

/**
 * The operator API over V2G compliance (issue 3, item 2): records go through
 * `RecordV2gComplianceUseCase` (audited, for the site's country), eligibility through the domain's
 * `v2gEligibility`. Recording the same statement twice answers the first record.
 */
@Injectable()
export class V2gComplianceApi {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recordCompliance: RecordV2gComplianceUseCase,
  ) {}

  record(scope: TenantScope, request: RecordV2gComplianceRequest): Promise<Created<V2gComplianceView>> {
    return this.dataSource.transaction(async (manager) => {
      const evse = await loadEvse(manager, scope, request.evseId, true);
      assertFits(evse, request);
      if (request.vehicleId !== undefined) await this.assertVehicleOwned(manager, scope, request.vehicleId);
      const twin = (await records(manager, evse.id)).find(
        (r) => r.country === evse.country && r.grid_code === request.gridCode && r.vehicle_id === (request.vehicleId ?? null)
          && r.vehicle_oem === (request.vehicleModel?.oem ?? null) && r.vehicle_model === (request.vehicleModel?.model ?? null),
      );
      if (twin !== undefined) return { view: recordView(twin), created: false };
      const id = await this.recordCompliance.execute(manager, {
        evseId: evse.id, vehicleId: request.vehicleId, vehicleModel: request.vehicleModel, gridCode: request.gridCode, actor: auditActorOf(scope),
      });
      const stored = (await records(manager, evse.id)).find((r) => r.id === id);
      if (stored === undefined) throw new Error(`v2g_compliance ${id} vanished in its own transaction`);
      return { view: recordView(stored), created: true };
    });
  }

  async list(scope: TenantScope, evseId: string): Promise<V2gComplianceView[]> {
    await loadEvse(this.dataSource.manager, scope, evseId);
    return (await records(this.dataSource.manager, evseId)).map(recordView);
  }

  /** May this vehicle (or an unknown one, without `vehicleId`) discharge on this EVSE, at the site's country? */
  async eligibility(scope: TenantScope, evseId: string, vehicleId: string | undefined): Promise<V2gEligibility & { readonly country: string }> {
    const manager = this.dataSource.manager;
    const evse = await loadEvse(manager, scope, evseId);
    let vehicle = null;
    if (vehicleId !== undefined) {
      await this.assertVehicleOwned(manager, scope, vehicleId);
      const rows: { id: string; oem: string | null; model: string | null; v2g_capable: boolean }[] = await manager.query(`SELECT id, oem, model, v2g_capable FROM vehicles WHERE id = $1`, [vehicleId]);
      vehicle = { id: rows[0].id, oem: rows[0].oem, model: rows[0].model, v2gCapable: rows[0].v2g_capable };
    }
    const stored = await records(manager, evseId);
    const result = v2gEligibility({
      vehicle,
      evse: { id: evse.id, currentType: evse.current_type, bidirectional: evse.bidirectional },
      siteCountry: evse.country,
      records: stored.map((r) => ({ evseId: r.evse_id, country: r.country, vehicleId: r.vehicle_id, vehicleOem: r.vehicle_oem, vehicleModel: r.vehicle_model })),
    });
    return { ...result, country: evse.country };
  }

  private async assertVehicleOwned(manager: EntityManager, scope: TenantScope, vehicleId: string): Promise<void> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM vehicles v JOIN fleets f ON f.id = v.fleet_id WHERE v.id = $1 AND f.organisation_id = $2`, [vehicleId, scope.organisationId]);
    if (rows.length === 0) throw notFound('vehicle');
  }
}
