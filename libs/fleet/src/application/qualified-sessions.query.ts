import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EnergyKwh, PowerKw, parseDecimal } from '@vpp/units';
import { CHANNEL_CAN_DISCHARGE, ControlChannel, CurrentType } from '../domain/fleet-vocabulary';
import { effectiveMaxPowerKw, tighterPowerKw } from '../domain/power-limits';
import type { SessionStatus } from '../domain/session-status';
import { V2gComplianceRecord, V2gEligibility, v2gEligibility } from '../domain/v2g-eligibility';

export interface QualifiedSessionsFilter {
  readonly fleetIds?: readonly string[];
  /** Only these sessions (the site shares still count every live session of the fleets). */
  readonly sessionIds?: readonly string[];
  /** Only channels whose measured p95 latency is at most this (unmeasured channels do not qualify). */
  readonly maxLatencyP95Ms?: number;
  /** Only sessions that may discharge (V2G products). */
  readonly requireDischarge?: boolean;
}

/** What later issues need to decide which sessions may serve which product. */
export interface QualifiedSession {
  readonly sessionId: string;
  readonly fleetId: string;
  readonly evseId: string;
  readonly vehicleId: string | null;
  readonly status: SessionStatus;
  readonly controlChannel: ControlChannel;
  /** `partyKey` of the session's source party, null for sessions without external id. */
  readonly party: string | null;
  readonly latencyP95Ms: number | null;
  readonly latencyMeanMs: number | null;
  /** Allowed by the source or driver, possible on the channel, and compliant with the site's grid code. */
  readonly canDischarge: boolean;
  readonly v2g: V2gEligibility;
  readonly effectiveMaxPowerKw: PowerKw;
  readonly minPowerKw: PowerKw | null;
  readonly arrivalAt: Date;
  readonly expectedDepartureAt: Date | null;
  readonly energyNeedKwh: EnergyKwh | null;
  readonly energyDeliveredKwh: EnergyKwh;
}

interface Row {
  id: string; fleet_id: string; evse_id: string; vehicle_id: string | null; status: SessionStatus; control_channel: ControlChannel;
  can_discharge: boolean; arrival_at: Date; expected_departure_at: Date | null; energy_need_kwh: string | null; energy_delivered_kwh: string;
  min_power_kw: string | null; session_max_kw: string | null; current_type: CurrentType; bidirectional: boolean; evse_max_kw: string; site_country: string;
  import_limit_kw: string | null; fuse_limit_kw: string | null; site_sessions: string; v2g_capable: boolean | null; oem: string | null; model: string | null;
  max_ac_charge_kw: string | null; max_dc_charge_kw: string | null; party: string | null; mean_ms: number | null; p95_ms: number | null;
}

/**
 * Live, usable, steerable sessions with their channel, latency, discharge permission and
 * effective max power (issue 3, item 2). Read-only; pass any manager.
 */
@Injectable()
export class QualifiedSessionsQuery {
  async execute(manager: EntityManager, filter: QualifiedSessionsFilter = {}): Promise<QualifiedSession[]> {
    const rows: Row[] = await manager.query(QUALIFIED_SESSIONS_SQL, [filter.fleetIds ?? null, filter.sessionIds ?? null]);
    const records = await complianceRecords(manager, [...new Set(rows.map((r) => r.evse_id))]);
    return rows
      .map((row) => toQualified(row, records))
      .filter((s) => filter.maxLatencyP95Ms === undefined || (s.latencyP95Ms !== null && s.latencyP95Ms <= filter.maxLatencyP95Ms))
      .filter((s) => !filter.requireDischarge || s.canDischarge);
  }
}

const QUALIFIED_SESSIONS_SQL = `
  WITH live AS (
    SELECT s.* FROM sessions s
    WHERE s.status IN ('plugged_in', 'charging', 'suspended') AND s.historical = false AND s.unusable_reason IS NULL
      AND s.control_channel IS NOT NULL AND ($1::uuid[] IS NULL OR s.fleet_id = ANY($1::uuid[]))
  ), per_site AS (
    SELECT e.site_id, count(*) AS n FROM live JOIN evses e ON e.id = live.evse_id GROUP BY e.site_id
  )
  SELECT live.id, live.fleet_id, live.evse_id, live.vehicle_id, live.status, live.control_channel, live.can_discharge, live.arrival_at,
         live.expected_departure_at, live.energy_need_kwh, live.energy_delivered_kwh, live.min_power_kw, live.max_power_kw AS session_max_kw,
         e.current_type, e.bidirectional, e.max_power_kw AS evse_max_kw, site.country AS site_country,
         g.import_limit_kw, g.fuse_limit_kw, per_site.n AS site_sessions,
         v.v2g_capable, v.oem, v.model, v.max_ac_charge_kw, v.max_dc_charge_kw,
         x.country_code || '*' || x.party_id AS party, l.mean_ms, l.p95_ms
  FROM live
  JOIN evses e ON e.id = live.evse_id
  JOIN sites site ON site.id = e.site_id
  JOIN per_site ON per_site.site_id = e.site_id
  LEFT JOIN grid_connections g ON g.site_id = site.id
  LEFT JOIN vehicles v ON v.id = live.vehicle_id
  LEFT JOIN LATERAL (SELECT country_code, party_id FROM external_ids WHERE entity_type = 'session' AND entity_id = live.id ORDER BY created_at LIMIT 1) x ON true
  LEFT JOIN channel_latency l ON l.channel = live.control_channel AND l.party = x.country_code || '*' || x.party_id
  WHERE $2::uuid[] IS NULL OR live.id = ANY($2::uuid[])
  ORDER BY live.arrival_at, live.id`;

async function complianceRecords(manager: EntityManager, evseIds: string[]): Promise<V2gComplianceRecord[]> {
  if (evseIds.length === 0) return [];
  const rows: { evse_id: string; country: string; vehicle_id: string | null; vehicle_oem: string | null; vehicle_model: string | null }[] = await manager.query(
    `SELECT evse_id, country, vehicle_id, vehicle_oem, vehicle_model FROM v2g_compliance WHERE evse_id = ANY($1::uuid[])`,
    [evseIds],
  );
  return rows.map((r) => ({ evseId: r.evse_id, country: r.country, vehicleId: r.vehicle_id, vehicleOem: r.vehicle_oem, vehicleModel: r.vehicle_model }));
}

function toQualified(row: Row, records: readonly V2gComplianceRecord[]): QualifiedSession {
  const vehicle = row.vehicle_id === null ? null : { id: row.vehicle_id, oem: row.oem, model: row.model, v2gCapable: row.v2g_capable === true };
  const v2g = v2gEligibility({ vehicle, evse: { id: row.evse_id, currentType: row.current_type, bidirectional: row.bidirectional }, siteCountry: row.site_country, records });
  const vehicleMax = row.current_type === 'AC' ? row.max_ac_charge_kw : row.max_dc_charge_kw;
  const evMax = tighterPowerKw(kwOrNull(vehicleMax), kwOrNull(row.session_max_kw));
  return {
    sessionId: row.id, fleetId: row.fleet_id, evseId: row.evse_id, vehicleId: row.vehicle_id, status: row.status, controlChannel: row.control_channel,
    party: row.party, latencyP95Ms: row.p95_ms, latencyMeanMs: row.mean_ms,
    canDischarge: row.can_discharge && CHANNEL_CAN_DISCHARGE[row.control_channel] && v2g.eligible,
    v2g,
    effectiveMaxPowerKw: effectiveMaxPowerKw({
      vehicleMaxKw: evMax, evseMaxKw: PowerKw.fromString(row.evse_max_kw), siteImportLimitKw: kwOrNull(row.import_limit_kw),
      fuseLimitKw: kwOrNull(row.fuse_limit_kw), concurrentSessionsAtSite: Number.parseInt(row.site_sessions, 10),
    }),
    minPowerKw: kwOrNull(row.min_power_kw),
    arrivalAt: row.arrival_at, expectedDepartureAt: row.expected_departure_at,
    energyNeedKwh: row.energy_need_kwh === null ? null : EnergyKwh.fromString(row.energy_need_kwh),
    energyDeliveredKwh: EnergyKwh.fromString(row.energy_delivered_kwh),
  };
}

function kwOrNull(text: string | null): PowerKw | null {
  return text === null ? null : PowerKw.of(parseDecimal(text));
}

