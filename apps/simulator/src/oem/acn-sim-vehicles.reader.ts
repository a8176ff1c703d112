import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { Decimal, parseDecimal, parseUtcInstant } from '@vpp/units';

/** One simulated car, seeded from a real ACN-Data session with the driver's own request. */
export interface SimVehicleSeed {
  readonly oemVehicleRef: string;
  readonly accountId: string;
  readonly sourceSessionId: string;
  readonly arrivalAt: Date;
  readonly requestedDepartureAt: Date;
  readonly requestedEnergyKwh: Decimal;
  /**
   * When the car is at its charger: plugged in from `arrivalAt` until this instant, unplugged
   * before and after (the cloud's clock decides). Absent: plugged in all along (the ACN replay).
   */
  readonly unplugAt?: Date;
  /** The battery (kWh); absent: the 60 kWh mid-size car. */
  readonly batteryKwh?: Decimal;
  /** The car's charging power (kW) when unthrottled; absent: 6.6 kW. */
  readonly maxPowerKw?: Decimal;
}

interface AcnRow {
  session_id: string;
  arrival_utc: string;
  user_kwh_requested: string;
  user_requested_departure_utc: string;
}

/**
 * Reads the raw ACN-Data layout (`ev-sessions-acn-caltech-*.csv`, PROVENANCE.md): sessions where
 * the driver entered requested energy and departure. Rows without that input are passed over,
 * counted in `skipped`, since the simulated OEM needs a need to report.
 */
export function readAcnSimVehicles(path: string, count: number): { vehicles: SimVehicleSeed[]; skipped: number } {
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as AcnRow[];
  const vehicles: SimVehicleSeed[] = [];
  let skipped = 0;
  for (const row of rows) {
    if (vehicles.length >= count) break;
    if (!row.user_kwh_requested || !row.user_requested_departure_utc) {
      skipped += 1;
      continue;
    }
    const index = vehicles.length + 1;
    vehicles.push({
      oemVehicleRef: `acn-car-${index}`,
      accountId: `acn-account-${index}`,
      sourceSessionId: row.session_id,
      arrivalAt: parseUtcInstant(row.arrival_utc),
      requestedDepartureAt: parseUtcInstant(row.user_requested_departure_utc),
      requestedEnergyKwh: parseDecimal(row.user_kwh_requested),
    });
  }
  return { vehicles, skipped };
}
