import { DateTime } from 'luxon';
import type { ImportedSession } from '@vpp/fleet';
import type { HistoricalSession } from '@vpp/flexibility/domain/forecast';
import type { PriceTimeline, RollingSession } from '@vpp/optimizer';
import { DeliveryDay, type Isp, type PriceEurPerMwh } from '@vpp/units';
import { dayPrices } from '../demo/derived-prices';
import { deriveDay, type DaySessions, type SessionIndex } from '../demo/derived-sessions';
import type { DepartureRule } from './options';

const ISP_MS = 15 * 60_000;

/** The sessions of each day by the demo's rule, derived once per day and kept (history windows overlap). */
export class BacktestSessions {
  private readonly days = new Map<string, DaySessions>();

  constructor(
    readonly index: SessionIndex,
    /** null: exactly the file's own sessions of each day; a day it holds none of gets as many as the nearest covered same weekday. */
    readonly evs: number | null,
  ) {}

  of(day: DeliveryDay): DaySessions {
    const known = this.days.get(day.isoDate);
    if (known) return known;
    const derived = deriveDay(this.index, day, this.evs ?? this.ownCount(day));
    this.days.set(day.isoDate, derived);
    return derived;
  }

  /** The file's count on the day, else on the nearest covered same weekday (before first, as deriveDay looks). */
  private ownCount(day: DeliveryDay): number {
    const own = this.index.byDate.get(day.isoDate)?.length ?? 0;
    if (own > 0) return own;
    const target = DateTime.fromISO(day.isoDate);
    for (let week = 1; week <= 53 * 10; week += 1) {
      for (const sign of [-1, 1]) {
        const found = this.index.byDate.get(target.plus({ weeks: sign * week }).toISODate() ?? '');
        if (found && found.length > 0) return found.length;
      }
    }
    throw new Error(`the sessions file holds no usable session on a ${target.weekdayLong ?? 'weekday'} to derive ${day.isoDate} from`);
  }

  /** The float view the optimiser and the forecaster read (statistics and planning, never settlement). */
  maxPowerKw(session: ImportedSession): number {
    return (session.maxPower ?? this.index.nominalEvseKw).toFloat64ForOptimisation();
  }
}

/**
 * A session as the backtest replays it. The physical need is the energy the session drew, or
 * min(declared, drawn) where the driver declared one (bench/value's rule: a car stops drawing
 * when full, a promise is what was asked). Without a declaration the drawn energy is ASSUMED
 * declared (the driver states the need in the app; the data records none). The departure follows
 * the run's rule: `stated` declares every session's actual plug-out time (the demo's driver
 * states it at plug-in, whatever the file recorded as requested); `forecast` declares only a
 * departure the file records, the rest being planned on the forecast's expected one (declaredBeliefs).
 */
export function rollingSession(session: ImportedSession, maxPowerKw: number, departureRule: DepartureRule): RollingSession {
  const drawn = session.energy.toFloat64ForOptimisation();
  const declared = session.requestedEnergy?.toFloat64ForOptimisation();
  const declaredDeparture = departureRule === 'stated' ? session.departure : session.requestedDeparture;
  return {
    id: session.sessionId,
    arrivalMs: session.arrival.getTime(),
    departureMs: session.departure.getTime(),
    energyKwh: declared === undefined ? drawn : Math.min(declared, drawn),
    maxPowerKw,
    declaredEnergyKwh: declared ?? drawn,
    ...(declaredDeparture ? { declaredDepartureMs: declaredDeparture.getTime() } : {}),
  };
}

export function historicalSession(siteId: string, s: RollingSession): HistoricalSession {
  return { siteId, arrivalMs: s.arrivalMs, departureMs: s.departureMs, energyKwh: s.energyKwh, maxPowerKw: s.maxPowerKw };
}

/**
 * Day-ahead prices per ISP over a run of days, each day's by the demo's rule (derived-prices.ts:
 * the given file or the NL file of its year; DE-LU 15-minute from 2025-10-01; the nearest covered
 * same weekday moved onto a day no file covers). Exact decimals for settlement, a float timeline
 * for the optimiser (milli-EUR exact, as bench/value reads them).
 */
export class PriceBook {
  private readonly exact = new Map<number, PriceEurPerMwh>();
  readonly derivedDays: string[] = [];
  readonly sources = new Set<string>();
  derivedReason: string | null = null;
  resolutionMinutes = 60;

  constructor(
    private readonly dataDir: string,
    private readonly inputsDir: string,
    private readonly given: string | null,
  ) {}

  /** Loads the days [first, last] not yet loaded. */
  cover(first: DeliveryDay, last: DeliveryDay): void {
    for (let d = first; d.compare(last) <= 0; d = d.next()) {
      if (this.exact.has(d.start.getTime())) continue;
      const prices = dayPrices(d, this.dataDir, this.inputsDir, this.given);
      for (const isp of d.isps()) {
        const price = prices.series.priceFor(isp);
        if (price === undefined) throw new Error(`no day-ahead price for ${isp.toString()}`);
        this.exact.set(isp.start.getTime(), price);
      }
      this.resolutionMinutes = Math.min(this.resolutionMinutes, prices.series.resolutionMinutes);
      for (const source of prices.source.split(', ')) this.sources.add(source);
      if (prices.derived !== null && prices.derived.includes(`${d.isoDate} from`)) {
        this.derivedDays.push(prices.derived.slice(prices.derived.indexOf(`${d.isoDate} from`)).split(',')[0]);
        this.derivedReason ??= prices.derived.slice(0, prices.derived.indexOf('; the prices'));
      }
    }
  }

  priceOf(isp: Isp): PriceEurPerMwh {
    const price = this.exact.get(isp.start.getTime());
    if (price === undefined) throw new Error(`prices not loaded for ${isp.toString()}`);
    return price;
  }

  /** EUR/MWh as a float for the optimiser, or undefined where not loaded (the planner's PriceLookup). */
  floatAt(isp: Isp): number | undefined {
    const price = this.exact.get(isp.start.getTime());
    return price === undefined ? undefined : Number.parseInt(price.value.times(1000).toFixed(0), 10) / 1000;
  }

  /** A float timeline over [fromMs, toMs) rounded out to whole ISPs (every ISP must be loaded). */
  timeline(fromMs: number, toMs: number): PriceTimeline {
    const startMs = Math.floor(fromMs / ISP_MS) * ISP_MS;
    const count = Math.ceil((toMs - startMs) / ISP_MS);
    const eurPerMwh = new Float64Array(count);
    for (let g = 0; g < count; g += 1) {
      const ms = startMs + g * ISP_MS;
      const price = this.exact.get(ms);
      if (price === undefined) throw new Error(`prices not loaded for ${new Date(ms).toISOString()}`);
      eurPerMwh[g] = Number.parseInt(price.value.times(1000).toFixed(0), 10) / 1000;
    }
    return { startMs, eurPerMwh };
  }
}
