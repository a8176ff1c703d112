import type { DeliveryDay } from '@vpp/units';

const MS_PER_HOUR = 3_600_000;

export interface DayCutInput {
  readonly arrival: Date;
  readonly departure: Date;
  /** Nothing before this can still be planned (the plan's known_at). */
  readonly from: Date;
  /** Metered kWh still to charge as known at `from`. */
  readonly remainingNeedKwh: number;
  /** Full charging power of the session (EV, EVSE), kW. */
  readonly maxChargeKw: number;
  readonly day: DeliveryDay;
}

/** The part of a session a delivery day's plan covers. */
export interface DayCut {
  readonly start: Date;
  readonly end: Date;
  /** Metered kWh this day must deliver. */
  readonly inDayNeedKwh: number;
  /** Metered kWh full power after the day's end could still deliver before the departure. */
  readonly afterDayKwh: number;
}

/**
 * Cuts a session at the delivery day's edges (planDayAhead plans one day). The window starts at
 * the latest of arrival, `from` and the day's start, and ends at the earlier of departure and the
 * day's end. The energy the day must deliver is the remaining need minus what full power after
 * the day's end could still deliver before the departure: the least this day has to do so the
 * need stays reachable; the next day's plan delivers the rest. Nothing is assumed charged between
 * `from` and the day's start (a D-1 plan counts the whole remaining need: conservative, so the
 * driver's promise never depends on a plan made for another day). Null when nothing of the
 * session lies inside the day.
 */
export function cutToDay(input: DayCutInput): DayCut | null {
  const startMs = Math.max(input.arrival.getTime(), input.from.getTime(), input.day.start.getTime());
  const endMs = Math.min(input.departure.getTime(), input.day.end.getTime());
  if (!(endMs > startMs)) return null;
  const afterFromMs = Math.max(input.day.end.getTime(), startMs);
  const afterHours = Math.max(0, input.departure.getTime() - afterFromMs) / MS_PER_HOUR;
  const afterDayKwh = Math.max(0, input.maxChargeKw) * afterHours;
  const inDayNeedKwh = Math.max(0, input.remainingNeedKwh - afterDayKwh);
  return { start: new Date(startMs), end: new Date(endMs), inDayNeedKwh, afterDayKwh };
}
