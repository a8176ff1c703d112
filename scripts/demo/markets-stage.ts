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
  let prepared = 0;
  for (const gate of gates) {
    clock.set(gate.prepare_at);
    const result = await prepare.execute(gate.gate_key);
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
    if (result.outcome === 'prepared') prepared += 1;
    if (gate.market !== 'afrr' || gate.product_code !== 'afrr-energy-nl') progress.stage('gate', `${gate.gate_key}: ${result.outcome}`);
  }
  progress.stage('gates', `${prepared} of ${gates.length} prepared (${Object.entries(outcomes).map(([k, n]) => `${k} ${n}`).join(', ')})`);
  const delayMs = config.gateways.resultsDelayMinutes * 60_000;
  const submittedGates: { gate_key: string; gate_closure_at: Date }[] = await dataSource.query(
    `SELECT DISTINCT g.gate_key, g.gate_closure_at FROM market_gates g JOIN gateway_submissions s ON s.gate_key = g.gate_key WHERE g.delivery_day = $1 ORDER BY g.gate_closure_at`,
    [day.isoDate],
  );
  let collected = 0;
  const collectErrors: string[] = [];
  for (const gate of submittedGates) {
    clock.set(new Date(gate.gate_closure_at.getTime() + delayMs));
    try {
      await collect.execute(gate.gate_key);
      collected += 1;
    } catch (error) {
      collectErrors.push(`${gate.gate_key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
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
