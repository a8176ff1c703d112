import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound, TenantScope } from '@vpp/access';
import type { ControlChannel } from '../domain/fleet-vocabulary';
import type { SessionStatus } from '../domain/session-status';
import { decimalText, instantText, requiredDecimalText } from './fleet-asset.views';
import { FleetAssetError } from './fleet-asset.errors';
import { loadFleet } from './fleet-assets.queries';

export interface SessionView {
  readonly id: string;
  readonly fleetId: string;
  readonly vehicleId: string | null;
  readonly evseId: string;
  readonly siteId: string;
  readonly arrivalAt: string;
  readonly expectedDepartureAt: string | null;
  readonly actualDepartureAt: string | null;
  readonly energyNeedKwh: string | null;
  readonly targetSocPct: string | null;
  readonly minSocPct: string | null;
  readonly energyDeliveredKwh: string;
  readonly maxPowerKw: string | null;
  readonly minPowerKw: string | null;
  readonly status: string;
  readonly controlChannel: string | null;
  readonly canDischarge: boolean;
  readonly source: string;
  readonly historical: boolean;
  readonly unusableReason: string | null;
  readonly lastSeenAt: string;
}

export interface SessionPage {
  readonly items: readonly SessionView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface SessionFilter {
  readonly status?: SessionStatus;
  readonly controlChannel?: ControlChannel;
  readonly historical?: boolean;
  readonly limit: number;
  readonly cursor?: string;
}

interface SessionRow {
  id: string; fleet_id: string; vehicle_id: string | null; evse_id: string; site_id: string; arrival_at: Date; expected_departure_at: Date | null;
  actual_departure_at: Date | null; energy_need_kwh: string | null; target_soc_pct: string | null; min_soc_pct: string | null; energy_delivered_kwh: string;
  max_power_kw: string | null; min_power_kw: string | null; status: string; control_channel: string | null; can_discharge: boolean; source: string;
  historical: boolean; unusable_reason: string | null; last_seen_at: Date;
}

const SESSION_SELECT = `SELECT s.id, s.fleet_id, s.vehicle_id, s.evse_id, e.site_id, s.arrival_at, s.expected_departure_at, s.actual_departure_at,
       s.energy_need_kwh::text, s.target_soc_pct::text, s.min_soc_pct::text, s.energy_delivered_kwh::text, s.max_power_kw::text, s.min_power_kw::text,
       s.status, s.control_channel, s.can_discharge, s.source, s.historical, s.unusable_reason, s.last_seen_at
  FROM sessions s JOIN evses e ON e.id = s.evse_id`;

function sessionView(row: SessionRow): SessionView {
  return {
    id: row.id, fleetId: row.fleet_id, vehicleId: row.vehicle_id, evseId: row.evse_id, siteId: row.site_id, arrivalAt: row.arrival_at.toISOString(),
    expectedDepartureAt: instantText(row.expected_departure_at), actualDepartureAt: instantText(row.actual_departure_at),
    energyNeedKwh: decimalText(row.energy_need_kwh), targetSocPct: decimalText(row.target_soc_pct), minSocPct: decimalText(row.min_soc_pct),
    energyDeliveredKwh: requiredDecimalText(row.energy_delivered_kwh), maxPowerKw: decimalText(row.max_power_kw), minPowerKw: decimalText(row.min_power_kw),
    status: row.status, controlChannel: row.control_channel, canDischarge: row.can_discharge, source: row.source, historical: row.historical,
    unusableReason: row.unusable_reason, lastSeenAt: row.last_seen_at.toISOString(),
  };
}

/** Opaque keyset cursor: the id of the last session of a page (its stored arrival keeps full precision). */
export function encodeSessionCursor(row: { readonly id: string }): string {
  return Buffer.from(row.id).toString('base64url');
}

/** The session id in a cursor, or null when it is not one of ours (the edge answers 400). */
export function decodeSessionCursor(cursor: string): string | null {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : null;
}

/** Sessions of a tenant's fleets, newest arrival first, keyset-paged (imported fleets hold tens of thousands). */
@Injectable()
export class FleetSessionsQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(scope: TenantScope, fleetId: string, filter: SessionFilter): Promise<SessionPage> {
    await loadFleet(this.dataSource.manager, scope, fleetId);
    const after = filter.cursor === undefined ? null : decodeSessionCursor(filter.cursor);
    if (filter.cursor !== undefined && after === null) throw new FleetAssetError('INVALID_CURSOR', 'cursor is not one this API issued');
    const rows: SessionRow[] = await this.dataSource.query(
      `${SESSION_SELECT}
        WHERE s.fleet_id = $1 AND ($2::text IS NULL OR s.status = $2) AND ($3::text IS NULL OR s.control_channel = $3)
          AND ($4::boolean IS NULL OR s.historical = $4) AND ($5::uuid IS NULL OR (s.arrival_at, s.id) < (SELECT c.arrival_at, c.id FROM sessions c WHERE c.id = $5 AND c.fleet_id = $1))
        ORDER BY s.arrival_at DESC, s.id DESC LIMIT $6`,
      [fleetId, filter.status ?? null, filter.controlChannel ?? null, filter.historical ?? null, after, filter.limit + 1],
    );
    const items = rows.slice(0, filter.limit).map(sessionView);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last !== undefined ? encodeSessionCursor(last) : null };
  }

  async get(scope: TenantScope, sessionId: string): Promise<SessionView> {
    const rows: SessionRow[] = await this.dataSource.query(
      `${SESSION_SELECT} JOIN fleets f ON f.id = s.fleet_id WHERE s.id = $1 AND f.organisation_id = $2`,
      [sessionId, scope.organisationId],
    );
    if (rows.length === 0) throw notFound('session');
    return sessionView(rows[0]);
  }
}
