import { Decimal, RoundingMode } from '@vpp/units';
import type { Baseline, BaselineMethod } from '../baseline';

/**
 * A baseline as stored for settlement: the subject (a session, or a site for X-of-Y), the method
 * and its version, `knownAt` and what it was computed from, and per ISP power and energy.
 */
export interface BaselineRecordValues {
  readonly method: BaselineMethod;
  readonly methodVersion: number;
  readonly knownAt: Date;
  readonly computedFrom: Readonly<Record<string, string>>;
  readonly isps: readonly { readonly ispStart: Date; readonly powerKw: Decimal; readonly energyKwh: Decimal }[];
}

export type BaselineSubject = { readonly type: 'session'; readonly sessionId: string } | { readonly type: 'site'; readonly siteId: string };

/** The stored scales (power numeric(14,3), energy numeric(19,6)), as every settled quantity. */
export const BASELINE_POWER_SCALE = 3;
export const BASELINE_ENERGY_SCALE = 6;

/**
 * The one rounding point of a recorded baseline: exact decimals from the methods (a partial ISP
 * gives thirds of an hour) rounded half-even to the stored scales. The record is the settlement
 * truth from then on, so the rounding happens here, once, and is the same on every recording.
 */
export function toBaselineRecord(baseline: Baseline): BaselineRecordValues {
  return {
    method: baseline.metadata.method,
    methodVersion: baseline.metadata.version,
    knownAt: new Date(baseline.metadata.knownAt.getTime()),
    computedFrom: { ...baseline.metadata.inputs },
    isps: baseline.perIsp.map((entry) => ({
      ispStart: entry.isp.start,
      powerKw: entry.powerKw.value.toDecimalPlaces(BASELINE_POWER_SCALE, RoundingMode.HALF_EVEN),
      energyKwh: entry.energyKwh.value.toDecimalPlaces(BASELINE_ENERGY_SCALE, RoundingMode.HALF_EVEN),
    })),
  };
}

/** Same values to the stored scale: recording a baseline again must not change what was recorded. */
export function sameBaselineValues(a: BaselineRecordValues, b: BaselineRecordValues): boolean {
  if (a.isps.length !== b.isps.length) return false;
  if (JSON.stringify(sortedEntries(a.computedFrom)) !== JSON.stringify(sortedEntries(b.computedFrom))) return false;
  return a.isps.every((isp, i) => {
    const other = b.isps[i];
    return isp.ispStart.getTime() === other.ispStart.getTime() && isp.powerKw.equals(other.powerKw) && isp.energyKwh.equals(other.energyKwh);
  });
}

const sortedEntries = (record: Readonly<Record<string, string>>): [string, string][] => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
