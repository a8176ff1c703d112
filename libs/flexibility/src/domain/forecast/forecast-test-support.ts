import { DeliveryDay } from '@vpp/units';

import type { HistoricalSession } from './session-forecast';

/** A history session arriving at local wall-clock `hhmm` on `isoDate` (Europe/Amsterdam). */
export function sessionAt(isoDate: string, hhmm: string, dwellHours: number, energyKwh = 10, maxPowerKw = 11, siteId = 'site-a'): HistoricalSession {
  const [hour, minute] = hhmm.split(':').map((part) => Number.parseInt(part, 10));
  const arrivalMs = DeliveryDay.of(isoDate).atLocalTime(hour, minute).getTime();
  return { siteId, arrivalMs, departureMs: arrivalMs + dwellHours * 3_600_000, energyKwh, maxPowerKw };
}

/** `n` copies of a session. */
export function times(n: number, make: () => HistoricalSession): HistoricalSession[] {
  return Array.from({ length: n }, make);
}
