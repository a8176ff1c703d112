import type { EntityManager } from 'typeorm';
import { QualifiedSessionsQuery } from '@vpp/fleet';
import { effectiveNeeds, type NeedsOverride } from '@vpp/mobility';
import { Decimal } from '@vpp/units';
import { DEFAULT_CHARGE_EFFICIENCY_F64 } from '../../domain/flexibility-envelope';
import { remainingNeed } from '../../domain/planning/remaining-need';
import { decimalToFloat } from '../../domain/site-services/site-services-mapping';
import type { PlanLiveSession } from './plan-inputs';

interface Row {
  id: string;
  fleet_id: string;
  site_id: string;
  arrival_at: Date;
  expected_departure_at: Date | null;
  energy_need_kwh: string | null;
  target_soc_pct: string | null;
  min_soc_pct: string | null;
  energy_delivered_kwh: string;
  session_max_kw: string | null;
  evse_max_kw: string;
  current_type: 'AC' | 'DC';
  battery_kwh: string | null;
  vehicle_charge_kw: string | null;
  vehicle_discharge_kw: string | null;
  soc_pct: string | null;
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

const dec = (text: string | null): Decimal | null => (text === null ? null : new Decimal(text));
const float = (value: Decimal | null): number | null => (value === null ? null : decimalToFloat(value));

function override(row: Row, prefix: 's' | 'v'): NeedsOverride | null {
  if (row[`${prefix}_id`] === null) return null;
  return {
    departureAt: row[`${prefix}_departure_at`],
    energyNeedKwh: dec(row[`${prefix}_energy_need_kwh`]),
    targetSocPct: dec(row[`${prefix}_target_soc_pct`]),
    minSocPct: dec(row[`${prefix}_min_soc_pct`]),
    boostRequestedAt: row[`${prefix}_boost_requested_at`],
  };
}

/**
 * Live, usable, steerable sessions at the given sites that arrived by `knownAt`, with the
 * driver's overrides applied through @vpp/mobility's precedence (session, then vehicle, then
 * what the source reported), the last SoC measured by `knownAt`, and discharge permission and
 * channel latency from the fleet's qualified-sessions query (V2G only where the grid code is met).
 * `sessionIds`, when given, keeps only those sessions.
 */
export async function loadLiveSessions(manager: EntityManager, siteIds: readonly string[], knownAt: Date, sessionIds: readonly string[] | null = null): Promise<PlanLiveSession[]> {
  if (siteIds.length === 0) return [];
  const rows: Row[] = await manager.query(
    `SELECT s.id, s.fleet_id, e.site_id, s.arrival_at, s.expected_departure_at, s.energy_need_kwh, s.target_soc_pct, s.min_soc_pct,
            s.energy_delivered_kwh, s.max_power_kw AS session_max_kw, e.max_power_kw AS evse_max_kw, e.current_type, v.battery_kwh,
            CASE WHEN e.current_type = 'AC' THEN v.max_ac_charge_kw ELSE v.max_dc_charge_kw END AS vehicle_charge_kw,
            CASE WHEN e.current_type = 'AC' THEN v.max_ac_discharge_kw ELSE v.max_dc_discharge_kw END AS vehicle_discharge_kw,
            (SELECT mv.soc_pct FROM meter_values mv WHERE mv.session_id = s.id AND mv.measured_at <= $2 AND mv.soc_pct IS NOT NULL
              ORDER BY mv.measured_at DESC LIMIT 1) AS soc_pct,
            sn.id AS s_id, sn.departure_at AS s_departure_at, sn.energy_need_kwh AS s_energy_need_kwh, sn.target_soc_pct AS s_target_soc_pct,
            sn.min_soc_pct AS s_min_soc_pct, sn.boost_requested_at AS s_boost_requested_at,
            vn.id AS v_id, vn.departure_at AS v_departure_at, vn.energy_need_kwh AS v_energy_need_kwh, vn.target_soc_pct AS v_target_soc_pct,
            vn.min_soc_pct AS v_min_soc_pct, vn.boost_requested_at AS v_boost_requested_at
       FROM sessions s
       JOIN evses e ON e.id = s.evse_id
       LEFT JOIN vehicles v ON v.id = s.vehicle_id
       LEFT JOIN mobility_needs sn ON sn.session_id = s.id
       LEFT JOIN mobility_needs vn ON vn.vehicle_id = s.vehicle_id
      WHERE e.site_id = ANY($1::uuid[]) AND s.status IN ('plugged_in', 'charging', 'suspended') AND s.historical = false
        AND s.unusable_reason IS NULL AND s.control_channel IS NOT NULL AND s.arrival_at <= $2
        AND ($3::uuid[] IS NULL OR s.id = ANY($3::uuid[]))
      ORDER BY s.arrival_at, s.id`,
    [siteIds, knownAt, sessionIds],
  );
  const fleetIds = [...new Set(rows.map((row) => row.fleet_id))];
  // Only the sessions loaded here: a one-session baseline job must not qualify its whole fleet (O(N) per job, O(N^2) per day).
  const qualified = new Map((await new QualifiedSessionsQuery().execute(manager, { fleetIds, sessionIds: rows.map((row) => row.id) })).map((q) => [q.sessionId, q]));
  return rows.map((row) => {
    const reported = { departureAt: row.expected_departure_at, energyNeedKwh: dec(row.energy_need_kwh), targetSocPct: dec(row.target_soc_pct), minSocPct: dec(row.min_soc_pct) };
    const needs = effectiveNeeds(reported, override(row, 's'), override(row, 'v'));
    const q = qualified.get(row.id);
    const evseMaxKw = decimalToFloat(new Decimal(row.evse_max_kw));
    const evCharge = [float(dec(row.vehicle_charge_kw)), float(dec(row.session_max_kw))].filter((kw): kw is number => kw !== null);
    const vehicleDischargeKw = float(dec(row.vehicle_discharge_kw));
    const socPct = float(dec(row.soc_pct));
    const batteryKwh = float(dec(row.battery_kwh));
    return {
      sessionId: row.id,
      siteId: row.site_id,
      arrival: row.arrival_at,
      departure: needs.departureAt,
      need: remainingNeed({
        energyNeedKwh: float(needs.energyNeedKwh),
        deliveredKwh: decimalToFloat(new Decimal(row.energy_delivered_kwh)),
        targetSocPct: float(needs.targetSocPct),
        socPct,
        batteryKwh,
        chargeEfficiency: DEFAULT_CHARGE_EFFICIENCY_F64,
      }),
      needOrigin: needs.origin,
      boostRequestedAt: needs.boostRequestedAt,
      evMaxChargeKw: evCharge.length === 0 ? null : Math.min(...evCharge),
      evseMaxKw,
      // The EVSE's rating stands for its discharge limit (no separate column in the fleet model).
      v2g: q?.canDischarge && vehicleDischargeKw !== null ? { evMaxDischargeKw: vehicleDischargeKw, evseMaxDischargeKw: evseMaxKw } : null,
      batteryKwh,
      socPct,
      minSocPct: float(needs.minSocPct),
      latencyP95Ms: q?.latencyP95Ms ?? null,
      controlChannel: q?.controlChannel ?? null,
    };
  });
}
