import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EnergyKwh, PowerKw } from '@vpp/units';

export interface UpsertVehicleCommand {
  readonly fleetId: string;
  /** A pseudonym (e.g. an HMAC of the OEM's vehicle id), never a VIN or plate. */
  readonly pseudonymousId: string;
  readonly batteryKwh?: EnergyKwh | null;
  readonly maxAcChargeKw?: PowerKw | null;
  readonly maxDcChargeKw?: PowerKw | null;
  readonly maxAcDischargeKw?: PowerKw | null;
  readonly maxDcDischargeKw?: PowerKw | null;
  readonly v2gCapable?: boolean;
  readonly oem?: string | null;
  readonly model?: string | null;
}

/**
 * Creates the fleet's vehicle with this pseudonym or updates the fields given (undefined keeps
 * the stored value); returns our vehicle id. One statement, so concurrent first sightings agree.
 */
@Injectable()
export class UpsertVehicleUseCase {
  async execute(manager: EntityManager, c: UpsertVehicleCommand): Promise<string> {
    const values = [
      kw(c.batteryKwh?.value.toFixed(6), c.batteryKwh), kw(c.maxAcChargeKw?.value.toFixed(3), c.maxAcChargeKw), kw(c.maxDcChargeKw?.value.toFixed(3), c.maxDcChargeKw),
      kw(c.maxAcDischargeKw?.value.toFixed(3), c.maxAcDischargeKw), kw(c.maxDcDischargeKw?.value.toFixed(3), c.maxDcDischargeKw),
      c.v2gCapable ?? null, keep(c.oem), keep(c.model),
    ];
    // $n IS NULL AND $n+1 keeps the stored value; each nullable field travels as (value, keep-flag).
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO vehicles AS v (id, fleet_id, pseudonymous_id, battery_kwh, max_ac_charge_kw, max_dc_charge_kw, max_ac_discharge_kw, max_dc_discharge_kw, v2g_capable, oem, model, created_at)
       VALUES ($1, $2, $3, $4, $6, $8, $10, $12, coalesce($14, false), $15, $17, now())
       ON CONFLICT ON CONSTRAINT uq_vehicles_fleet_pseudonymous_id DO UPDATE SET
         battery_kwh = CASE WHEN $5 THEN v.battery_kwh ELSE EXCLUDED.battery_kwh END,
         max_ac_charge_kw = CASE WHEN $7 THEN v.max_ac_charge_kw ELSE EXCLUDED.max_ac_charge_kw END,
         max_dc_charge_kw = CASE WHEN $9 THEN v.max_dc_charge_kw ELSE EXCLUDED.max_dc_charge_kw END,
         max_ac_discharge_kw = CASE WHEN $11 THEN v.max_ac_discharge_kw ELSE EXCLUDED.max_ac_discharge_kw END,
         max_dc_discharge_kw = CASE WHEN $13 THEN v.max_dc_discharge_kw ELSE EXCLUDED.max_dc_discharge_kw END,
         v2g_capable = coalesce($14, v.v2g_capable),
         oem = CASE WHEN $16 THEN v.oem ELSE EXCLUDED.oem END,
         model = CASE WHEN $18 THEN v.model ELSE EXCLUDED.model END
       RETURNING id`,
      [randomUUID(), c.fleetId, c.pseudonymousId, ...values.flat()],
    );
    return rows[0].id;
  }
}

function kw(text: string | undefined, value: unknown): [string | null, boolean] {
  return [text ?? null, value === undefined];
}

function keep(value: string | null | undefined): [string | null, boolean] {
  return [value ?? null, value === undefined];
}
