/** The channel a meter value came in on (ARCHITECTURE.md section 2, control channel). */
export type TelemetrySource = 'ocpi' | 'ocpp' | 'oem';

export const TELEMETRY_SOURCES: readonly TelemetrySource[] = ['ocpi', 'ocpp', 'oem'];

/**
 * Whether a row's power was measured or derived: OCPI Sessions carry only the session's energy
 * (`kwh`), so their power is the energy step over the time step (DERIVED, labelled in the row).
 */
export type PowerSource = 'measured' | 'derived_from_energy';
export const POWER_SOURCES: readonly PowerSource[] = ['measured', 'derived_from_energy'];

/**
 * Whether a row's energy register was measured or derived: an OEM cloud without the car's
 * charged-energy counter reports power and SoC only, so its register is integrated from the power
 * readings (DERIVED, labelled in the row); with the counter it is measured.
 */
export type EnergySource = 'measured' | 'derived_from_power';
export const ENERGY_SOURCES: readonly EnergySource[] = ['measured', 'derived_from_power'];

/**
 * One meter value as a protocol adapter hands it over. Quantities are decimal strings, never JS
 * numbers, from the wire to PostgreSQL `numeric` (STYLE.md 9.6).
 *
 * - `powerKw`: signed active power in kW, positive = charging (import), negative = discharging.
 * - `energyRegisterKwh`: the meter's cumulative import register in kWh (non-decreasing in time).
 * - `socPct`: state of charge 0..100 where known.
 * - `evseMaxPowerKw`: the EVSE's limit in kW if the caller knows it; values above it by the
 *   configured margin are quarantined.
 * - `powerSource` / `energySource`: `measured` unless given (see `PowerSource`, `EnergySource`);
 *   stored with the row (and with a quarantined one), so readers can label derived quantities.
 */
export interface MeterValueInput {
  readonly sessionId: string;
  /** ISO-8601 instant with an offset or `Z`, e.g. `2025-03-30T01:15:00Z`. */
  readonly measuredAt: string;
  readonly powerKw: string;
  readonly energyRegisterKwh: string;
  readonly socPct?: string | null;
  readonly source: TelemetrySource;
  readonly evseMaxPowerKw?: string | null;
  readonly powerSource?: PowerSource;
  readonly energySource?: EnergySource;
}

/** Why a meter value was quarantined instead of stored (stable codes, stored in the quarantine table). */
export type QuarantineReason =
  | 'malformed_number'
  | 'future_timestamp'
  | 'older_than_retention'
  | 'soc_out_of_range'
  | 'power_above_limit'
  | 'negative_energy_step';

export const QUARANTINE_REASONS: readonly QuarantineReason[] = [
  'malformed_number',
  'future_timestamp',
  'older_than_retention',
  'soc_out_of_range',
  'power_above_limit',
  'negative_energy_step',
];

/** What one call to `ingestMeterValues` did; `received = inserted + duplicates + sum(quarantined)`. */
export interface IngestResult {
  readonly received: number;
  readonly inserted: number;
  /** Already stored, or repeated within the batch: the (session, instant) key is idempotent. */
  readonly duplicates: number;
  readonly quarantined: Readonly<Record<QuarantineReason, number>>;
}

export function emptyQuarantineCounts(): Record<QuarantineReason, number> {
  return {
    malformed_number: 0,
    future_timestamp: 0,
    older_than_retention: 0,
    soc_out_of_range: 0,
    power_above_limit: 0,
    negative_energy_step: 0,
  };
}
