import { EnergyKwh, PowerKw } from '@vpp/units';

/** A charging session in the platform's canonical import layout (ARCHITECTURE.md section 6). */
export interface ImportedSession {
  readonly sessionId: string;
  readonly siteId: string;
  readonly evseId: string | null;
  readonly vehicleId: string | null;
  readonly arrival: Date;
  readonly departure: Date;
  readonly energy: EnergyKwh;
  readonly maxPower: PowerKw | null;
}

/** Why a row cannot be used; counted and reported, never dropped silently. */
export type UnusableSessionReason =
  | 'malformed_row'
  | 'zero_energy'
  | 'departure_before_arrival'
  | 'energy_beyond_power_and_dwell';

export interface SessionImportResult {
  readonly format: string;
  readonly sessions: ImportedSession[];
  readonly rowsRead: number;
  readonly unusable: Record<UnusableSessionReason, number>;
}

export function emptyUnusableCounts(): Record<UnusableSessionReason, number> {
  return { malformed_row: 0, zero_energy: 0, departure_before_arrival: 0, energy_beyond_power_and_dwell: 0 };
}
