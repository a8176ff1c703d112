export interface RemainingNeedInput {
  /** The session's whole need, metered kWh (driver override first), or null. */
  readonly energyNeedKwh: number | null;
  readonly deliveredKwh: number;
  readonly targetSocPct: number | null;
  /** Last measured SoC at or before the plan's known_at, or null. */
  readonly socPct: number | null;
  readonly batteryKwh: number | null;
  readonly chargeEfficiency: number;
}

export interface RemainingNeed {
  readonly kwh: number;
  readonly from: 'energy-need' | 'target-soc';
}

/**
 * Metered kWh still to charge. A stated energy need counts for the whole session, so what was
 * delivered is subtracted; a target SoC needs the measured SoC and the battery size, and is
 * converted to metered kWh through the charge efficiency. Null when neither can be computed
 * (the session is then skipped by the plan, and counted as such).
 */
export function remainingNeed(input: RemainingNeedInput): RemainingNeed | null {
  if (input.energyNeedKwh !== null) return { kwh: Math.max(0, input.energyNeedKwh - input.deliveredKwh), from: 'energy-need' };
  if (input.targetSocPct !== null && input.socPct !== null && input.batteryKwh !== null && input.batteryKwh > 0) {
    const storedKwh = Math.max(0, (input.targetSocPct - input.socPct) / 100) * input.batteryKwh;
    return { kwh: storedKwh / input.chargeEfficiency, from: 'target-soc' };
  }
  return null;
}
