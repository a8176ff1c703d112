import { costOfSpreadKwh, type PriceTimeline } from './price-timeline';
import { deliverableKwh, type RollingSession } from './rolling-session';

const MS_PER_HOUR = 3_600_000;

/**
 * The baseline (ARCHITECTURE.md section 2): max power from arrival until the actual energy is
 * delivered (or the EV leaves), EUR at the timeline's prices.
 */
export function uncontrolledCostEur(sessions: readonly RollingSession[], prices: PriceTimeline): number {
  let eur = 0;
  for (const s of sessions) {
    const kwh = deliverableKwh(s);
    if (kwh <= 0 || s.maxPowerKw <= 0) continue;
    const endMs = Math.min(s.departureMs, s.arrivalMs + (kwh / s.maxPowerKw) * MS_PER_HOUR);
    eur += costOfSpreadKwh(prices, s.arrivalMs, endMs, kwh);
  }
  return eur;
}
