import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Decimal } from '@vpp/units';
import type { CurrentType } from '../../domain/fleet-vocabulary';
import type { SiteProfile } from './session-file-format';

export interface ImportTarget {
  readonly organisationId: string;
  readonly fleetId: string;
  readonly profile: SiteProfile;
}

export interface EvseSpec {
  readonly siteRef: string;
  readonly chargePointRef: string;
  readonly evseRef: string;
  readonly currentType: CurrentType;
  readonly maxPowerKw: Decimal;
}

/** One historical session row as written (quantities already at column scale). */
export interface SessionRowSpec {
  readonly importRef: string;
  readonly evseKey: string;
  readonly vehiclePseudonym: string | null;
  readonly arrivalAt: Date;
  readonly departureAt: Date;
  readonly expectedDepartureAt: Date;
  readonly energyNeedKwh: string;
  readonly energyDeliveredKwh: string;
  readonly maxPowerKw: string | null;
  readonly unusableReason: string | null;
}

/** Upserts sites by (organisation, import_ref); returns import_ref -> id. One statement per batch. */
export async function upsertImportSites(manager: EntityManager, target: ImportTarget, sites: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const refs = [...sites.keys()];
  if (refs.length === 0) return new Map();
  const rows: { id: string; import_ref: string }[] = await manager.query(
    `INSERT INTO sites (id, organisation_id, fleet_id, name, country, innovation_cluster, timezone, import_ref, created_at)
     SELECT t.id, $1, $2, t.name, $3, $4, $5, t.ref, now() FROM unnest($6::text[], $7::text[], $8::uuid[]) AS t(ref, name, id)
     ON CONFLICT ON CONSTRAINT uq_sites_organisation_import_ref DO UPDATE SET name = sites.name
     RETURNING id, import_ref`,
    [target.organisationId, target.fleetId, target.profile.country, target.profile.innovationCluster, target.profile.timezone, refs, refs.map((r) => sites.get(r)), refs.map(() => randomUUID())],
  );
  return new Map(rows.map((r) => [r.import_ref, r.id]));
}

/**
 * Upserts charge points and EVSEs (`none` protocol: known only from history). An EVSE's rating
 * only grows: the highest power seen in any batch wins. Returns `evseKey(spec)` -> id.
 */
export async function upsertImportEvses(manager: EntityManager, siteIds: ReadonlyMap<string, string>, evses: readonly EvseSpec[]): Promise<Map<string, string>> {
  if (evses.length === 0) return new Map();
  const cpKeys = [...new Set(evses.map((e) => `${siteIds.get(e.siteRef)}|${e.chargePointRef}`))];
  const cps: { id: string; site_id: string; import_ref: string }[] = await manager.query(
    `INSERT INTO charge_points (id, site_id, protocol, ocpp_version, vendor, model, import_ref, created_at)
     SELECT t.id, t.site_id, 'none', NULL, NULL, NULL, t.ref, now() FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS t(site_id, ref, id)
     ON CONFLICT ON CONSTRAINT uq_charge_points_site_import_ref DO UPDATE SET protocol = charge_points.protocol
     RETURNING id, site_id, import_ref`,
    [cpKeys.map((k) => k.split('|')[0]), cpKeys.map((k) => k.slice(k.indexOf('|') + 1)), cpKeys.map(() => randomUUID())],
  );
  const cpIds = new Map(cps.map((r) => [`${r.site_id}|${r.import_ref}`, r.id]));
  const specs = evses.map((e) => {
    const siteId = siteIds.get(e.siteRef) as string;
    const phases = e.currentType === 'DC' || e.maxPowerKw.greaterThan('7.4') ? 3 : 1;
    return { siteId, cpId: cpIds.get(`${siteId}|${e.chargePointRef}`) as string, ref: e.evseRef, type: e.currentType, phases, kw: e.maxPowerKw.toFixed(3) };
  });
  const rows: { id: string; charge_point_id: string; import_ref: string }[] = await manager.query(
    `INSERT INTO evses (id, charge_point_id, site_id, current_type, phases, max_power_kw, bidirectional, iso15118_20, import_ref, created_at)
     SELECT t.id, t.cp, t.site, t.type, t.phases, t.kw, false, false, t.ref, now()
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::smallint[], $5::numeric[], $6::text[], $7::uuid[]) AS t(cp, site, type, phases, kw, ref, id)
     ON CONFLICT ON CONSTRAINT uq_evses_charge_point_import_ref DO UPDATE SET max_power_kw = GREATEST(evses.max_power_kw, EXCLUDED.max_power_kw)
     RETURNING id, charge_point_id, import_ref`,
    [specs.map((s) => s.cpId), specs.map((s) => s.siteId), specs.map((s) => s.type), specs.map((s) => s.phases), specs.map((s) => s.kw), specs.map((s) => s.ref), specs.map(() => randomUUID())],
  );
  const byCpAndRef = new Map(rows.map((r) => [`${r.charge_point_id}|${r.import_ref}`, r.id]));
  return new Map(evses.map((e, i) => [evseKey(e), byCpAndRef.get(`${specs[i].cpId}|${e.evseRef}`) as string]));
}

/** The key of an EVSE in an import: its refs, which are known before any id is. */
export function evseKey(e: Pick<EvseSpec, 'siteRef' | 'chargePointRef' | 'evseRef'>): string {
  return JSON.stringify([e.siteRef, e.chargePointRef, e.evseRef]);
}

/** Upserts vehicles by pseudonym; returns pseudonym -> id. */
export async function upsertImportVehicles(manager: EntityManager, fleetId: string, pseudonyms: readonly string[]): Promise<Map<string, string>> {
  if (pseudonyms.length === 0) return new Map();
  const rows: { id: string; pseudonymous_id: string }[] = await manager.query(
    `INSERT INTO vehicles (id, fleet_id, pseudonymous_id, v2g_capable, created_at)
     SELECT t.id, $1, t.p, false, now() FROM unnest($2::text[], $3::uuid[]) AS t(p, id)
     ON CONFLICT ON CONSTRAINT uq_vehicles_fleet_pseudonymous_id DO UPDATE SET pseudonymous_id = vehicles.pseudonymous_id
     RETURNING id, pseudonymous_id`,
    [fleetId, pseudonyms, pseudonyms.map(() => randomUUID())],
  );
  return new Map(rows.map((r) => [r.pseudonymous_id, r.id]));
}

/**
 * Inserts historical sessions in one `unnest` statement; a session already imported (same fleet
 * and import ref) is left as it is. Returns how many rows were new.
 */
export async function insertImportSessions(
  manager: EntityManager,
  fleetId: string,
  rows: readonly SessionRowSpec[],
  evseIds: ReadonlyMap<string, string>,
  vehicleIds: ReadonlyMap<string, string>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const col = <T>(f: (r: SessionRowSpec) => T): T[] => rows.map(f);
  const inserted: unknown[] = await manager.query(
    `INSERT INTO sessions (id, fleet_id, vehicle_id, evse_id, arrival_at, expected_departure_at, actual_departure_at, energy_need_kwh,
       target_soc_pct, min_soc_pct, energy_delivered_kwh, max_power_kw, min_power_kw, status, control_channel, can_discharge, source,
       historical, unusable_reason, last_seen_at, external_updated_at, import_ref, created_at, updated_at)
     SELECT t.id, $1, t.vehicle, t.evse, t.arrival, t.expected, t.departure, t.need, NULL, NULL, t.delivered, t.max_kw, NULL,
       'finished', NULL, false, 'import', true, t.reason, t.departure, NULL, t.ref, now(), now()
     FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::numeric[], $9::numeric[],
       $10::numeric[], $11::text[], $12::text[]) AS t(id, vehicle, evse, arrival, expected, departure, need, delivered, max_kw, reason, ref)
     ON CONFLICT ON CONSTRAINT uq_sessions_fleet_import_ref DO NOTHING
     RETURNING 1`,
    [
      fleetId, col(() => randomUUID()), col((r) => (r.vehiclePseudonym === null ? null : vehicleIds.get(r.vehiclePseudonym))), col((r) => evseIds.get(r.evseKey)),
      col((r) => r.arrivalAt), col((r) => r.expectedDepartureAt), col((r) => r.departureAt), col((r) => r.energyNeedKwh), col((r) => r.energyDeliveredKwh),
      col((r) => r.maxPowerKw), col((r) => r.unusableReason), col((r) => r.importRef),
    ],
  );
  return inserted.length;
}
