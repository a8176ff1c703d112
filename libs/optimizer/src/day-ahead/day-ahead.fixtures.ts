import { flexibilityEnvelope, type FlexibilityEnvelopeInput } from '@vpp/flexibility/domain';
import { DeliveryDay } from '@vpp/units';
import type { DayAheadSession, DayAheadSite } from './day-ahead-model';

/** Builders for the day-ahead specs (not used by production code). */

export const SUMMER_DAY = DeliveryDay.of('2025-06-10');

export interface EvSpec {
  readonly id: string;
  readonly siteId?: string;
  /** 1-based day ISP number the EV arrives at (start of that ISP). */
  readonly fromIsp: number;
  /** ISPs present. */
  readonly isps: number;
  readonly needKwh: number;
  readonly maxKw?: number;
  readonly degradationEurPerKwh?: number;
  readonly extra?: Partial<FlexibilityEnvelopeInput>;
}

export function ev(spec: EvSpec, day: DeliveryDay = SUMMER_DAY): DayAheadSession {
  const arrival = day.ispAt(spec.fromIsp).start;
  const departure = new Date(arrival.getTime() + spec.isps * 15 * 60_000);
  const maxKw = spec.maxKw ?? 11;
  return {
    id: spec.id,
    siteId: spec.siteId ?? 'site',
    envelope: flexibilityEnvelope({
      arrival,
      departure,
      energyNeedKwh: spec.needKwh,
      evMaxPowerKw: maxKw,
      evseMaxPowerKw: maxKw,
      siteShareKw: 1_000,
      degradationCostEurPerKwh: spec.degradationEurPerKwh ?? 0,
      ...spec.extra,
    }),
  };
}

export function site(id: string, importLimitKw: number, extra: Partial<DayAheadSite> = {}): DayAheadSite {
  return { id, importLimitKw, exportLimitKw: importLimitKw, ...extra };
}

/** A day of prices: `base` everywhere, `window` from 1-based ISP `fromIsp` on. */
export function prices(day: DeliveryDay, base: number, fromIsp = 1, window: readonly number[] = []): Float64Array {
  const out = new Float64Array(day.ispCount).fill(base);
  window.forEach((price, i) => (out[fromIsp - 1 + i] = price));
  return out;
}

/**
 * A small mixed portfolio: 60 EVs over three arrival and three dwell patterns (so groups form),
 * needs from 2 to 21 kWh, 7.4/11/22 kW; every 6th EV in one of two depots (30 kW each) under a
 * 45 kW fuse, the others at their own public charge point (never binding). Deterministic.
 */
export function mixedPortfolio(): { sessions: DayAheadSession[]; sites: DayAheadSite[]; fuses: { id: string; importLimitKw: number; exportLimitKw: number }[]; prices: Float64Array } {
  const sessions: DayAheadSession[] = [];
  const sites: DayAheadSite[] = [site('depot-a', 30, { fuseId: 'fuse' }), site('depot-b', 30, { fuseId: 'fuse', capacityTariffEurPerKw: 0.2 })];
  const powers = [11, 7.4, 11, 22];
  for (let i = 0; i < 60; i += 1) {
    const depot = i % 6 === 0 ? (i % 12 === 0 ? 'depot-a' : 'depot-b') : undefined;
    const siteId = depot ?? `cp-${i}`;
    if (depot === undefined) sites.push(site(siteId, 22));
    const maxKw = powers[i % 4];
    const isps = [16, 24, 32][Math.floor(i / 3) % 3];
    const needKwh = 2 + ((i * 7) % 20) * Math.min(1, (maxKw * isps * 0.25) / 40);
    sessions.push(ev({ id: `ev-${i}`, siteId, fromIsp: [29, 33, 37][i % 3], isps, needKwh, maxKw, degradationEurPerKwh: 0.02 }));
  }
  const dayPrices = new Float64Array(SUMMER_DAY.ispCount);
  for (let t = 0; t < dayPrices.length; t += 1) dayPrices[t] = 45 + 25 * Math.sin((2 * Math.PI * t) / 96) + ((t * 13) % 7);
  return { sessions, sites, fuses: [{ id: 'fuse', importLimitKw: 45, exportLimitKw: 45 }], prices: dayPrices };
}
