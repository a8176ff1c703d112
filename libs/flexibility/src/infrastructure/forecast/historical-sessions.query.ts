import type { EntityManager } from 'typeorm';

import type { HistoricalSession } from '../../domain/forecast';

/** Whose sessions: one site, a fleet, or a portfolio given as its sites. */
export type HistoryScope =
  | { readonly kind: 'site'; readonly id: string }
  | { readonly kind: 'fleet'; readonly id: string }
  | { readonly kind: 'portfolio'; readonly id: string; readonly siteIds: readonly string[] };

export interface StoredHistory {
  readonly history: HistoricalSession[];
  /** Sessions without their own max power, for which the EVSE's rating stands in. */
  readonly maxPowerFromEvse: number;
}

interface HistoryRow {
  site_id: string;
  arrival_at: Date;
  actual_departure_at: Date;
  energy_kwh: number;
  max_power_kw: number;
  own_max_power: boolean;
}

/**
 * Finished sessions of a scope that arrived before `knownAt` (historical imports and live ones
 * alike), as forecasting history. Quantities leave PostgreSQL as float8 on purpose: forecasting
 * is statistics; nothing read here is settled or written back as a quantity.
 */
export async function loadHistoricalSessions(manager: EntityManager, scope: HistoryScope, knownAt: Date): Promise<StoredHistory> {
  const filter = scope.kind === 'site' ? 'e.site_id = $2' : scope.kind === 'fleet' ? 's.fleet_id = $2' : 'e.site_id = ANY($2::uuid[])';
  const rows: HistoryRow[] = await manager.query(
    `SELECT e.site_id, s.arrival_at, s.actual_departure_at,
            s.energy_delivered_kwh::float8 AS energy_kwh,
            COALESCE(s.max_power_kw, e.max_power_kw)::float8 AS max_power_kw,
            s.max_power_kw IS NOT NULL AS own_max_power
       FROM sessions s JOIN evses e ON e.id = s.evse_id
      WHERE s.arrival_at < $1 AND s.actual_departure_at > s.arrival_at AND s.energy_delivered_kwh > 0 AND ${filter}
      ORDER BY s.arrival_at, s.id`,
    [knownAt, scope.kind === 'portfolio' ? scope.siteIds : scope.id],
  );
  let maxPowerFromEvse = 0;
  const history = rows.map((r) => {
    if (!r.own_max_power) maxPowerFromEvse += 1;
    return {
      siteId: r.site_id,
      arrivalMs: r.arrival_at.getTime(),
      departureMs: r.actual_departure_at.getTime(),
      energyKwh: r.energy_kwh,
      maxPowerKw: r.max_power_kw,
    };
  });
  return { history, maxPowerFromEvse };
}
