import type { EntityManager } from 'typeorm';
import { parseNumericResult } from '../../../persistence/src/decimal.transformer';
import { effectiveNeeds, EffectiveNeeds, NeedsOverride } from '../domain/effective-needs';

interface Row {
  expected_departure_at: Date | null;
  energy_need_kwh: string | null;
  target_soc_pct: string | null;
  min_soc_pct: string | null;
  s_departure_at: Date | null;
  s_energy_need_kwh: string | null;
  s_target_soc_pct: string | null;
  s_min_soc_pct: string | null;
  s_boost_requested_at: Date | null;
  s_id: string | null;
  v_departure_at: Date | null;
  v_energy_need_kwh: string | null;
  v_target_soc_pct: string | null;
  v_min_soc_pct: string | null;
  v_boost_requested_at: Date | null;
  v_id: string | null;
}

function override(row: Row, prefix: 's' | 'v'): NeedsOverride | null {
  if (row[`${prefix}_id`] === null) return null;
  return {
    departureAt: row[`${prefix}_departure_at`],
    energyNeedKwh: parseNumericResult(row[`${prefix}_energy_need_kwh`]),
    targetSocPct: parseNumericResult(row[`${prefix}_target_soc_pct`]),
    minSocPct: parseNumericResult(row[`${prefix}_min_soc_pct`]),
    boostRequestedAt: row[`${prefix}_boost_requested_at`],
  };
}

/**
 * The needs a planner or dispatcher must use for a session: the driver's overrides before what
 * the CPO, charge point or OEM reported (issue 3 item 6). Not tenant-scoped: for internal callers
 * that already work on the session by id. Null for an unknown session.
 */
export async function effectiveNeedsForSession(manager: EntityManager, sessionId: string): Promise<EffectiveNeeds | null> {
  const rows: Row[] = await manager.query(
    `SELECT s.expected_departure_at, s.energy_need_kwh, s.target_soc_pct, s.min_soc_pct,
            sn.id AS s_id, sn.departure_at AS s_departure_at, sn.energy_need_kwh AS s_energy_need_kwh, sn.target_soc_pct AS s_target_soc_pct,
            sn.min_soc_pct AS s_min_soc_pct, sn.boost_requested_at AS s_boost_requested_at,
            vn.id AS v_id, vn.departure_at AS v_departure_at, vn.energy_need_kwh AS v_energy_need_kwh, vn.target_soc_pct AS v_target_soc_pct,
            vn.min_soc_pct AS v_min_soc_pct, vn.boost_requested_at AS v_boost_requested_at
       FROM sessions s
       LEFT JOIN mobility_needs sn ON sn.session_id = s.id
       LEFT JOIN mobility_needs vn ON vn.vehicle_id = s.vehicle_id
      WHERE s.id = $1`,
    [sessionId],
  );
  const row = rows[0];
  if (!row) return null;
  const reported = { departureAt: row.expected_departure_at, energyNeedKwh: parseNumericResult(row.energy_need_kwh), targetSocPct: parseNumericResult(row.target_soc_pct), minSocPct: parseNumericResult(row.min_soc_pct) };
  return effectiveNeeds(reported, override(row, 's'), override(row, 'v'));
}
