import { DateTime } from 'luxon';

import { Decimal, DeliveryDay, EnergyKwh, Isp, MARKET_TIME_ZONE, PowerKw } from '@vpp/units';

/**
 * Baselines (ARCHITECTURE.md section 2): what a session or site would have drawn without us.
 * Every method is a named, versioned pure function. Its result carries the per-ISP values and
 * the metadata the activation record stores: method, version, a summary of the inputs and
 * `knownAt` (the instant the inputs were known; a baseline must never use later data).
 *
 * Exact decimals throughout: baselines end up in settlement (delivered = metered - baseline).
 */

export type BaselineMethod = 'uncontrolled-charging' | 'nominated-schedule' | 'meter-before' | 'historical-x-of-y';

/** Bump a version whenever a method's arithmetic changes; recorded baselines keep theirs. */
export const BASELINE_METHOD_VERSIONS: Readonly<Record<BaselineMethod, number>> = {
  'uncontrolled-charging': 2, // v1 = uncontrolledCharging() without taper; v2 adds the SoC taper
  'nominated-schedule': 1,
  'meter-before': 1,
  'historical-x-of-y': 1,
};

export interface BaselineIsp {
  readonly isp: Isp;
  /** Average power over the ISP (energy / 0.25 h). */
  readonly powerKw: PowerKw;
  readonly energyKwh: EnergyKwh;
}

export interface BaselineMetadata {
  readonly method: BaselineMethod;
  readonly version: number;
  /** Human- and audit-readable summary of the inputs, values as exact decimal strings. */
  readonly inputs: Readonly<Record<string, string>>;
  readonly knownAt: Date;
}

export interface Baseline {
  readonly perIsp: readonly BaselineIsp[];
  readonly metadata: BaselineMetadata;
}

export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

const MS_PER_HOUR = new Decimal(3_600_000);
const ISP_HOURS = new Decimal('0.25');

function ispFromEnergy(isp: Isp, energyKwh: EnergyKwh): BaselineIsp {
  return { isp, energyKwh, powerKw: PowerKw.of(energyKwh.value.dividedBy(ISP_HOURS)) };
}

function ispFromPower(isp: Isp, powerKw: PowerKw): BaselineIsp {
  return { isp, powerKw, energyKwh: powerKw.times(ISP_HOURS) };
}

function metadata(method: BaselineMethod, knownAt: Date, inputs: Record<string, string>): BaselineMetadata {
  return { method, version: BASELINE_METHOD_VERSIONS[method], inputs, knownAt: new Date(knownAt.getTime()) };
}

// ---------------------------------------------------------------------------------------------
// 1. Uncontrolled charging, with an optional SoC taper

/** Known battery state: enables the taper above `taperStartSoc`. */
export interface BatteryState {
  /** Usable capacity in kWh. */
  readonly capacityKwh: EnergyKwh;
  /** State of charge at arrival, 0..1. */
  readonly arrivalSoc: Decimal;
  /** SoC from which the EV draws less than max power (default {@link DEFAULT_TAPER_START_SOC}). */
  readonly taperStartSoc?: Decimal;
  /** Power at 100 % SoC as a fraction of max power (default {@link DEFAULT_TAPER_END_FRACTION}). */
  readonly taperEndFraction?: Decimal;
  /** Grid-to-battery efficiency used to advance the SoC (default {@link DEFAULT_CHARGE_EFFICIENCY}). */
  readonly chargeEfficiency?: Decimal;
}

/** Typical CC/CV knee of Li-ion packs; configurable per session. [assumption, not sourced] */
export const DEFAULT_TAPER_START_SOC = new Decimal('0.8');
/** Power left at 100 % SoC as a fraction of max power. [assumption, not sourced] */
export const DEFAULT_TAPER_END_FRACTION = new Decimal('0.1');
/**
 * One-way grid-to-battery efficiency: the symmetric split sqrt(0.870) = 0.93274 of the 87.0 %
 * mean V2G round trip measured by Schram et al. (MARKETS.md section 7), rounded to 4 digits.
 */
export const DEFAULT_CHARGE_EFFICIENCY = new Decimal('0.9327');

export interface UncontrolledBaselineInput {
  readonly arrival: Date;
  readonly departure: Date;
  readonly energyNeedKwh: EnergyKwh;
  readonly maxPowerKw: PowerKw;
  readonly battery?: BatteryState;
  readonly knownAt: Date;
}

export interface UncontrolledBaseline extends Baseline {
  /** Need the dwell (or the battery's room, where known) could not hold even at (tapered) max power. */
  readonly shortfallKwh: EnergyKwh;
}

/**
 * Power the EV draws at `soc`: max power up to the taper start, then linear down to
 * `taperEndFraction` x max at 100 % SoC. E.g. start 0.8, end 0.1, 11 kW at SoC 0.9:
 * 11 x (1 - 0.9 x (0.9 - 0.8) / 0.2) = 11 x 0.55 = 6.05 kW.
 */
export function taperedPowerKw(maxPowerKw: PowerKw, soc: Decimal, taperStartSoc: Decimal, taperEndFraction: Decimal): PowerKw {
  if (soc.lessThanOrEqualTo(taperStartSoc)) return maxPowerKw;
  const clampedSoc = Decimal.min(soc, new Decimal(1));
  const progress = clampedSoc.minus(taperStartSoc).dividedBy(new Decimal(1).minus(taperStartSoc));
  const fraction = new Decimal(1).minus(new Decimal(1).minus(taperEndFraction).times(progress));
  return maxPowerKw.multiply(fraction);
}

/**
 * Max power from arrival until the need is met or the EV leaves. With a known battery the
 * power is held per ISP at the value the taper gives for the SoC at the start of that ISP
 * (explicit step per ISP: conservative, exact, and what a per-ISP settlement can check).
 * A partial first or last ISP contributes power x overlap hours.
 */
export function uncontrolledChargingBaseline(input: UncontrolledBaselineInput): UncontrolledBaseline {
  if (input.departure.getTime() < input.arrival.getTime()) throw new BaselineError('departure is before arrival');
  if (input.energyNeedKwh.isNegative() || input.maxPowerKw.isNegative()) {
    throw new BaselineError('energy need and max power must not be negative');
  }
  const battery = input.battery;
  const taperStart = battery?.taperStartSoc ?? DEFAULT_TAPER_START_SOC;
  const taperEnd = battery?.taperEndFraction ?? DEFAULT_TAPER_END_FRACTION;
  const efficiency = battery?.chargeEfficiency ?? DEFAULT_CHARGE_EFFICIENCY;
  if (battery && (!battery.capacityKwh.isPositive() || battery.arrivalSoc.isNegative() || battery.arrivalSoc.greaterThan(1))) {
    throw new BaselineError('battery capacity must be positive and SoC within 0..1');
  }
  const perIsp: BaselineIsp[] = [];
  let remaining = input.energyNeedKwh;
  let soc = battery?.arrivalSoc;
  let isp = Isp.containing(input.arrival);
  const departureMs = input.departure.getTime();
  while (remaining.isPositive() && isp.start.getTime() < departureMs && !(soc && soc.greaterThanOrEqualTo(1))) {
    const fromMs = Math.max(isp.start.getTime(), input.arrival.getTime());
    const toMs = Math.min(isp.end.getTime(), departureMs);
    const hours = new Decimal(toMs - fromMs).dividedBy(MS_PER_HOUR);
    const power = battery && soc ? taperedPowerKw(input.maxPowerKw, soc, taperStart, taperEnd) : input.maxPowerKw;
    let possible = power.times(hours);
    if (battery && soc) {
      // a full battery takes no more: room left = (1 - SoC) x capacity / efficiency (metered)
      const roomKwh = EnergyKwh.of(Decimal.max(new Decimal(0), new Decimal(1).minus(soc)).times(battery.capacityKwh.value).dividedBy(efficiency));
      if (roomKwh.compare(possible) < 0) possible = roomKwh;
    }
    const energy = possible.compare(remaining) < 0 ? possible : remaining;
    if (energy.isPositive()) perIsp.push(ispFromEnergy(isp, energy));
    remaining = remaining.subtract(energy);
    if (battery && soc) soc = soc.plus(energy.value.times(efficiency).dividedBy(battery.capacityKwh.value));
    isp = isp.next();
  }
  const inputs: Record<string, string> = {
    arrival: input.arrival.toISOString(),
    departure: input.departure.toISOString(),
    energyNeedKwh: input.energyNeedKwh.toString(),
    maxPowerKw: input.maxPowerKw.toString(),
  };
  if (battery) {
    inputs.capacityKwh = battery.capacityKwh.toString();
    inputs.arrivalSoc = battery.arrivalSoc.toString();
    inputs.taperStartSoc = taperStart.toString();
    inputs.taperEndFraction = taperEnd.toString();
    inputs.chargeEfficiency = efficiency.toString();
  }
  return { perIsp, shortfallKwh: remaining, metadata: metadata('uncontrolled-charging', input.knownAt, inputs) };
}

// ---------------------------------------------------------------------------------------------
// 2. Nominated schedule (D-prognosis)

export interface NominatedScheduleInput {
  /** Per-ISP average power as nominated; strictly increasing ISPs. */
  readonly schedule: readonly { readonly isp: Isp; readonly powerKw: PowerKw }[];
  /** When the prognosis was sent (gate closure of the D-prognosis). */
  readonly knownAt: Date;
  /** Free reference to the nomination (e.g. the UFTP D-prognosis message id). */
  readonly reference?: string;
}

/** The baseline is the schedule itself; energy = power x 0.25 h. */
export function nominatedScheduleBaseline(input: NominatedScheduleInput): Baseline {
  for (let i = 1; i < input.schedule.length; i += 1) {
    if (input.schedule[i].isp.compare(input.schedule[i - 1].isp) <= 0) {
      throw new BaselineError(`schedule ISPs must be strictly increasing at index ${i}`);
    }
  }
  const perIsp = input.schedule.map((entry) => ispFromPower(entry.isp, entry.powerKw));
  const inputs: Record<string, string> = { isps: String(input.schedule.length) };
  if (input.schedule.length > 0) {
    inputs.from = input.schedule[0].isp.start.toISOString();
    inputs.to = input.schedule[input.schedule.length - 1].isp.end.toISOString();
  }
  if (input.reference !== undefined) inputs.reference = input.reference;
  return { perIsp, metadata: metadata('nominated-schedule', input.knownAt, inputs) };
}

// ---------------------------------------------------------------------------------------------
// 3. Meter-before

export interface MeterReading {
  readonly at: Date;
  readonly powerKw: PowerKw;
}

export interface MeterBeforeInput {
  readonly readings: readonly MeterReading[];
  readonly activationStart: Date;
  /** ISPs to cover, from the ISP containing the activation start. */
  readonly ispCount: number;
  /** A reading older than this before the activation is refused (default 15 min). */
  readonly maxAgeMs?: number;
}

export const DEFAULT_METER_BEFORE_MAX_AGE_MS = 15 * 60_000;

/**
 * The last reading strictly before the activation start, held flat over the activation's ISPs.
 * `knownAt` is that reading's instant.
 */
export function meterBeforeBaseline(input: MeterBeforeInput): Baseline {
  if (!Number.isSafeInteger(input.ispCount) || input.ispCount < 1) throw new BaselineError('ispCount must be a positive integer');
  const startMs = input.activationStart.getTime();
  let last: MeterReading | undefined;
  for (const reading of input.readings) {
    const ms = reading.at.getTime();
    if (ms < startMs && (!last || ms > last.at.getTime())) last = reading;
  }
  const maxAgeMs = input.maxAgeMs ?? DEFAULT_METER_BEFORE_MAX_AGE_MS;
  if (!last || startMs - last.at.getTime() > maxAgeMs) {
    throw new BaselineError(`no meter reading within ${maxAgeMs} ms before ${input.activationStart.toISOString()}`);
  }
  const held = last.powerKw;
  const first = Isp.containing(input.activationStart);
  const perIsp = Array.from({ length: input.ispCount }, (_, i) => ispFromPower(first.plus(i), held));
  return {
    perIsp,
    metadata: metadata('meter-before', last.at, {
      activationStart: input.activationStart.toISOString(),
      readingAt: last.at.toISOString(),
      powerKw: held.toString(),
      ispCount: String(input.ispCount),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// 4. Historical X-of-Y (site load)

export interface HistoricalDay {
  readonly day: DeliveryDay;
  /** Average power per ISP; index n - 1 is ISP number n (length = day.ispCount). */
  readonly powerKw: readonly PowerKw[];
}

/** Which X of the Y similar days are averaged. */
export type XofYSelection = 'highest' | 'average-most-recent';
/** Which past days are "similar": same weekday, or same kind (Mon-Fri vs Sat-Sun). */
export type DaySimilarity = 'same-weekday' | 'weekday-or-weekend';

export interface HistoricalXofYInput {
  readonly targetDay: DeliveryDay;
  readonly history: readonly HistoricalDay[];
  readonly x: number;
  readonly y: number;
  readonly selection: XofYSelection;
  readonly similarity: DaySimilarity;
  readonly knownAt: Date;
}

const localKeys = (day: DeliveryDay): string[] => {
  const seen = new Map<string, number>();
  return day.isps().map((isp) => {
    const local = DateTime.fromJSDate(isp.start, { zone: MARKET_TIME_ZONE }).toFormat('HH:mm');
    const occurrence = (seen.get(local) ?? 0) + 1;
    seen.set(local, occurrence);
    return `${local}#${occurrence}`;
  });
};

const weekday = (day: DeliveryDay): number => DateTime.fromISO(day.isoDate, { zone: MARKET_TIME_ZONE }).weekday;

function isSimilar(candidate: DeliveryDay, target: DeliveryDay, similarity: DaySimilarity): boolean {
  const a = weekday(candidate);
  const b = weekday(target);
  return similarity === 'same-weekday' ? a === b : a >= 6 === b >= 6;
}

/**
 * X-of-Y: take the last Y similar days strictly before the target day (and ending by
 * `knownAt`), keep X of them (the X with the highest daily energy, or the X most recent), and
 * average them per ISP. ISPs are matched by local wall-clock time, so DST days line up: the
 * repeated 02:00-03:00 hour of an October day takes the first occurrence where a history day
 * has only one, and an ISP a history day lacks (02:xx on a March day) averages the others.
 */
export function historicalXofYBaseline(input: HistoricalXofYInput): Baseline {
  const { x, y } = input;
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y) || x < 1 || y < x) throw new BaselineError('need 1 <= x <= y');
  for (const h of input.history) {
    if (h.powerKw.length !== h.day.ispCount) {
      throw new BaselineError(`${h.day.isoDate} has ${h.powerKw.length} values for ${h.day.ispCount} ISPs`);
    }
  }
  const similar = input.history
    .filter((h) => h.day.end.getTime() <= input.targetDay.start.getTime() && h.day.end.getTime() <= input.knownAt.getTime())
    .filter((h) => isSimilar(h.day, input.targetDay, input.similarity))
    .sort((a, b) => b.day.start.getTime() - a.day.start.getTime())
    .slice(0, y);
  if (similar.length < y) throw new BaselineError(`only ${similar.length} similar days before ${input.targetDay.isoDate}, need ${y}`);
  const dailyKwh = (h: HistoricalDay): Decimal => h.powerKw.reduce((sum, p) => sum.plus(p.value), new Decimal(0));
  const chosen =
    input.selection === 'highest'
      ? [...similar].sort((a, b) => dailyKwh(b).comparedTo(dailyKwh(a)) || b.day.start.getTime() - a.day.start.getTime()).slice(0, x)
      : similar.slice(0, x);
  const lookups = chosen.map((h) => {
    const keys = localKeys(h.day);
    return new Map(keys.map((key, i) => [key, h.powerKw[i]]));
  });
  const targetIsps = input.targetDay.isps();
  const perIsp = localKeys(input.targetDay).map((key, i) => {
    const firstOccurrence = key.replace(/#\d+$/, '#1');
    const values = lookups.map((m) => m.get(key) ?? m.get(firstOccurrence)).filter((p): p is PowerKw => p !== undefined);
    if (values.length === 0) throw new BaselineError(`no history for local ${key} on ${input.targetDay.isoDate}`);
    const mean = values.reduce((sum, p) => sum.add(p), PowerKw.zero()).divide(values.length);
    return ispFromPower(targetIsps[i], mean);
  });
  return {
    perIsp,
    metadata: metadata('historical-x-of-y', input.knownAt, {
      targetDay: input.targetDay.isoDate,
      x: String(x),
      y: String(y),
      selection: input.selection,
      similarity: input.similarity,
      days: chosen.map((h) => h.day.isoDate).join(','),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Which baseline applies to which product

export type FlexibilityProduct =
  | 'FCR'
  | 'aFRR'
  | 'mFRR'
  | 'day-ahead'
  | 'intraday'
  | 'congestion-management'
  | 'peak-shaving'
  | 'passive-imbalance';

/**
 * Documented defaults (data, so a contract can override it):
 * - FCR, aFRR, mFRR: meter-before. Activations are short and start from the measured state;
 *   the TSO checks the response against the power right before the activation.
 * - congestion-management: nominated-schedule. UFTP flex orders are settled against the
 *   D-prognosis sent before the day.
 * - day-ahead, intraday, passive-imbalance: uncontrolled-charging, the ARCHITECTURE.md
 *   section 2 default: the value of smart charging is measured against charging at once.
 * - peak-shaving (site behind the meter): historical-x-of-y of the site load.
 */
export const DEFAULT_BASELINE_METHODS: Readonly<Record<FlexibilityProduct, BaselineMethod>> = {
  FCR: 'meter-before',
  aFRR: 'meter-before',
  mFRR: 'meter-before',
  'day-ahead': 'uncontrolled-charging',
  intraday: 'uncontrolled-charging',
  'passive-imbalance': 'uncontrolled-charging',
  'congestion-management': 'nominated-schedule',
  'peak-shaving': 'historical-x-of-y',
};

export function baselineMethodFor(
  product: FlexibilityProduct,
  table: Readonly<Record<FlexibilityProduct, BaselineMethod>> = DEFAULT_BASELINE_METHODS,
): { readonly method: BaselineMethod; readonly version: number } {
  const method = table[product];
  return { method, version: BASELINE_METHOD_VERSIONS[method] };
}
