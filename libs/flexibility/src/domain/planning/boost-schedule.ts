import type { DeliveryDay } from '@vpp/units';
import type { DayCut } from './day-cut';

const MS_PER_HOUR = 3_600_000;
const ISP_HOURS = 0.25;

export interface BoostSchedule {
  /** Average kW per ISP of the delivery day (92/96/100 values; 0 outside the boost). */
  readonly powerKw: Float64Array;
  /** Metered kWh the boost delivers inside the day. */
  readonly deliveredKwh: number;
}

/**
 * A boost (issue 3 item 6: the driver asked for it, it overrides everything downstream): full
 * power from the window's start until the remaining need is met or the EV leaves. It is a fixed
 * schedule: the planner adds it to the site's load instead of handing it to the optimiser, so no
 * optimisation can move it, and the rest of the site plans around it.
 */
export function boostSchedule(cut: DayCut, remainingNeedKwh: number, maxChargeKw: number, day: DeliveryDay): BoostSchedule {
  const isps = day.isps();
  const powerKw = new Float64Array(isps.length);
  let remaining = Math.max(0, remainingNeedKwh);
  let delivered = 0;
  const startMs = cut.start.getTime();
  const endMs = cut.end.getTime();
  for (let k = 0; k < isps.length && remaining > 0; k += 1) {
    const fromMs = Math.max(isps[k].start.getTime(), startMs);
    const toMs = Math.min(isps[k].end.getTime(), endMs);
    if (toMs <= fromMs) continue;
    const energy = Math.min(remaining, maxChargeKw * ((toMs - fromMs) / MS_PER_HOUR));
    powerKw[k] = energy / ISP_HOURS;
    remaining -= energy;
    delivered += energy;
  }
  return { powerKw, deliveredKwh: delivered };
}
