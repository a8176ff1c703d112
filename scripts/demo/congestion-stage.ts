import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@vpp/config';
import { RespondToIdconsEventUseCase } from '@vpp/congestion';
import { CollectGateResultsUseCase } from '@vpp/markets';
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
  return { eventId, start: start.toISOString(), end: end.toISOString(), direction, requestedMw: requestedMw.toString(), orders, awardsMw: awarded?.mw ?? '0' };
}
