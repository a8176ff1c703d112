import { Decimal, RoundingMode } from '@vpp/units';

/** A charging-profile limit the CPO applied, from `fromMs` (its clock) until the next change; null = no limit. */
export interface LimitChange {
  readonly fromMs: number;
  readonly limitW: number | null;
}

/** One session as the simulated CPO charges it: whole watts, watt-hours and milliseconds (exact integers). */
export interface ChargingSession {
  readonly arrivalMs: number;
  readonly departureMs: number;
  /** The session's own max power: the replayed session's, else the EVSE rating, never above the EVSE. */
  readonly maxPowerW: number;
  /** What the session charges by departure unless limited (the replayed session's energy). */
  readonly energyWh: number;
}

const MS_PER_HOUR = 3_600_000;

/** Watts (or watt-hours) from a decimal kW (kWh) string, truncated to whole units. */
export function wholeThousandths(kiloText: string): number {
  return Number.parseInt(new Decimal(kiloText).times(1000).toDecimalPlaces(0, RoundingMode.TOWARD_ZERO).toFixed(0), 10);
}

/**
 * Energy (Wh, truncated) the session has taken by `untilMs`: from arrival at its max power, capped
 * at every instant by the limit in force (changes taken in time order, integrated piecewise),
 * until its energy is delivered or it departs. Exact integer arithmetic (W x ms), no randomness:
 * the same inputs always give the same kWh.
 */
export function deliveredWh(session: ChargingSession, limits: readonly LimitChange[], untilMs: number): number {
  const endMs = Math.min(untilMs, session.departureMs);
  const targetWms = session.energyWh * MS_PER_HOUR;
  const ordered = [...limits].sort((a, b) => a.fromMs - b.fromMs);
  let limitW: number | null = null;
  let next = 0;
  while (next < ordered.length && ordered[next]!.fromMs <= session.arrivalMs) limitW = ordered[next++]!.limitW;
  let atMs = session.arrivalMs;
  let wms = 0;
  while (atMs < endMs && wms < targetWms) {
    const segmentEnd = next < ordered.length ? Math.min(endMs, ordered[next]!.fromMs) : endMs;
    const powerW = Math.max(0, Math.min(session.maxPowerW, limitW ?? session.maxPowerW));
    wms = Math.min(targetWms, wms + powerW * (segmentEnd - atMs));
    atMs = segmentEnd;
    if (next < ordered.length && ordered[next]!.fromMs <= atMs) limitW = ordered[next++]!.limitW;
  }
  return Math.floor(wms / MS_PER_HOUR);
}

/** `12345` Wh as OCPI's kWh text `12.345`. */
export function kwhText(wh: number): string {
  return `${Math.floor(wh / 1000)}.${String(wh % 1000).padStart(3, '0')}`;
}
