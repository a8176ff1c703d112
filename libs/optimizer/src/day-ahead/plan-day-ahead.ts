import { DayAheadPlan, DayAheadPlanInput, DayAheadPlanOptions } from './day-ahead-model';
import { planOn } from './plan-horizon';

/**
 * Plans one delivery day (92, 96 or 100 ISPs): the horizon planner on `day.isps()`, so the
 * caller cuts sessions at the day's edges. Per-ISP series have one value per ISP of the day.
 */
export async function planDayAhead(input: DayAheadPlanInput, options: DayAheadPlanOptions = {}): Promise<DayAheadPlan> {
  const { day, ...rest } = input;
  return planOn({ ...rest, isps: day.isps() }, `delivery day ${day.isoDate}`, options);
}
