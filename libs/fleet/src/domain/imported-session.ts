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
  /** The station the EVSE belongs to, when the source names one (else the EVSE is its own station). */
  readonly chargePointId?: string | null;
  /** What the driver asked for (ACN user inputs, canonical `requested_*`), when the source has it. */
  readonly requestedEnergy?: EnergyKwh | null;
  readonly requestedDeparture?: Date | null;
  /** A readable site name, when the source has one. */
  readonly siteName?: string | null;
}

/** Why a row cannot be used; counted and reported, never dropped silently. */
export type UnusableSessionReason =
  | 'malformed_row'
  | 'zero_energy'
  | 'departure_before_arrival'
  | 'zero_duration'
  | 'energy_beyond_power_and_dwell';

export interface SessionImportResult {
  readonly format: string;
  readonly sessions: ImportedSession[];
  readonly rowsRead: number;
  readonly unusable: Record<UnusableSessionReason, number>;
}

export function emptyUnusableCounts(): Record<UnusableSessionReason, number> {
  return { malformed_row: 0, zero_energy: 0, departure_before_arrival: 0, zero_duration: 0, energy_beyond_power_and_dwell: 0 };
}
