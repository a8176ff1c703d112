import type { EntityManager } from 'typeorm';
import { parseNumericResult } from '../../../persistence/src/decimal.transformer';
import { effectiveNeeds, EffectiveNeeds, NeedsOverride } from '../domain/effective-needs';
import type { MobilityNeeds } from '../domain/mobility-needs';

/**
 * The drivers' overrides of a session as one query reads them, for callers that load many
 * sessions: select NEEDS_OVERRIDE_COLUMNS with NEEDS_OVERRIDE_JOINS (`s` the sessions row) and
 * hand each row to `effectiveNeedsOfRow` with what the session's source reported, so every reader
 * applies the one precedence (`effectiveNeeds`) instead of restating it in SQL.
 */
export const NEEDS_OVERRIDE_COLUMNS = `sn.id AS s_id, sn.departure_at AS s_departure_at, sn.energy_need_kwh::text AS s_energy_need_kwh, sn.target_soc_pct::text AS s_target_soc_pct,
            sn.min_soc_pct::text AS s_min_soc_pct, sn.boost_requested_at AS s_boost_requested_at,
            vn.id AS v_id, vn.departure_at AS v_departure_at, vn.energy_need_kwh::text AS v_energy_need_kwh, vn.target_soc_pct::text AS v_target_soc_pct,
            vn.min_soc_pct::text AS v_min_soc_pct, vn.boost_requested_at AS v_boost_requested_at`;
export const NEEDS_OVERRIDE_JOINS = `LEFT JOIN mobility_needs sn ON sn.session_id = s.id
       LEFT JOIN mobility_needs vn ON vn.vehicle_id = s.vehicle_id`;

/** The columns NEEDS_OVERRIDE_COLUMNS selects. */
export interface NeedsOverrideColumns {
  s_id: string | null;
  s_departure_at: Date | null;
  s_energy_need_kwh: string | null;
  s_target_soc_pct: string | null;
  s_min_soc_pct: string | null;
  s_boost_requested_at: Date | null;
  v_id: string | null;
  v_departure_at: Date | null;
  v_energy_need_kwh: string | null;
  v_target_soc_pct: string | null;
  v_min_soc_pct: string | null;
  v_boost_requested_at: Date | null;
}

interface Row extends NeedsOverrideColumns {
  expected_departure_at: Date | null;
  energy_need_kwh: string | null;
  target_soc_pct: string | null;
  min_soc_pct: string | null;
}

function override(row: NeedsOverrideColumns, prefix: 's' | 'v'): NeedsOverride | null {
  if (row[`${prefix}_id`] === null) return null;
  return {
    departureAt: row[`${prefix}_departure_at`],
    energyNeedKwh: parseNumericResult(row[`${prefix}_energy_need_kwh`]),
    targetSocPct: parseNumericResult(row[`${prefix}_target_soc_pct`]),
    minSocPct: parseNumericResult(row[`${prefix}_min_soc_pct`]),
    boostRequestedAt: row[`${prefix}_boost_requested_at`],
  };
}

/** The effective needs of a session read with NEEDS_OVERRIDE_COLUMNS, over what its source reported. */
export function effectiveNeedsOfRow(reported: MobilityNeeds, row: NeedsOverrideColumns): EffectiveNeeds {
  return effectiveNeeds(reported, override(row, 's'), override(row, 'v'));
}

/**
 * The needs a planner or dispatcher must use for a session: the driver's overrides before what
 * the CPO, charge point or OEM reported (issue 3 item 6). Not tenant-scoped: for internal callers
 * that already work on the session by id. Null for an unknown session.
 */
export async function effectiveNeedsForSession(manager: EntityManager, sessionId: string): Promise<EffectiveNeeds | null> {
  const rows: Row[] = await manager.query(
    `SELECT s.expected_departure_at, s.energy_need_kwh, s.target_soc_pct, s.min_soc_pct, ${NEEDS_OVERRIDE_COLUMNS}
       FROM sessions s
       ${NEEDS_OVERRIDE_JOINS}
      WHERE s.id = $1`,
    [sessionId],
  );
  const row = rows[0];
  if (!row) return null;
  const reported = { departureAt: row.expected_departure_at, energyNeedKwh: parseNumericResult(row.energy_need_kwh), targetSocPct: parseNumericResult(row.target_soc_pct), minSocPct: parseNumericResult(row.min_soc_pct) };
  return effectiveNeedsOfRow(reported, row);
}
