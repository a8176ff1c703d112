import {
  DEFAULT_FORECAST_OPTIONS,
  LOCAL_SLOTS_PER_DAY,
  dayTypeOf,
  localQuarterOf,
  quantileOfSorted,
  trainForecastModel,
  type DayType,
  type DayTypeScheme,
  type ForecastOptions,
  type ForecastTrainingInput,
} from '@vpp/flexibility/domain';

const MS_PER_HOUR = 3_600_000;

interface Samples {
  readonly dwellHours: number[];
  readonly energyKwh: number[];
}

interface SortedCohort {
  readonly dwellHours: Float64Array;
  /** dwellSums[i] = sum of dwellHours[0..i): conditional means in O(log n). */
  readonly dwellSums: Float64Array;
  readonly energyKwh: Float64Array;
}

/**
 * Per-session dwell and energy distributions of arriving EVs, learned from history with the
 * session forecast's own rules (`@vpp/flexibility/domain` forecast, method empirical-daytype-isp):
 * its day types (the scheme `trainForecastModel` picks), local wall-clock arrival quarters, the
 * same training filter (arrivals before known_at, sessions finished by then, days in the window)
 * and the same cohort widening (+-w ISPs until `minSessionsPerCohort`, then the day type, then
 * all). The forecast keeps only P10/P50/P90 per cohort; a rolling planner also needs quantiles
 * *conditional* on what it has seen (still plugged in after e hours, still drawing after d kWh),
 * so this keeps the cohort's sorted samples. Unconditional quantiles equal the forecast's
 * (tested), so the two never disagree.
 */
export class SessionPrior {
  private readonly cache = new Map<string, SortedCohort>();

  private constructor(
    readonly scheme: DayTypeScheme,
    private readonly perType: ReadonlyMap<DayType, readonly Samples[]>,
    private readonly anyType: Samples,
    private readonly options: ForecastOptions,
    readonly trainingSessions: number,
  ) {}

  static train(input: ForecastTrainingInput): SessionPrior {
    const options: ForecastOptions = { ...DEFAULT_FORECAST_OPTIONS, ...input.options };
    const model = trainForecastModel(input);
    const knownAtMs = input.knownAt.getTime();
    const fromMs = input.trainFrom.start.getTime();
    const toMs = input.trainTo.end.getTime();
    const perType = new Map<DayType, Samples[]>();
    let count = 0;
    for (const s of input.history) {
      if (s.arrivalMs >= knownAtMs || s.departureMs > knownAtMs || s.arrivalMs < fromMs || s.arrivalMs >= toMs) continue;
      const quarter = localQuarterOf(s.arrivalMs);
      const type = dayTypeOf(quarter.isoWeekday, model.dayTypeScheme);
      let slots = perType.get(type);
      if (slots === undefined) {
        slots = Array.from({ length: LOCAL_SLOTS_PER_DAY }, () => ({ dwellHours: [], energyKwh: [] }));
        perType.set(type, slots);
      }
      slots[quarter.slot].dwellHours.push((s.departureMs - s.arrivalMs) / MS_PER_HOUR);
      slots[quarter.slot].energyKwh.push(s.energyKwh);
      count += 1;
    }
    const anyType: Samples = { dwellHours: [], energyKwh: [] };
    for (const slots of perType.values()) {
      const all = pooled(slots, 0, LOCAL_SLOTS_PER_DAY - 1);
      anyType.dwellHours.push(...all.dwellHours);
      anyType.energyKwh.push(...all.energyKwh);
    }
    return new SessionPrior(model.dayTypeScheme, perType, anyType, options, count);
  }

  /** q-quantile of the dwell (hours) of EVs arriving like this one, among those staying longer than `aboveHours`; NaN if none did. */
  dwellHours(arrivalMs: number, q: number, aboveHours = Number.NEGATIVE_INFINITY): number {
    return conditionalQuantile(this.cohortOf(arrivalMs).dwellHours, q, aboveHours);
  }

  /** Mean dwell (hours) of EVs arriving like this one, among those staying longer than `aboveHours`: the expected dwell; NaN if none did. */
  expectedDwellHours(arrivalMs: number, aboveHours = Number.NEGATIVE_INFINITY): number {
    const cohort = this.cohortOf(arrivalMs);
    const n = cohort.dwellHours.length;
    const from = firstAbove(cohort.dwellHours, aboveHours);
    return from >= n ? Number.NaN : (cohort.dwellSums[n] - cohort.dwellSums[from]) / (n - from);
  }

  /** q-quantile of the energy (kWh) of EVs arriving like this one, among those drawing more than `aboveKwh`; NaN if none did. */
  energyKwh(arrivalMs: number, q: number, aboveKwh = Number.NEGATIVE_INFINITY): number {
    return conditionalQuantile(this.cohortOf(arrivalMs).energyKwh, q, aboveKwh);
  }

  private cohortOf(arrivalMs: number): SortedCohort {
    const quarter = localQuarterOf(arrivalMs);
    const type = dayTypeOf(quarter.isoWeekday, this.scheme);
    const key = `${type}/${quarter.slot}`;
    let cohort = this.cache.get(key);
    if (cohort === undefined) {
      const samples = this.cohortSamples(type, quarter.slot);
      const dwellHours = Float64Array.from(samples.dwellHours).sort();
      const dwellSums = new Float64Array(dwellHours.length + 1);
      for (let i = 0; i < dwellHours.length; i += 1) dwellSums[i + 1] = dwellSums[i] + dwellHours[i];
      cohort = { dwellHours, dwellSums, energyKwh: Float64Array.from(samples.energyKwh).sort() };
      this.cache.set(key, cohort);
    }
    return cohort;
  }

  private cohortSamples(type: DayType, slot: number): Samples {
    const slots = this.perType.get(type);
    if (slots !== undefined) {
      for (let w = 0; w <= this.options.maxCohortHalfWidthIsps; w += 1) {
        const window = pooled(slots, slot - w, slot + w);
        if (window.dwellHours.length >= this.options.minSessionsPerCohort) return window;
      }
      const wholeDay = pooled(slots, 0, LOCAL_SLOTS_PER_DAY - 1);
      if (wholeDay.dwellHours.length > 0) return wholeDay;
    }
    return this.anyType;
  }
}

function pooled(slots: readonly Samples[], from: number, to: number): Samples {
  const out: Samples = { dwellHours: [], energyKwh: [] };
  for (let s = Math.max(0, from); s <= Math.min(slots.length - 1, to); s += 1) {
    out.dwellHours.push(...slots[s].dwellHours);
    out.energyKwh.push(...slots[s].energyKwh);
  }
  return out;
}

/** Type-7 quantile (the forecast's) of the sorted samples strictly above `above`. */
function conditionalQuantile(sorted: Float64Array, q: number, above: number): number {
  return quantileOfSorted(sorted.subarray(firstAbove(sorted, above)), q);
}

/** Index of the first sample strictly above `above` (sorted.length if none). */
function firstAbove(sorted: Float64Array, above: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] > above) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
