import type { EntityManager } from 'typeorm';
import { notFound, TenantScope } from '@vpp/access';
import { parseNumericResult } from '../../../persistence/src/decimal.transformer';
import type { MobilityNeeds } from '../domain/mobility-needs';

export type MobilitySubjectType = 'session' | 'vehicle';

export interface MobilitySubject {
  readonly type: MobilitySubjectType;
  readonly id: string;
  readonly vehicleId: string | null;
  readonly arrivalAt: Date | null;
  readonly ended: boolean;
  /** What the CPO, charge point or OEM last reported (sessions only). */
  readonly reported: MobilityNeeds;
}

interface SessionRow {
  id: string;
  vehicle_id: string | null;
  arrival_at: Date;
  actual_departure_at: Date | null;
  status: string;
  expected_departure_at: Date | null;
  energy_need_kwh: string | null;
  target_soc_pct: string | null;
  min_soc_pct: string | null;
}

/**
 * Loads a session or vehicle of the scope's tenant (through its fleet), locked against a
 * concurrent change of its needs; another tenant's id is reported as not found.
 */
export async function loadSubject(manager: EntityManager, scope: TenantScope, type: MobilitySubjectType, id: string): Promise<MobilitySubject> {
  if (type === 'vehicle') {
    const rows: { id: string }[] = await manager.query(
      `SELECT v.id FROM vehicles v JOIN fleets f ON f.id = v.fleet_id WHERE v.id = $1 AND f.organisation_id = $2 FOR UPDATE OF v`,
      [id, scope.organisationId],
    );
    if (rows.length === 0) throw notFound('vehicle');
    return { type, id, vehicleId: id, arrivalAt: null, ended: false, reported: { departureAt: null, energyNeedKwh: null, targetSocPct: null, minSocPct: null } };
  }
  const rows: SessionRow[] = await manager.query(
    `SELECT s.id, s.vehicle_id, s.arrival_at, s.actual_departure_at, s.status, s.expected_departure_at, s.energy_need_kwh, s.target_soc_pct, s.min_soc_pct
       FROM sessions s JOIN fleets f ON f.id = s.fleet_id WHERE s.id = $1 AND f.organisation_id = $2 FOR UPDATE OF s`,
    [id, scope.organisationId],
  );
  const row = rows[0];
  if (!row) throw notFound('session');
  return {
    type,
    id,
    vehicleId: row.vehicle_id,
    arrivalAt: row.arrival_at,
    ended: row.actual_departure_at !== null || row.status === 'finished',
    reported: { departureAt: row.expected_departure_at, energyNeedKwh: parseNumericResult(row.energy_need_kwh), targetSocPct: parseNumericResult(row.target_soc_pct), minSocPct: parseNumericResult(row.min_soc_pct) },
  };
}
