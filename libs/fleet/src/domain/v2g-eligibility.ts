import type { CurrentType } from './fleet-vocabulary';

export interface V2gVehicle {
  readonly id: string;
  readonly oem: string | null;
  readonly model: string | null;
  readonly v2gCapable: boolean;
}

export interface V2gEvse {
  readonly id: string;
  readonly currentType: CurrentType;
  readonly bidirectional: boolean;
}

/** A recorded statement that a grid code of `country` is met (table `v2g_compliance`). */
export interface V2gComplianceRecord {
  readonly evseId: string;
  readonly country: string;
  /** For AC: the vehicle itself, or a vehicle model (oem + model). Both null for DC. */
  readonly vehicleId: string | null;
  readonly vehicleOem: string | null;
  readonly vehicleModel: string | null;
}

export type V2gEligibility =
  | { readonly eligible: true }
  | { readonly eligible: false; readonly reason: 'evse_not_bidirectional' | 'vehicle_unknown' | 'vehicle_not_v2g_capable' | 'not_compliant' };

/**
 * May this EV discharge on this EVSE at a site in `siteCountry`? (issue 3, item 2.) For AC the
 * inverter is in the car, so the grid code is met by the EV-EVSE pair and the record must name
 * the vehicle or its model; for DC the inverter is in the EVSE, so the EVSE's record suffices.
 * The site's country counts, not the car's: cars cross borders, grid codes do not.
 */
export function v2gEligibility(input: {
  readonly vehicle: V2gVehicle | null;
  readonly evse: V2gEvse;
  readonly siteCountry: string;
  readonly records: readonly V2gComplianceRecord[];
}): V2gEligibility {
  const { vehicle, evse, siteCountry, records } = input;
  if (!evse.bidirectional) return { eligible: false, reason: 'evse_not_bidirectional' };
  if (vehicle === null) return { eligible: false, reason: 'vehicle_unknown' };
  if (!vehicle.v2gCapable) return { eligible: false, reason: 'vehicle_not_v2g_capable' };
  const inCountry = records.filter((r) => r.evseId === evse.id && r.country === siteCountry);
  const compliant = evse.currentType === 'DC' ? inCountry.some((r) => r.vehicleId === null && r.vehicleModel === null) : inCountry.some((r) => coversVehicle(r, vehicle));
  return compliant ? { eligible: true } : { eligible: false, reason: 'not_compliant' };
}

function coversVehicle(record: V2gComplianceRecord, vehicle: V2gVehicle): boolean {
  if (record.vehicleId !== null) return record.vehicleId === vehicle.id;
  return record.vehicleOem !== null && record.vehicleModel !== null && record.vehicleOem === vehicle.oem && record.vehicleModel === vehicle.model;
}
