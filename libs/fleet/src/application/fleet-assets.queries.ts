import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { notFound, TenantScope } from '@vpp/access';
import {
  ChargePointView, EvseView, FleetView, SiteView, VehicleView, decimalText, referenceOf, requiredDecimalText,
} from './fleet-asset.views';

interface SiteRow {
  id: string; fleet_id: string | null; name: string; import_ref: string | null; country: string; innovation_cluster: string; timezone: string; created_at: Date;
  ean: string | null; import_limit_kw: string | null; export_limit_kw: string | null; fuse_limit_kw: string | null; dso: string | null; congestion_area: string | null;
}

interface ChargePointRow {
  id: string; site_id: string; protocol: string; ocpp_version: string | null; vendor: string | null; model: string | null; import_ref: string | null; created_at: Date; station_id: string | null;
}

interface EvseRow {
  id: string; charge_point_id: string; import_ref: string | null; current_type: string; phases: number; max_power_kw: string; bidirectional: boolean; iso15118_20: boolean; ocpp_ref: string | null;
}

interface VehicleRow {
  id: string; fleet_id: string; pseudonymous_id: string; battery_kwh: string | null; max_ac_charge_kw: string | null; max_dc_charge_kw: string | null;
  max_ac_discharge_kw: string | null; max_dc_discharge_kw: string | null; v2g_capable: boolean; oem: string | null; model: string | null; created_at: Date;
}

const SITE_SELECT = `SELECT s.id, s.fleet_id, s.name, s.import_ref, s.country, s.innovation_cluster, s.timezone, s.created_at,
       g.ean, g.import_limit_kw::text, g.export_limit_kw::text, g.fuse_limit_kw::text, g.dso, g.congestion_area
  FROM sites s LEFT JOIN grid_connections g ON g.site_id = s.id`;

// The OCPP identity of a charge point is its external id under the operator's own party (ocppParty).
const CHARGE_POINT_SELECT = `SELECT c.id, c.site_id, c.protocol, c.ocpp_version, c.vendor, c.model, c.import_ref, c.created_at,
       (SELECT x.external_id FROM external_ids x WHERE x.entity_type = 'charge_point' AND x.entity_id = c.id AND x.party_id = s.organisation_id::text
         ORDER BY x.created_at LIMIT 1) AS station_id
  FROM charge_points c JOIN sites s ON s.id = c.site_id`;

function fleetView(row: { id: string; name: string; created_at: Date }): FleetView {
  return { id: row.id, name: row.name, createdAt: row.created_at.toISOString() };
}

function siteView(row: SiteRow): SiteView {
  const gridConnection = row.ean === null
    ? null
    : {
      ean: row.ean, importLimitKw: requiredDecimalText(row.import_limit_kw ?? '0'), exportLimitKw: requiredDecimalText(row.export_limit_kw ?? '0'),
      fuseLimitKw: decimalText(row.fuse_limit_kw), dso: row.dso ?? '', congestionArea: row.congestion_area,
    };
  return {
    id: row.id, fleetId: row.fleet_id, name: row.name, reference: referenceOf(row.import_ref), country: row.country, innovationCluster: row.innovation_cluster,
    timezone: row.timezone, gridConnection, createdAt: row.created_at.toISOString(),
  };
}

function evseNumberOf(row: EvseRow): number | null {
  const text = referenceOf(row.import_ref) ?? row.ocpp_ref?.split('/').pop() ?? null;
  return text !== null && /^[0-9]{1,2}$/.test(text) ? Number.parseInt(text, 10) : null;
}

function evseView(row: EvseRow): EvseView {
  return {
    id: row.id, evseNumber: evseNumberOf(row), currentType: row.current_type, phases: row.phases, maxPowerKw: requiredDecimalText(row.max_power_kw),
    bidirectional: row.bidirectional, iso15118_20: row.iso15118_20,
  };
}

export function vehicleView(row: VehicleRow): VehicleView {
  return {
    id: row.id, fleetId: row.fleet_id, pseudonymousId: row.pseudonymous_id, batteryKwh: decimalText(row.battery_kwh),
    maxAcChargeKw: decimalText(row.max_ac_charge_kw), maxDcChargeKw: decimalText(row.max_dc_charge_kw),
    maxAcDischargeKw: decimalText(row.max_ac_discharge_kw), maxDcDischargeKw: decimalText(row.max_dc_discharge_kw),
    v2gCapable: row.v2g_capable, oem: row.oem, model: row.model, createdAt: row.created_at.toISOString(),
  };
}

/** The tenant's fleet, or NOT_FOUND (also for another tenant's fleet). `lock` serialises writes below it. */
export async function loadFleet(manager: EntityManager, scope: TenantScope, fleetId: string, lock = false): Promise<FleetView> {
  const rows: { id: string; name: string; created_at: Date }[] = await manager.query(
    `SELECT id, name, created_at FROM fleets WHERE id = $1 AND organisation_id = $2${lock ? ' FOR SHARE' : ''}`,
    [fleetId, scope.organisationId],
  );
  if (rows.length === 0) throw notFound('fleet');
  return fleetView(rows[0]);
}

export async function loadSite(manager: EntityManager, scope: TenantScope, siteId: string): Promise<SiteView> {
  const rows: SiteRow[] = await manager.query(`${SITE_SELECT} WHERE s.id = $1 AND s.organisation_id = $2`, [siteId, scope.organisationId]);
  if (rows.length === 0) throw notFound('site');
  return siteView(rows[0]);
}

export async function loadChargePoints(manager: EntityManager, where: { readonly chargePointId?: string; readonly siteId?: string }, organisationId: string): Promise<ChargePointView[]> {
  const rows: ChargePointRow[] = await manager.query(
    `${CHARGE_POINT_SELECT} WHERE s.organisation_id = $1 AND ($2::uuid IS NULL OR c.id = $2) AND ($3::uuid IS NULL OR c.site_id = $3) ORDER BY c.created_at, c.id`,
    [organisationId, where.chargePointId ?? null, where.siteId ?? null],
  );
  if (rows.length === 0) return [];
  const evses: EvseRow[] = await manager.query(
    `SELECT e.id, e.charge_point_id, e.import_ref, e.current_type, e.phases, e.max_power_kw::text, e.bidirectional, e.iso15118_20,
            (SELECT x.external_id FROM external_ids x WHERE x.entity_type = 'evse' AND x.entity_id = e.id ORDER BY x.created_at LIMIT 1) AS ocpp_ref
       FROM evses e WHERE e.charge_point_id = ANY($1::uuid[]) ORDER BY e.created_at, e.id`,
    [rows.map((row) => row.id)],
  );
  return rows.map((row) => ({
    id: row.id, siteId: row.site_id, protocol: row.protocol, ocppVersion: row.ocpp_version, stationId: row.protocol === 'ocpp' ? row.station_id : null,
    reference: referenceOf(row.import_ref), vendor: row.vendor, model: row.model,
    evses: evses.filter((evse) => evse.charge_point_id === row.id).map((evse) => evseView({ ...evse, ocpp_ref: row.protocol === 'ocpp' ? evse.ocpp_ref : null })),
    createdAt: row.created_at.toISOString(),
  }));
}

export async function loadChargePoint(manager: EntityManager, scope: TenantScope, chargePointId: string): Promise<ChargePointView> {
  const [view] = await loadChargePoints(manager, { chargePointId }, scope.organisationId);
  if (view === undefined) throw notFound('charge point');
  return view;
}

export async function loadVehicle(manager: EntityManager, scope: TenantScope, vehicleId: string): Promise<VehicleView> {
  const rows: VehicleRow[] = await manager.query(
    `SELECT v.id, v.fleet_id, v.pseudonymous_id, v.battery_kwh::text, v.max_ac_charge_kw::text, v.max_dc_charge_kw::text, v.max_ac_discharge_kw::text,
            v.max_dc_discharge_kw::text, v.v2g_capable, v.oem, v.model, v.created_at
       FROM vehicles v JOIN fleets f ON f.id = v.fleet_id WHERE v.id = $1 AND f.organisation_id = $2`,
    [vehicleId, scope.organisationId],
  );
  if (rows.length === 0) throw notFound('vehicle');
  return vehicleView(rows[0]);
}

/** Reads of the operator API; every one is filtered by the caller's tenant. */
@Injectable()
export class FleetAssetsQueries {
  constructor(private readonly dataSource: DataSource) {}

  async fleets(scope: TenantScope): Promise<FleetView[]> {
    const rows: { id: string; name: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT id, name, created_at FROM fleets WHERE organisation_id = $1 ORDER BY name`,
      [scope.organisationId],
    );
    return rows.map(fleetView);
  }

  fleet(scope: TenantScope, fleetId: string): Promise<FleetView> {
    return loadFleet(this.dataSource.manager, scope, fleetId);
  }

  async sites(scope: TenantScope, fleetId: string): Promise<SiteView[]> {
    await loadFleet(this.dataSource.manager, scope, fleetId);
    const rows: SiteRow[] = await this.dataSource.query(`${SITE_SELECT} WHERE s.fleet_id = $1 AND s.organisation_id = $2 ORDER BY s.name, s.id`, [fleetId, scope.organisationId]);
    return rows.map(siteView);
  }

  site(scope: TenantScope, siteId: string): Promise<SiteView> {
    return loadSite(this.dataSource.manager, scope, siteId);
  }

  async chargePoints(scope: TenantScope, siteId: string): Promise<ChargePointView[]> {
    await loadSite(this.dataSource.manager, scope, siteId);
    return loadChargePoints(this.dataSource.manager, { siteId }, scope.organisationId);
  }

  chargePoint(scope: TenantScope, chargePointId: string): Promise<ChargePointView> {
    return loadChargePoint(this.dataSource.manager, scope, chargePointId);
  }

  async vehicles(scope: TenantScope, fleetId: string): Promise<VehicleView[]> {
    await loadFleet(this.dataSource.manager, scope, fleetId);
    const rows: VehicleRow[] = await this.dataSource.query(
      `SELECT id, fleet_id, pseudonymous_id, battery_kwh::text, max_ac_charge_kw::text, max_dc_charge_kw::text, max_ac_discharge_kw::text,
              max_dc_discharge_kw::text, v2g_capable, oem, model, created_at
         FROM vehicles WHERE fleet_id = $1 ORDER BY created_at, id`,
      [fleetId],
    );
    return rows.map(vehicleView);
  }

  vehicle(scope: TenantScope, vehicleId: string): Promise<VehicleView> {
    return loadVehicle(this.dataSource.manager, scope, vehicleId);
  }
}

