import { DeliveryDay } from '@vpp/units';

import { DayType, DayTypeScheme, LOCAL_SLOTS_PER_DAY, dayTypeOf, isoWeekdayOf, localQuarterOf, slotsOfDay } from './day-type';
import { Quantiles, ZERO_QUANTILES, meanOf, quantilesOf } from './quantiles';
import type { ForecastScope, HistoricalSession } from './session-forecast';
import { spreadOverNeighbours } from './smoothing';

export interface ForecastOptions {
  /** `auto`: per weekday when every weekday has `minDaysPerWeekday` history days, else weekday/Saturday/Sunday. */
  readonly dayTypeScheme: DayTypeScheme | 'auto';
  readonly minDaysPerWeekday: number;
  /** Half-width in ISPs of the triangular spreading of per-day arrivals and energy (see smoothing.ts). */
  readonly smoothingHalfWidthIsps: number;
  /** The per-session quantiles (dwell, energy, max power) widen their window of arrival ISPs until this many sessions... */
  readonly minSessionsPerCohort: number;
  /** ...or until +- this many ISPs; if still short, the day type's whole day is used. */
  readonly maxCohortHalfWidthIsps: number;
}

export const DEFAULT_FORECAST_OPTIONS: ForecastOptions = {
  dayTypeScheme: 'auto',
  minDaysPerWeekday: 8,
  smoothingHalfWidthIsps: 2,
  minSessionsPerCohort: 30,
  maxCohortHalfWidthIsps: 8,
};

export class ForecastError extends Error {
  constructor(readonly code: 'EMPTY_TRAINING_WINDOW' | 'NO_HISTORY_FOR_DAY_TYPE' | 'KNOWN_AT_TOO_EARLY', message: string) {
    super(message);
    this.name = 'ForecastError';
  }
}

/** What the history says about arrivals in one wall-clock quarter of one day type. */
export interface SlotProfile {
  readonly expectedArrivals: number;
  readonly arrivals: Quantiles;
  readonly expectedArrivingEnergyKwh: number;
  readonly arrivingEnergyKwh: Quantiles;
  readonly dwellHours: Quantiles;
  readonly energyNeedKwh: Quantiles;
  readonly maxPowerKw: number;
  readonly sampleSessions: number;
}

export interface DayTypeProfile {
  readonly dayType: DayType;
  readonly historyDays: number;
  /** Indexed by wall-clock slot 0..95. */
  readonly slots: readonly SlotProfile[];
  readonly expectedArrivalsPerDay: number;
  readonly arrivalsPerDay: Quantiles;
  readonly expectedEnergyKwhPerDay: number;
  readonly energyKwhPerDay: Quantiles;
}

/** A trained model: one profile per day type; `forecastDay` turns it into a day's forecast. */
export interface ForecastModel {
  readonly scope: ForecastScope;
  readonly trainedFrom: string;
  readonly trainedTo: string;
  readonly knownAt: Date;
  readonly dayTypeScheme: DayTypeScheme;
  readonly profiles: ReadonlyMap<DayType, DayTypeProfile>;
  readonly assumptions: readonly string[];
}

export interface ForecastTrainingInput {
  readonly scope: ForecastScope;
  /** The scope's sessions (any order; sessions outside the window are ignored). */
  readonly history: readonly HistoricalSession[];
  /** Training window in delivery days, both inclusive. */
  readonly trainFrom: DeliveryDay;
  readonly trainTo: DeliveryDay;
  /**
   * Arrivals at or after this instant are not used, and neither are the dwell and energy of
   * sessions still plugged in at it: a forecast never learns from what was not yet known.
   */
  readonly knownAt: Date;
  readonly options?: Partial<ForecastOptions>;
  /** Assumptions the caller made in building the history (e.g. max power from a nominal EVSE rating). */
  readonly assumptions?: readonly string[];
}

interface TrainingDay {
  readonly isoDate: string;
  readonly dayType: DayType;
  /** Per slot: how many ISPs of the day have that wall-clock slot (0 in the spring gap, 2 in the autumn repeat). */
  readonly multiplicity: Uint8Array;
}

interface SessionSamples {
  readonly dwellHours: number[];
  readonly energyKwh: number[];
  readonly maxPowerKw: number[];
}

const MS_PER_HOUR = 3_600_000;

function trainingDays(from: DeliveryDay, to: DeliveryDay): { isoDate: string; isoWeekday: number; multiplicity: Uint8Array }[] {
  const days = [];
  for (let day = from; day.compare(to) <= 0; day = day.next()) {
    const multiplicity = new Uint8Array(LOCAL_SLOTS_PER_DAY);
    if (day.ispCount === LOCAL_SLOTS_PER_DAY) multiplicity.fill(1);
    else for (const slot of slotsOfDay(day)) multiplicity[slot] += 1;
    days.push({ isoDate: day.isoDate, isoWeekday: isoWeekdayOf(day), multiplicity });
  }
  return days;
}

function chooseScheme(isoWeekdays: readonly number[], options: ForecastOptions): DayTypeScheme {
  if (options.dayTypeScheme !== 'auto') return options.dayTypeScheme;
  const perWeekday = new Array<number>(8).fill(0);
  for (const w of isoWeekdays) perWeekday[w] += 1;
  return perWeekday.slice(1).every((n) => n >= options.minDaysPerWeekday) ? 'per-weekday' : 'weekday-saturday-sunday';
}

function emptySamples(): SessionSamples {
  return { dwellHours: [], energyKwh: [], maxPowerKw: [] };
}

/**
 * Learns, per day type and wall-clock quarter, the distribution of arrivals (count and energy per
 * day) and of each arriving session's dwell, energy need and max power.
 *
 * - Arrivals per day and slot are empirical quantiles over the history days of the day type,
 *   after spreading each day's arrivals over neighbouring ISPs (`smoothingHalfWidthIsps`). Days
 *   without any arrival count as zeros: the window, not the data, defines the days.
 * - DST: history is keyed by local wall clock. On a 100-ISP day the repeated hour's arrivals are
 *   halved per slot (a rate per real ISP); on a 92-ISP day the missing hour is no observation.
 * - Per-session quantiles pool the day type's sessions arriving within +-w ISPs of the slot, w
 *   growing from 0 until `minSessionsPerCohort` sessions or `maxCohortHalfWidthIsps`, then the
 *   whole day type (all day types if that has none): P10 dwell needs a sample, and a lone
 *   session would make it that session.
 */
export function trainForecastModel(input: ForecastTrainingInput): ForecastModel {
  const options: ForecastOptions = { ...DEFAULT_FORECAST_OPTIONS, ...input.options };
  if (input.trainFrom.compare(input.trainTo) > 0) {
    throw new ForecastError('EMPTY_TRAINING_WINDOW', `training window ${input.trainFrom.isoDate}..${input.trainTo.isoDate} is empty`);
  }
  const knownAtMs = input.knownAt.getTime();
  if (knownAtMs < input.trainFrom.start.getTime()) {
    throw new ForecastError('KNOWN_AT_TOO_EARLY', `known_at ${input.knownAt.toISOString()} is before the training window`);
  }
  const rawDays = trainingDays(input.trainFrom, input.trainTo);
  const scheme = chooseScheme(rawDays.map((d) => d.isoWeekday), options);
  const days: TrainingDay[] = rawDays.map((d) => ({ isoDate: d.isoDate, dayType: dayTypeOf(d.isoWeekday, scheme), multiplicity: d.multiplicity }));
  const dayIndex = new Map(days.map((d, i) => [d.isoDate, i]));

  const slots = LOCAL_SLOTS_PER_DAY;
  const counts = new Float64Array(days.length * slots);
  const energy = new Float64Array(days.length * slots);
  const samples = new Map<DayType, SessionSamples[]>();
  for (const session of input.history) {
    if (session.arrivalMs >= knownAtMs) continue;
    const quarter = localQuarterOf(session.arrivalMs);
    const i = dayIndex.get(quarter.isoDate);
    if (i === undefined) continue;
    counts[i * slots + quarter.slot] += 1;
    energy[i * slots + quarter.slot] += session.energyKwh;
    if (session.departureMs > knownAtMs) continue;
    const type = days[i].dayType;
    let perSlot = samples.get(type);
    if (perSlot === undefined) {
      perSlot = Array.from({ length: slots }, emptySamples);
      samples.set(type, perSlot);
    }
    const bucket = perSlot[quarter.slot];
    bucket.dwellHours.push((session.departureMs - session.arrivalMs) / MS_PER_HOUR);
    bucket.energyKwh.push(session.energyKwh);
    bucket.maxPowerKw.push(session.maxPowerKw);
  }

  const anyDayType = emptySamples();
  for (const perSlot of samples.values()) {
    const all = pooled(perSlot, 0, slots - 1);
    anyDayType.dwellHours.push(...all.dwellHours);
    anyDayType.energyKwh.push(...all.energyKwh);
    anyDayType.maxPowerKw.push(...all.maxPowerKw);
  }
  const profiles = new Map<DayType, DayTypeProfile>();
  for (const type of new Set(days.map((d) => d.dayType))) {
    const indices = days.flatMap((d, i) => (d.dayType === type ? [i] : []));
    profiles.set(type, dayTypeProfile(type, indices, days, counts, energy, samples.get(type), anyDayType, options));
  }
  return {
    scope: input.scope,
    trainedFrom: input.trainFrom.isoDate,
    trainedTo: input.trainTo.isoDate,
    knownAt: new Date(knownAtMs),
    dayTypeScheme: scheme,
    profiles,
    assumptions: [...(input.assumptions ?? [])],
  };
}

function dayTypeProfile(
  dayType: DayType,
  indices: readonly number[],
  days: readonly TrainingDay[],
  counts: Float64Array,
  energy: Float64Array,
  samples: readonly SessionSamples[] | undefined,
  anyDayType: SessionSamples,
  options: ForecastOptions,
): DayTypeProfile {
  const slots = LOCAL_SLOTS_PER_DAY;
  const dayCounts: number[] = [];
  const dayEnergy: number[] = [];
  const smoothedCounts: Float64Array[] = [];
  const smoothedEnergy: Float64Array[] = [];
  for (const i of indices) {
    const multiplicity = days[i].multiplicity;
    const c = counts.slice(i * slots, (i + 1) * slots);
    const e = energy.slice(i * slots, (i + 1) * slots);
    dayCounts.push(c.reduce((a, b) => a + b, 0));
    dayEnergy.push(e.reduce((a, b) => a + b, 0));
    for (let s = 0; s < slots; s += 1) {
      if (multiplicity[s] > 1) {
        c[s] /= multiplicity[s];
        e[s] /= multiplicity[s];
      }
    }
    smoothedCounts.push(spreadOverNeighbours(c, multiplicity, options.smoothingHalfWidthIsps));
    smoothedEnergy.push(spreadOverNeighbours(e, multiplicity, options.smoothingHalfWidthIsps));
  }
  const perSlotSamples = samples ?? Array.from({ length: slots }, emptySamples);
  const wholeDayType = pooled(perSlotSamples, 0, slots - 1);
  const wholeDay = wholeDayType.dwellHours.length > 0 ? wholeDayType : anyDayType;
  const slotProfiles: SlotProfile[] = [];
  for (let s = 0; s < slots; s += 1) {
    const c: number[] = [];
    const e: number[] = [];
    indices.forEach((i, k) => {
      if (days[i].multiplicity[s] === 0) return;
      c.push(smoothedCounts[k][s]);
      e.push(smoothedEnergy[k][s]);
    });
    const cohort = cohortSamples(perSlotSamples, s, wholeDay, options);
    slotProfiles.push({
      expectedArrivals: c.length === 0 ? 0 : meanOf(c),
      arrivals: c.length === 0 ? ZERO_QUANTILES : quantilesOf(c),
      expectedArrivingEnergyKwh: e.length === 0 ? 0 : meanOf(e),
      arrivingEnergyKwh: e.length === 0 ? ZERO_QUANTILES : quantilesOf(e),
      dwellHours: cohort.dwellHours.length === 0 ? ZERO_QUANTILES : quantilesOf(cohort.dwellHours),
      energyNeedKwh: cohort.energyKwh.length === 0 ? ZERO_QUANTILES : quantilesOf(cohort.energyKwh),
      maxPowerKw: cohort.maxPowerKw.length === 0 ? 0 : quantilesOf(cohort.maxPowerKw).p50,
      sampleSessions: cohort.dwellHours.length,
    });
  }
  return {
    dayType,
    historyDays: indices.length,
    slots: slotProfiles,
    expectedArrivalsPerDay: indices.length === 0 ? 0 : meanOf(dayCounts),
    arrivalsPerDay: indices.length === 0 ? ZERO_QUANTILES : quantilesOf(dayCounts),
    expectedEnergyKwhPerDay: indices.length === 0 ? 0 : meanOf(dayEnergy),
    energyKwhPerDay: indices.length === 0 ? ZERO_QUANTILES : quantilesOf(dayEnergy),
  };
}

function pooled(perSlot: readonly SessionSamples[], from: number, to: number): SessionSamples {
  const out = emptySamples();
  for (let s = Math.max(0, from); s <= Math.min(perSlot.length - 1, to); s += 1) {
    out.dwellHours.push(...perSlot[s].dwellHours);
    out.energyKwh.push(...perSlot[s].energyKwh);
    out.maxPowerKw.push(...perSlot[s].maxPowerKw);
  }
  return out;
}

function cohortSamples(perSlot: readonly SessionSamples[], slot: number, wholeDay: SessionSamples, options: ForecastOptions): SessionSamples {
  for (let w = 0; w <= options.maxCohortHalfWidthIsps; w += 1) {
    const window = pooled(perSlot, slot - w, slot + w);
    if (window.dwellHours.length >= options.minSessionsPerCohort) return window;
  }
  return wholeDay;
}
