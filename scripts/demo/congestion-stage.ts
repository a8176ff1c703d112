import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@vpp/config';
import { CongestionHeadroomQuery, ConnectionFlexibilityQuery, RespondToIdconsEventUseCase } from '@vpp/congestion';
import { CollectGateResultsUseCase, MarketProductCatalog } from '@vpp/markets';
import { Decimal, RoundingMode, type DeliveryDay } from '@vpp/units';
import { scaledDayVolumes, type ClearedBucket } from '../../apps/simulator/src/exchange/gopacs-buckets.reader';
import type { SimulatedClock } from './sim-clock';

const ISP_MS = 15 * 60_000;
// When the grid operator announces the event before its first ISP: ASSUMED (GOPACS events are intraday, lead times vary).
const ANNOUNCED_BEFORE_MS = 2 * 3_600_000;

export interface CongestionOutcome {
  readonly eventId: string;
  readonly start: string;
  readonly end: string;
  readonly direction: 'consume-less' | 'consume-more';
  readonly requestedMw: string;
  readonly orders: number;
  readonly awardsMw: string;
  /** Why no order was placed, in figures (only when none was). */
  readonly noOrderNote?: string;
}

/**
 * A real GOPACS congestion event of the day (the cleared bucket with the largest volume, scaled to
 * the portfolio like the simulated GOPACS does) announced for the demo's congestion area and
 * answered through the production use case (RespondToIdconsEventUseCase: connections' flexibility
 * from the stored plan, paired IDCONS orders reserved and submitted), then its results collected
 * (CollectGateResultsUseCase) after the event.
 */
/** The event's first ISP (the day's largest scaled bucket) and when it is announced; null without buckets. */
export function congestionEventTiming(buckets: readonly ClearedBucket[], portfolioMw: Decimal): { startMs: number; announcedAt: Date } | null {
  const volumes = [...scaledDayVolumes(buckets, portfolioMw).entries()].sort(([a], [b]) => a - b);
  if (volumes.length === 0) return null;
  const [startMs] = volumes.reduce((best, entry) => (Decimal.max(entry[1].buyMw, entry[1].sellMw).greaterThan(Decimal.max(best[1].buyMw, best[1].sellMw)) ? entry : best));
  return { startMs, announcedAt: new Date(startMs - ANNOUNCED_BEFORE_MS) };
}

export async function runCongestionEvent(
  app: NestFastifyApplication,
  dataSource: DataSource,
  config: AppConfig,
  day: DeliveryDay,
  clock: SimulatedClock,
  buckets: readonly ClearedBucket[],
  portfolioMw: Decimal,
  area: { pointEan: string; congestionArea: string },
): Promise<CongestionOutcome | null> {
  const volumes = [...scaledDayVolumes(buckets, portfolioMw).entries()].sort(([a], [b]) => a - b);
  if (volumes.length === 0) return null;
  const [startMs, peak] = volumes.reduce((best, entry) => (Decimal.max(entry[1].buyMw, entry[1].sellMw).greaterThan(Decimal.max(best[1].buyMw, best[1].sellMw)) ? entry : best));
  // The grid operator buying (historical buy volume) = load congestion: consume less inside the area.
  const direction = peak.buyMw.greaterThanOrEqualTo(peak.sellMw) ? 'consume-less' : 'consume-more';
  const requestedMw = Decimal.max(peak.buyMw, peak.sellMw).toDecimalPlaces(3, RoundingMode.TOWARD_ZERO);
  const start = new Date(startMs);
  const end = new Date(startMs + ISP_MS);
  const eventId = `gopacs-${day.isoDate}-${start.toISOString().slice(11, 16).replace(':', '')}`;
  clock.set(new Date(startMs - ANNOUNCED_BEFORE_MS));
  const answers = await app.get(RespondToIdconsEventUseCase, { strict: false }).execute(
    { eventId, congestionPointEan: area.pointEan, congestionArea: area.congestionArea, start, end, direction, requestedMw },
    clock.now(),
  );
  const orders = answers.reduce((sum, answer) => sum + answer.bids.length, 0);
  const noOrderNote = orders === 0 ? await whyNoOrder(app, dataSource, day, area, start, end, direction, answers.map((a) => a.portfolioId), clock.now()) : undefined;
  const collect = app.get(CollectGateResultsUseCase, { strict: false });
  for (const answer of answers) {
    if (answer.submission === null) continue;
    const [gate]: { gate_closure_at: Date }[] = await dataSource.query(`SELECT gate_closure_at FROM market_gates WHERE gate_key = $1`, [answer.gateKey]);
    clock.set(new Date(Math.max(gate.gate_closure_at.getTime(), end.getTime()) + config.gateways.resultsDelayMinutes * 60_000));
    await collect.execute(answer.gateKey);
  }
  const [awarded]: { mw: string | null }[] = await dataSource.query(
    `SELECT sum(a.quantity_mw)::text AS mw FROM market_awards a WHERE a.gate_key = ANY($1)`,
    [answers.map((a) => a.gateKey)],
  );
  return { eventId, start: start.toISOString(), end: end.toISOString(), direction, requestedMw: requestedMw.toString(), orders, awardsMw: awarded?.mw ?? '0', ...(noOrderNote ? { noOrderNote } : {}) };
}

/**
 * The figures behind an event answered with no order, read as the use case read them: the
 * flexibility of the connections inside the area in the event's first ISP (stored plan), what the
 * ledger lets congestion hold there, and the product's minimum order size (an IDCONS order names
 * one connection, so each connection must reach it on its own).
 */
async function whyNoOrder(
  app: NestFastifyApplication,
  dataSource: DataSource,
  day: DeliveryDay,
  area: { pointEan: string; congestionArea: string },
  start: Date,
  end: Date,
  direction: 'consume-less' | 'consume-more',
  portfolioIds: readonly string[],
  now: Date,
): Promise<string> {
  // The rules in force as the use case resolves them (stored versions with configured overrides applied).
  const rules = await app.get(MarketProductCatalog, { strict: false }).rulesFor('idcons', 'idcons-nl', start);
  const inside: { ean: string }[] = await dataSource.query(`SELECT ean FROM grid_connections WHERE ean = $1 OR congestion_area = $2`, [area.pointEan, area.congestionArea]);
  const insideEans = new Set(inside.map((row) => row.ean));
  const isps = day.isps();
  const index = isps.findIndex((isp) => isp.start.getTime() === start.getTime());
  // The event's ISPs taken together, as the use case answered them.
  const window = isps.flatMap((isp, i) => (isp.start.getTime() >= start.getTime() && isp.start.getTime() < end.getTime() ? [i] : []));
  const parts: string[] = [];
  for (const portfolioId of portfolioIds) {
    const found = await app.get(ConnectionFlexibilityQuery, { strict: false }).ofPortfolio(portfolioId, day, null, { now, window });
    const room = await app.get(CongestionHeadroomQuery, { strict: false }).of(portfolioId, day);
    const kwOf = (c: (typeof found.connections)[number]): Decimal => new Decimal((direction === 'consume-less' ? c.downKw : c.upKw)[index] ?? 0).toDecimalPlaces(1, RoundingMode.TOWARD_ZERO);
    const inArea = found.connections.filter((c) => insideEans.has(c.ean));
    const largest = inArea.reduce<{ ean: string; kw: Decimal } | null>((best, c) => (best === null || kwOf(c).greaterThan(best.kw) ? { ean: c.ean, kw: kwOf(c) } : best), null);
    const total = inArea.reduce((sum, c) => sum.plus(kwOf(c)), new Decimal(0));
    const ledgerKw = new Decimal((direction === 'consume-less' ? room.downKw : room.upKw)[index] ?? 0).toDecimalPlaces(3, RoundingMode.TOWARD_ZERO);
    parts.push(
      `in ${start.toISOString().slice(11, 16)}Z the stored plan lets the ${inArea.length} connections of the area ${direction} ${total.toFixed()} kW together, ` +
        `at most ${largest?.kw.toFixed() ?? '0'} kW at one (ean.${largest?.ean ?? '-'}); the ledger lets congestion hold ${ledgerKw.toFixed()} kW ${direction === 'consume-less' ? 'up' : 'down'}`,
    );
  }
  return `no order: an IDCONS order names one connection and is at least ${rules.minQuantityMw?.toFixed() ?? '?'} MW (idcons-nl product rules); ${parts.join('; ')}`;
}
