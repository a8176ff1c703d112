import type { EntityManager } from 'typeorm';
import type { VehicleState } from '../domain/vehicle-state';

export interface LinkRef {
  readonly id: string;
  readonly vehicleId: string;
}

/**
 * Upserts the state only if it is newer than the stored one (by the vehicle's own time stamp),
 * so a slow poll answer arriving after a webhook never rolls the state back. Returns whether it
 * was stored. The location is dropped here on purpose (issue 3 item 7).
 */
export async function storeVehicleStateIfNewer(
  manager: EntityManager,
  link: LinkRef,
  state: VehicleState,
  source: 'poll' | 'webhook',
  receivedAt: Date,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO vehicle_states AS s (oem_link_id, vehicle_id, soc_pct, plugged_in, charging_power_kw, observed_at, received_at, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT ON CONSTRAINT pk_vehicle_states DO UPDATE SET
       soc_pct = EXCLUDED.soc_pct, plugged_in = EXCLUDED.plugged_in, charging_power_kw = EXCLUDED.charging_power_kw,
       observed_at = EXCLUDED.observed_at, received_at = EXCLUDED.received_at, source = EXCLUDED.source
     WHERE s.observed_at < EXCLUDED.observed_at
     RETURNING 1`,
    [link.id, link.vehicleId, state.socPct.toFixed(2), state.pluggedIn, state.chargingPower.value.toFixed(3), state.observedAt, receivedAt, source],
  );
  return rows.length === 1;
}
