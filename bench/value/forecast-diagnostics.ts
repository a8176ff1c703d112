import type { RollingSession, SessionOutcome } from '@vpp/optimizer';

const MS_PER_HOUR = 3_600_000;

function median(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  return sorted.length === 0 ? Number.NaN : sorted[(sorted.length - 1) >> 1];
}

const round = (x: number): number => Math.round(x * 100) / 100;

/**
 * Why the forecast regime captures what it does: the beliefs at arrival (declared or forecast)
 * against what happened, and where the undelivered energy went (sessions that left before the
 * departure planned on, or promised ones). A need that fills the believed dwell at full power is
 * planned as uncontrolled charging.
 */
export function forecastDiagnostics(sessions: readonly RollingSession[], outcomes: readonly SessionOutcome[]): Record<string, number> {
  const firstDwell: number[] = [];
  const actualDwell: number[] = [];
  const firstNeed: number[] = [];
  const actualEnergy: number[] = [];
  const chargingHours: number[] = [];
  let fullPowerAtArrival = 0;
  let declaredDeparture = 0;
  let declaredEnergy = 0;
  let undeliveredLeftEarly = 0;
  let undeliveredPromised = 0;
  sessions.forEach((s, i) => {
    const outcome = outcomes[i];
    const missing = Math.max(0, outcome.deliverableKwh - outcome.deliveredKwh);
    if (outcome.leftEarly) undeliveredLeftEarly += missing;
    else undeliveredPromised += missing;
    if (s.declaredDepartureMs !== undefined) declaredDeparture += 1;
    if (s.declaredEnergyKwh !== undefined) declaredEnergy += 1;
    const first = outcomes[i].firstBelief;
    const believedHours = (first.departureMs - s.arrivalMs) / MS_PER_HOUR;
    firstDwell.push(believedHours);
    actualDwell.push((s.departureMs - s.arrivalMs) / MS_PER_HOUR);
    firstNeed.push(first.needKwh);
    actualEnergy.push(s.energyKwh);
    chargingHours.push(s.energyKwh / s.maxPowerKw);
    if (first.needKwh >= s.maxPowerKw * believedHours) fullPowerAtArrival += 1;
  });
  return {
    believed_dwell_h_median_at_arrival: round(median(firstDwell)),
    actual_dwell_h_median: round(median(actualDwell)),
    believed_energy_kwh_median_at_arrival: round(median(firstNeed)),
    actual_energy_kwh_median: round(median(actualEnergy)),
    uncontrolled_charging_h_median: round(median(chargingHours)),
    full_power_at_arrival_pct: round((100 * fullPowerAtArrival) / Math.max(1, sessions.length)),
    sessions_declared_departure: declaredDeparture,
    sessions_declared_energy: declaredEnergy,
    undelivered_kwh_left_early: round(undeliveredLeftEarly),
    undelivered_kwh_promised: round(undeliveredPromised),
  };
}
