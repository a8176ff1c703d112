import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@vpp/config';
import { MARKET_TIME_ZONE, type Decimal, type DeliveryDay } from '@vpp/units';
import type { ClearedBucket } from '../../apps/simulator/src/exchange/gopacs-buckets.reader';
import { congestionEventTiming, runCongestionEvent } from './congestion-stage';
import type { Progress } from './progress';
import type { Party } from './seed-parties';
import type { SimulatedClock } from './sim-clock';
import { notRun, runStage, type StageResult } from './stage-result';
import { runDsoFlexRequest, UFTP_REQUEST_AT_LOCAL } from './uftp-stage';

export interface GridEventsInput {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly dataSource: DataSource;
  readonly config: AppConfig;
  readonly day: DeliveryDay;
  readonly clock: SimulatedClock;
  readonly progress: Progress;
  readonly portfolioId: string;
  readonly parties: { operator: Party; dso: Party };
  /** Why IDCONS cannot trade on the day (no product version), else undefined. */
  readonly idconsMissing: string | undefined;
  readonly gopacsBuckets: readonly ClearedBucket[];
  readonly gopacsPortfolioMw: Decimal;
  /** Where IDCONS asks when the stored plan has no live session charging in the event's ISP. */
  readonly idconsPoint: { pointEan: string; congestionArea: string };
  /**
   * Plans the day again as known at the instant (the planner's job, plan-stage.ts), before the
   * grid operator's event is answered, so the answer covers the live sessions arrived by then.
   */
  readonly replan?: (at: Date, reason: string) => Promise<void>;
}

/** A grid operator's event at a simulated instant of the day (run by the day driver, or after it). */
export interface GridEvent {
  readonly name: string;
  readonly at: Date;
  readonly run: () => Promise<void>;
}

function localInstant(day: DeliveryDay, hhmm: string): Date {
  const [hour, minute] = hhmm.split(':').map((part) => Number.parseInt(part, 10));
  return DateTime.fromISO(day.isoDate, { zone: MARKET_TIME_ZONE }).set({ hour, minute }).toJSDate();
}

// The DSO's congestion window: at most 4 hours, starting an hour after its request at the earliest.
const WINDOW_MAX_ISPS = 16;
const WINDOW_LEAD_MS = 3_600_000;

const LATEST_PLAN = `(SELECT id FROM plan_runs WHERE portfolio_id = $1 AND delivery_day = $2 AND status IN ('planned', 'completed') ORDER BY known_at DESC LIMIT 1)`;

/**
 * Where and when the DSO asks (ASSUMED, no public DSO request data: the congested connection is the
 * portfolio's connection where the latest stored plan charges its live sessions most from an hour
 * after the request on, the window its first 4 hours of planned charging of live sessions there;
 * forecast cohorts are left out, as they offer nothing). Null when no live session is planned then.
 */
async function congestedConnection(dataSource: DataSource, portfolioId: string, day: DeliveryDay, from: Date): Promise<{ ean: string; firstIsp: number; ispCount: number } | null> {
  const rows: { ean: string; first: Date }[] = await dataSource.query(
    `SELECT gc.ean, min(p.isp_start) AS first FROM plan_session_isps p JOIN grid_connections gc ON gc.site_id = p.site_id
      WHERE p.plan_run_id = ${LATEST_PLAN} AND p.kind = 'session' AND p.isp_start >= $3 AND p.power_kw > 0
      GROUP BY gc.ean ORDER BY sum(p.power_kw) DESC, gc.ean LIMIT 1`,
    [portfolioId, day.isoDate, from],
  );
  if (rows.length === 0) return null;
  const firstIsp = day.isps().findIndex((isp) => isp.start.getTime() === rows[0].first.getTime()) + 1;
  if (firstIsp < 1) return null;
  return { ean: rows[0].ean, firstIsp, ispCount: Math.min(WINDOW_MAX_ISPS, day.ispCount - firstIsp + 1) };
}

/**
 * The congestion point of the IDCONS event (ASSUMED, the GOPACS data names no connection): the
 * portfolio's connection where the latest stored plan charges its live sessions most in the
 * event's first ISP, with its congestion area; `fallback` when none is planned then.
 */
async function idconsPointAt(dataSource: DataSource, portfolioId: string, day: DeliveryDay, ispStart: Date, fallback: { pointEan: string; congestionArea: string }): Promise<{ pointEan: string; congestionArea: string; chosen: boolean }> {
  const rows: { ean: string; area: string | null }[] = await dataSource.query(
    `SELECT gc.ean, gc.congestion_area AS area FROM plan_session_isps p JOIN grid_connections gc ON gc.site_id = p.site_id
      WHERE p.plan_run_id = ${LATEST_PLAN} AND p.kind = 'session' AND p.isp_start = $3 AND p.power_kw > 0
      GROUP BY gc.ean, gc.congestion_area ORDER BY sum(p.power_kw) DESC, gc.ean LIMIT 1`,
    [portfolioId, day.isoDate, ispStart],
  );
  return rows.length === 0 || rows[0].area === null ? { ...fallback, chosen: false } : { pointEan: rows[0].ean, congestionArea: rows[0].area, chosen: true };
}

/**
 * The grid operators' events of the day, each at its own simulated instant, so that they answer
 * from the plan as stored by then (the re-plan with the live sessions, when it came first):
 * - `congestion`: GOPACS IDCONS, a real cleared bucket of the day announced 2 h ahead (congestion-stage.ts);
 * - `dso_flex_request`: the DSO's intraday UFTP FlexRequest over signed XML, offer and order (uftp-stage.ts).
 * Each records its stage result in `stages`; `runRemaining` runs those the day driver did not reach.
 */
export function gridOperatorEvents(input: GridEventsInput, stages: Record<string, StageResult>): { events: GridEvent[]; runRemaining: () => Promise<void> } {
  const { day, clock, progress } = input;
  const done = new Set<string>();
  const events: GridEvent[] = [];

  if (input.idconsMissing !== undefined) {
    stages.congestion = notRun(`GOPACS IDCONS: ${input.idconsMissing}`);
  } else {
    const timing = congestionEventTiming(input.gopacsBuckets, input.gopacsPortfolioMw);
    if (timing === null) stages.congestion = notRun(`GOPACS has no cleared bucket on ${day.isoDate} nor on a same weekday`);
    else {
      events.push({
        name: 'congestion',
        at: timing.announcedAt,
        run: async () => {
          await input.replan?.(timing.announcedAt, 'congestion');
          const point = await idconsPointAt(input.dataSource, input.portfolioId, day, new Date(timing.startMs), input.idconsPoint);
          const congested = await runStage(() => runCongestionEvent(input.app, input.dataSource, input.config, day, clock, input.gopacsBuckets, input.gopacsPortfolioMw, point));
          const pointNote = point.chosen
            ? 'ASSUMED: the connection where the stored plan charges live sessions most in the event\'s ISP, and its congestion area'
            : 'ASSUMED: the first pooled site\'s connection (the stored plan charges no live session in the event\'s ISP)';
          stages.congestion = congested.result ?? (congested.value === null ? notRun(`GOPACS has no cleared bucket on ${day.isoDate}`) : { status: 'ran', ...congested.value, congestionPoint: `ean.${point.pointEan}`, congestionArea: point.congestionArea, pointNote });
          progress.stage('congestion', congested.error ?? (congested.value ? `IDCONS event ${congested.value.eventId}: ${congested.value.orders} orders, ${congested.value.awardsMw} MW matched` : ''));
        },
      });
    }
  }

  events.push({
    name: 'dso_flex_request',
    at: localInstant(day, UFTP_REQUEST_AT_LOCAL),
    run: async () => {
      const requestAt = localInstant(day, UFTP_REQUEST_AT_LOCAL);
      await input.replan?.(requestAt, 'dso_flex_request');
      const point = await congestedConnection(input.dataSource, input.portfolioId, day, new Date(requestAt.getTime() + WINDOW_LEAD_MS));
      if (point === null) {
        stages.dso_flex_request = notRun(`the plan stored by ${UFTP_REQUEST_AT_LOCAL} local charges no live session at any connection of the portfolio after ${UFTP_REQUEST_AT_LOCAL} + 1 h, so there is no connection for the DSO to ask flexibility of`);
        progress.stage('uftp', (stages.dso_flex_request as { reason: string }).reason);
        return;
      }
      const why = 'ASSUMED: the connection where the stored plan charges live sessions most from an hour after the request on, its first 4 hours of their planned charging';
      const flexed = await runStage(() => runDsoFlexRequest(input.baseUrl, input.dataSource, input.config, day, clock, input.parties, point.ean, { firstIsp: point.firstIsp, ispCount: point.ispCount, why }));
      stages.dso_flex_request = flexed.result ?? { status: 'ran', ...flexed.value };
      progress.stage(
        'uftp',
        flexed.error ??
          `FlexRequest ${flexed.value?.requestedIsps} at ${flexed.value?.congestionPoint}: ${flexed.value?.offerOptions.length ?? 0} offer options, order ${flexed.value?.orderResponse ?? 'none'} (${flexed.value?.orderedMwh} MWh, ${flexed.value?.orderPriceEur ?? '-'} EUR)`,
      );
    },
  });

  const wrapped = events.map((event) => ({
    name: event.name,
    at: event.at,
    run: async () => {
      if (done.has(event.name)) return;
      done.add(event.name);
      await event.run();
    },
  }));
  return {
    events: wrapped,
    runRemaining: async () => {
      for (const event of [...wrapped].sort((a, b) => a.at.getTime() - b.at.getTime())) await event.run();
    },
  };
}
