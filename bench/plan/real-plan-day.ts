import { join } from 'node:path';
import { readSessionFile } from '@vpp/fleet/infrastructure/import/session-file.reader';
import { flexibilityEnvelope } from '@vpp/flexibility/domain';
import { readDayAheadPrices } from '@vpp/markets/infrastructure/import/day-ahead-prices.reader';
import type { DayAheadPlanInput, DayAheadSession, DayAheadSite } from '@vpp/optimizer';
import { DeliveryDay } from '@vpp/units';

export const PLAN_SESSIONS_FILE = 'ev-sessions-elaadnl-2019-01-to-09.csv';
export const PLAN_PRICES_FILE = 'prices-nl-dayahead-2019.csv';
/** A real Wednesday with an ordinary NL day-ahead price shape. */
export const PLAN_DAY = DeliveryDay.of('2019-06-12');

/** ASSUMED (no public data): wear per kWh of throughput, and the depot tree below. */
export const ASSUMED_DEGRADATION_EUR_PER_KWH = 0.02;
const DEPOT_EVERY = 20;
const DEPOT_SESSIONS = 250;
const DEPOT_LIMIT_SHARE = 0.3;
const DEPOT_TARIFF_EUR_PER_KW_DAY = 0.1;
const HUB_SESSIONS = 20;
/** ElaadNL rows without an observed max power get the layout's nominal EVSE power. */
const NOMINAL_EVSE_KW = 11;

export const PLAN_ASSUMPTIONS =
  `ASSUMED: sites (every ${DEPOT_EVERY}th session in depots of up to ${DEPOT_SESSIONS} sessions, import limit ${DEPOT_LIMIT_SHARE * 100} % of their summed max power, ` +
  `capacity tariff ${DEPOT_TARIFF_EUR_PER_KW_DAY} EUR/kW/day; the rest at public hubs of ${HUB_SESSIONS} sessions whose limit never binds), ` +
  `degradation ${ASSUMED_DEGRADATION_EUR_PER_KWH} EUR/kWh, no V2G; sessions running past midnight are cut there with the need pro rata to the dwell kept`;

interface RealShape {
  readonly arrivalOffsetMs: number;
  readonly dwellMs: number;
  readonly energyKwh: number;
  readonly maxPowerKw: number;
}

const MS_PER_ISP = 15 * 60_000;

/** Real ElaadNL sessions as time-of-day shapes (arrival after local midnight, dwell, energy, observed max power). */
export async function readRealShapes(dataDir: string): Promise<{ shapes: RealShape[]; rejected: number }> {
  const shapes: RealShape[] = [];
  let rejected = 0;
  for await (const row of readSessionFile(join(dataDir, PLAN_SESSIONS_FILE))) {
    if (row.kind !== 'usable') {
      rejected += 1;
      continue;
    }
    const s = row.session;
    shapes.push({
      arrivalOffsetMs: s.arrival.getTime() - DeliveryDay.containing(s.arrival).start.getTime(),
      dwellMs: s.departure.getTime() - s.arrival.getTime(),
      energyKwh: s.energy.toFloat64ForOptimisation(),
      maxPowerKw: s.maxPower?.toFloat64ForOptimisation() ?? NOMINAL_EVSE_KW,
    });
  }
  return { shapes, rejected };
}

/** Day-ahead prices of PLAN_DAY in EUR/MWh per ISP (hourly prices hold for their four ISPs). */
export function readPlanDayPrices(dataDir: string): Float64Array {
  const series = readDayAheadPrices(join(dataDir, PLAN_PRICES_FILE));
  return Float64Array.from(PLAN_DAY.isps(), (isp) => {
    const price = series.priceFor(isp);
    if (price === undefined) throw new Error(`${PLAN_PRICES_FILE}: no price for ${isp.toString()}`);
    // Prices have at most 2 decimals in the file; milli-EUR integers keep the conversion exact.
    return Number.parseInt(price.value.times(1000).toFixed(0), 10) / 1000;
  });
}

/** Deterministic uniform [0, 1) from an integer seed (mulberry32). */
function uniform(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * `count` sessions on PLAN_DAY: session i copies real shape i mod N (time of day, dwell,
 * energy, max power); replicas after the first pass are DERIVED with deterministic jitter
 * (arrival +-30 min, dwell and energy x 0.9..1.1).
 */
export function planDayInput(shapes: readonly RealShape[], prices: Float64Array, count: number): DayAheadPlanInput {
  const dayStart = PLAN_DAY.start.getTime();
  const dayEnd = PLAN_DAY.end.getTime();
  const sessions: DayAheadSession[] = [];
  const sites: DayAheadSite[] = [];
  const depotMaxKw: number[] = [];
  const hubMaxKw: number[] = [];
  let depotSessions = 0;
  let publicSessions = 0;
  for (let i = 0; i < count; i += 1) {
    const shape = shapes[i % shapes.length];
    const replica = Math.floor(i / shapes.length);
    const jitter = replica === 0 ? [0.5, 0.5, 0.5] : [uniform(3 * i), uniform(3 * i + 1), uniform(3 * i + 2)];
    const arrivalMs = Math.min(dayEnd - MS_PER_ISP, Math.max(dayStart, dayStart + shape.arrivalOffsetMs + Math.round((jitter[0] - 0.5) * 60) * 60_000));
    const dwellMs = Math.max(60_000, Math.round(shape.dwellMs * (0.9 + 0.2 * jitter[1])));
    const departureMs = Math.min(dayEnd, arrivalMs + dwellMs);
    const energyKwh = shape.energyKwh * (0.9 + 0.2 * jitter[2]) * ((departureMs - arrivalMs) / dwellMs);
    let siteId: string;
    if (i % DEPOT_EVERY === 0) {
      const depot = Math.floor(depotSessions / DEPOT_SESSIONS);
      depotSessions += 1;
      siteId = `depot-${depot}`;
      depotMaxKw[depot] = (depotMaxKw[depot] ?? 0) + shape.maxPowerKw;
    } else {
      const hub = Math.floor(publicSessions / HUB_SESSIONS);
      siteId = `hub-${hub}`;
      hubMaxKw[hub] = (hubMaxKw[hub] ?? 0) + shape.maxPowerKw;
      publicSessions += 1;
    }
    sessions.push({
      id: `s${i}`,
      siteId,
      envelope: flexibilityEnvelope({
        arrival: new Date(arrivalMs),
        departure: new Date(departureMs),
        energyNeedKwh: energyKwh,
        evMaxPowerKw: shape.maxPowerKw,
        evseMaxPowerKw: shape.maxPowerKw,
        siteShareKw: shape.maxPowerKw,
        degradationCostEurPerKwh: ASSUMED_DEGRADATION_EUR_PER_KWH,
      }),
    });
  }
  depotMaxKw.forEach((kw, d) =>
    sites.push({ id: `depot-${d}`, importLimitKw: kw * DEPOT_LIMIT_SHARE, exportLimitKw: kw * DEPOT_LIMIT_SHARE, capacityTariffEurPerKw: DEPOT_TARIFF_EUR_PER_KW_DAY }),
  );
  // A hub's limit is the sum of its EVSEs' ratings: it never binds.
  hubMaxKw.forEach((kw, h) => sites.push({ id: `hub-${h}`, importLimitKw: kw, exportLimitKw: 0 }));
  return { day: PLAN_DAY, pricesEurPerMwh: prices, sessions, sites };
}
