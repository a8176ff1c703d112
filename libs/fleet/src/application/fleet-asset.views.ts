import type { JsonValue } from '@vpp/access';
import { formatDecimal, parseDecimal } from '@vpp/units';

// What the operator API answers. Decimal quantities travel as canonical decimal strings, instants
// as ISO-8601 UTC; rows come from raw SQL (numeric as text), so nothing passes through a float.

export interface FleetView {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface GridConnectionView {
  readonly ean: string;
  readonly importLimitKw: string;
  readonly exportLimitKw: string;
  readonly fuseLimitKw: string | null;
  readonly dso: string;
  readonly congestionArea: string | null;
}

export interface SiteView {
  readonly id: string;
  readonly fleetId: string | null;
  readonly name: string;
  readonly reference: string | null;
  readonly country: string;
  readonly innovationCluster: string;
  readonly timezone: string;
  readonly gridConnection: GridConnectionView | null;
  readonly createdAt: string;
}

export interface EvseView {
  readonly id: string;
  readonly evseNumber: number | null;
  readonly currentType: string;
  readonly phases: number;
  readonly maxPowerKw: string;
  readonly bidirectional: boolean;
  readonly iso15118_20: boolean;
}

export interface ChargePointView {
  readonly id: string;
  readonly siteId: string;
  readonly protocol: string;
  readonly ocppVersion: string | null;
  /** The OCPP identity (basic-auth user); the password is never returned. */
  readonly stationId: string | null;
  readonly reference: string | null;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly evses: readonly EvseView[];
  readonly createdAt: string;
}

export interface VehicleView {
  readonly id: string;
  readonly fleetId: string;
  readonly pseudonymousId: string;
  readonly batteryKwh: string | null;
  readonly maxAcChargeKw: string | null;
  readonly maxDcChargeKw: string | null;
  readonly maxAcDischargeKw: string | null;
  readonly maxDcDischargeKw: string | null;
  readonly v2gCapable: boolean;
  readonly oem: string | null;
  readonly model: string | null;
  readonly createdAt: string;
}

/** The prefix that keeps API references apart from importer refs (`<format>:<id>`) in `import_ref`. */
export const API_REFERENCE_PREFIX = 'api:';

export function referenceOf(importRef: string | null): string | null {
  return importRef !== null && importRef.startsWith(API_REFERENCE_PREFIX) ? importRef.slice(API_REFERENCE_PREFIX.length) : null;
}

export function decimalText(value: string | null): string | null {
  return value === null ? null : formatDecimal(parseDecimal(value));
}

export function requiredDecimalText(value: string): string {
  return formatDecimal(parseDecimal(value));
}

export function instantText(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

/** A view as the audit log's JSON (views hold only strings, numbers, booleans and nulls). */
export function auditJson(view: object): { [key: string]: JsonValue } {
  return JSON.parse(JSON.stringify(view)) as { [key: string]: JsonValue };
}

/** Equal content regardless of key order: how a retry is compared with what is stored. */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
