import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@vpp/config';
import { CollectGateResultsUseCase, PlanMarketCalendarUseCase, PrepareMarketGateUseCase } from '@vpp/markets';
import type { DeliveryDay } from '@vpp/units';
import type { Progress } from './progress';
import type { SimulatedClock } from './sim-clock';

interface GateRow {
  gate_key: string;
  market: string;
  product_code: string;
  prepare_at: Date;
  gate_closure_at: Date;
}

export interface MarketsOutcome {
  readonly gates: number;
  readonly prepared: number;
  readonly outcomes: Record<string, number>;
  readonly collected: number;
  readonly collectErrors: string[];
  readonly bidsByMarket: Record<string, number>;
  readonly bidStatuses: Record<string, number>;
  readonly awardsMwByMarket: Record<string, string>;
  readonly awardLabels: string[];
  /**
   * Per 4-hour block, what the plan the reserve gates bid from offers (whole MW, 1 MW minimum):
   * the co-optimised MW and the firm headroom it holds in every ISP of the block; why a block has
   * no FCR or aFRR capacity bid.
   */
  readonly reserveHeadroom: ReserveHeadroom | null;
}

export interface ReserveHeadroom {
  readonly planRunId: string;
  readonly knownAt: string;
  /** The plan's line on which reserve products the forecast cohorts serve (site channel latency, measured or ASSUMED). */
  readonly cohortEligibility: string | null;
  readonly blocks: { start: string; plannedFcrMw: number; plannedAfrrUpMw: number; plannedAfrrDownMw: number; firmUpKw: string; firmDownKw: string }[];
  readonly note: string;
}

/**
 * The market day through the production use cases with the simulated clock: the calendar plans the
 * day's gates (PlanMarketCalendarUseCase), each gate is prepared at its prepare-at
 * (PrepareMarketGateUseCase: bid building from the stored plan, validation, ledger reservation,
 * submission to the simulated counterparty), and its results are collected at gate closure + the
 * configured delay (CollectGateResultsUseCase: awards, rejections released). What the calendar's
 * BullMQ jobs do, called in order at their simulated instants.
 */
export async function runMarkets(app: NestFastifyApplication, dataSource: DataSource, config: AppConfig, day: DeliveryDay, clock: SimulatedClock, progress: Progress): Promise<MarketsOutcome> {
  const planCalendar = app.get(PlanMarketCalendarUseCase, { strict: false });
  const prepare = app.get(PrepareMarketGateUseCase, { strict: false });
  const collect = app.get(CollectGateResultsUseCase, { strict: false });
  await planCalendar.execute(clock.now(), [day]);
  const gates: GateRow[] = await dataSource.query(
    `SELECT gate_key, market, product_code, prepare_at, gate_closure_at FROM market_gates WHERE delivery_day = $1 AND market <> 'idcons' ORDER BY prepare_at, gate_key`,
    [day.isoDate],
  );
  const outcomes: Record<string, number> = {};
  const delayMs = config.gateways.resultsDelayMinutes * 60_000;
  // A gate's results are collected at its closure + the delay, in time order with the later gates'
  // preparation: the aFRR energy gates build on the aFRR capacity held (heldAfrrCapacityMw), which
  // exists only once the capacity gate's awards were collected.
  const pending: { gateKey: string; at: Date }[] = [];
  let collected = 0;
  const collectErrors: string[] = [];
  const collectUpTo = async (until: Date): Promise<void> => {
    pending.sort((a, b) => a.at.getTime() - b.at.getTime());
    while (pending.length > 0 && pending[0].at.getTime() <= until.getTime()) {
      const next = pending.shift() as { gateKey: string; at: Date };
      clock.set(next.at);
      try {
        await collect.execute(next.gateKey);
        collected += 1;
      } catch (error) {
        collectErrors.push(`${next.gateKey}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  let prepared = 0;
  for (const gate of gates) {
    await collectUpTo(gate.prepare_at);
    clock.set(gate.prepare_at);
    const result = await prepare.execute(gate.gate_key);
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
    if (result.outcome === 'prepared') prepared += 1;
    if (gate.market !== 'afrr' || gate.product_code !== 'afrr-energy-nl') progress.stage('gate', `${gate.gate_key}: ${result.outcome}`);
    const submitted: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM gateway_submissions WHERE gate_key = $1`, [gate.gate_key]);
    if ((submitted[0]?.n ?? 0) > 0) pending.push({ gateKey: gate.gate_key, at: new Date(gate.gate_closure_at.getTime() + delayMs) });
  }
  progress.stage('gates', `${prepared} of ${gates.length} prepared (${Object.entries(outcomes).map(([k, n]) => `${k} ${n}`).join(', ')})`);
  await collectUpTo(new Date(8.64e15));
  const bids: { market: string; status: string; n: number }[] = await dataSource.query(
    `SELECT market, status, count(*)::int AS n FROM bids WHERE delivery_day = $1 GROUP BY market, status ORDER BY market, status`,
    [day.isoDate],
  );
  const awards: { market: string; mw: string }[] = await dataSource.query(
    `SELECT a.market, sum(a.quantity_mw)::text AS mw FROM market_awards a JOIN bids b ON b.id = a.bid_id WHERE b.delivery_day = $1 GROUP BY a.market ORDER BY a.market`,
    [day.isoDate],
  );
  const labels: { label: string }[] = await dataSource.query(
    `SELECT DISTINCT jsonb_array_elements_text(a.labels) AS label FROM market_awards a JOIN bids b ON b.id = a.bid_id WHERE b.delivery_day = $1`,
    [day.isoDate],
  );
  const reserveGate = gates.find((g) => g.market === 'fcr' || (g.market === 'afrr' && g.product_code !== 'afrr-energy-nl'));
  const reserveHeadroom = reserveGate === undefined ? null : await headroomOfPlan(dataSource, day, reserveGate.prepare_at);
  const bidsByMarket: Record<string, number> = {};
  const bidStatuses: Record<string, number> = {};
  for (const row of bids) {
    bidsByMarket[row.market] = (bidsByMarket[row.market] ?? 0) + row.n;
    bidStatuses[`${row.market}:${row.status}`] = row.n;
  }
  return {
    gates: gates.length,
    prepared,
    outcomes,
    collected,
    collectErrors,
    bidsByMarket,
    bidStatuses,
    awardsMwByMarket: Object.fromEntries(awards.map((a) => [a.market, a.mw])),
    awardLabels: labels.map((l) => l.label).sort(),
    reserveHeadroom,
  };
}

/** The plan as the first reserve gate read it (latest run known by its prepare-at), per block. */
async function headroomOfPlan(dataSource: DataSource, day: DeliveryDay, asOf: Date): Promise<ReserveHeadroom | null> {
  const runs: { id: string; known_at: Date; reserves: { blocks?: { start: string; fcrMw: number; afrrUpMw: number; afrrDownMw: number }[] } | null; assumptions: string[] | null }[] = await dataSource.query(
    `SELECT id, known_at, reserves, inputs_summary->'assumptions' AS assumptions FROM plan_runs
      WHERE delivery_day = $1 AND status IN ('planned', 'completed') AND known_at <= $2 ORDER BY known_at DESC LIMIT 1`,
    [day.isoDate, asOf],
  );
  const run = runs[0];
  if (run === undefined) return null;
  const firm: { start: Date; up: string; down: string }[] = await dataSource.query(
    `SELECT b.start, round(min(i.up_available_kw), 3)::text AS up, round(min(i.down_available_kw), 3)::text AS down
       FROM plan_portfolio_isps i
       JOIN jsonb_array_elements($2::jsonb) AS e(block) ON i.isp_start >= (e.block->>'start')::timestamptz AND i.isp_start < (e.block->>'end')::timestamptz
       CROSS JOIN LATERAL (SELECT (e.block->>'start')::timestamptz AS start) b
      WHERE i.plan_run_id = $1 GROUP BY b.start ORDER BY b.start`,
    [run.id, JSON.stringify(run.reserves?.blocks ?? [])],
  );
  const firmAt = new Map(firm.map((f) => [f.start.getTime(), f]));
  return {
    planRunId: run.id,
    knownAt: run.known_at.toISOString(),
    cohortEligibility: (run.assumptions ?? []).find((a) => a.startsWith('forecast cohorts')) ?? null,
    blocks: (run.reserves?.blocks ?? []).map((b) => ({
      start: b.start,
      plannedFcrMw: b.fcrMw,
      plannedAfrrUpMw: b.afrrUpMw,
      plannedAfrrDownMw: b.afrrDownMw,
      firmUpKw: firmAt.get(new Date(b.start).getTime())?.up ?? '0.000',
      firmDownKw: firmAt.get(new Date(b.start).getTime())?.down ?? '0.000',
    })),
    note: 'FCR and aFRR capacity bids are whole MW (minimum 1 MW, MARKETS.md): a block is offered only where the co-optimised plan holds >= 1 MW and the firm headroom (the plan\'s up/down availability at its reserve confidence) holds it in every ISP of the block',
  };
}

/** Per daily gate, what bid building recorded (portfolios, portfolios without plan, bids by status): why a gate has no bids. */
export async function preparationNotes(dataSource: DataSource, day: DeliveryDay): Promise<Record<string, unknown>> {
  const rows: { gate_key: string; note: string | null }[] = await dataSource.query(
    `SELECT p.gate_key, p.note FROM bid_preparations p JOIN market_gates g ON g.gate_key = p.gate_key
      WHERE g.delivery_day = $1 AND g.product_code <> 'afrr-energy-nl' ORDER BY g.gate_closure_at`,
    [day.isoDate],
  );
  return Object.fromEntries(rows.map((row) => [row.gate_key, row.note === null ? null : (JSON.parse(row.note) as unknown)]));
}
