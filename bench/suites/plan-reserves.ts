import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '@vpp/config';
import { aggregatePortfolio, type AggregationMember, type ReserveProduct } from '@vpp/flexibility/domain';
import { coOptimiseReserves, type BlockCapacityPrices } from '@vpp/optimizer';
import { parseDecimal } from '@vpp/units';
import { BenchCase, BenchOptions, BenchResult, peakRssMb } from '../bench-case';
import { ASSUMED_DEGRADATION_EUR_PER_KWH, PLAN_DAY, planDayInput, readPlanDayPrices, readRealShapes } from '../plan/real-plan-day';

/**
 * Real aFRR capacity prices (DE, regelleistung.net, average accepted price: DE capacity is
 * pay-as-bid) of a summer Wednesday in the data (2021-06-16), applied to the NL plan day
 * 2019-06-12 of the day-ahead prices: the date and zone mismatch is ASSUMED harmless for a scale run.
 */
const AFRR_FILE = 'afrr-capacity-auction-de-2021-2023.csv';
const AFRR_DATE = '2021-06-16';
/** ASSUMED: FCR capacity prices are not in the data. */
const ASSUMED_FCR_EUR_PER_MW_H = 10;
/** ASSUMED: the P10 departure is 10 % of the dwell before the (expected) departure. */
const ASSUMED_P10_DWELL_SHARE = 0.1;
const RESERVE_CONFIDENCE = 0.9;

const ASSUMPTIONS =
  `aFRR prices real (DE ${AFRR_DATE}, avg accepted) on NL ${PLAN_DAY.isoDate}; FCR prices ASSUMED ${ASSUMED_FCR_EUR_PER_MW_H} EUR/MW/h; ` +
  `ASSUMED P10 departure = expected - ${ASSUMED_P10_DWELL_SHARE * 100} % of dwell; ASSUMED channels: 3 of 4 sessions FCR+aFRR, 1 of 4 none; ` +
  `reserves at P${RESERVE_CONFIDENCE * 100}; sessions: real ElaadNL time-of-day shapes, replicas past the first pass DERIVED with jitter, cut at midnight; ` +
  `ASSUMED degradation ${ASSUMED_DEGRADATION_EUR_PER_KWH} EUR/kWh, no V2G; site limits not in the virtual battery (envelope limits only); ` +
  `timings measured on 2 shared cores under load`;

const BLOCK_LOCAL = ['00-04', '04-08', '08-12', '12-16', '16-20', '20-24'];

function eurPerMwH(text: string): number {
  // At most 4 decimals in the file: integer ten-thousandths keep the float conversion exact.
  return Number.parseInt(parseDecimal(text).times(10_000).toFixed(0), 10) / 10_000;
}

function readAfrrPrices(dataDir: string): BlockCapacityPrices[] {
  const rows: Record<string, string>[] = parse(readFileSync(join(dataDir, AFRR_FILE)), { columns: true, skip_empty_lines: true });
  return BLOCK_LOCAL.map((local) => {
    const price = (direction: string): number => {
      const row = rows.find((r) => r.delivery_date_local === AFRR_DATE && r.block_local === local && r.direction === direction);
      if (row === undefined) throw new Error(`${AFRR_FILE}: no ${direction} ${local} on ${AFRR_DATE}`);
      return eurPerMwH(row.de_avg_capacity_price_eur_per_mw_h);
    };
    return { fcrEurPerMwH: ASSUMED_FCR_EUR_PER_MW_H, afrrUpEurPerMwH: price('POS'), afrrDownEurPerMwH: price('NEG') };
  });
}

const seconds = (fromMs: number): number => Math.round(performance.now() - fromMs) / 1000;

/** Aggregates N real ElaadNL sessions (mapped onto one day as the plan suite does) and co-optimises reserves. */
async function run(options: BenchOptions, emit: (result: BenchResult) => void): Promise<void> {
  const count = options.sessions ?? 10_000;
  const dataDir = loadConfig({ LOG_LEVEL: 'error' }).dataDir;
  const { shapes } = await readRealShapes(dataDir);
  const prices = readPlanDayPrices(dataDir);
  const blockPrices = readAfrrPrices(dataDir);
  const sessions = planDayInput(shapes, prices, count).sessions;
  const started = performance.now();
  const members = sessions.map((session, i): AggregationMember => {
    const first = session.envelope.isps[0].start.getTime();
    const expected = Math.min(first + session.envelope.isps.length * 15 * 60_000, PLAN_DAY.end.getTime());
    const dwellMs = expected - first;
    const eligibleProducts: ReserveProduct[] = i % 4 === 3 ? [] : ['fcr', 'afrr'];
    return {
      id: session.id,
      envelope: session.envelope,
      departure: { expected: new Date(expected), p10: new Date(expected - ASSUMED_P10_DWELL_SHARE * dwellMs) },
      eligibleProducts,
    };
  });
  const aggregate = aggregatePortfolio(members, { horizon: PLAN_DAY.isps(), reserveConfidence: RESERVE_CONFIDENCE });
  const aggregateS = seconds(started);
  const plan = await coOptimiseReserves({
    day: PLAN_DAY,
    battery: aggregate.battery,
    bands: aggregate.reserveBands,
    dayAheadPriceEurPerMwh: prices,
    blockPrices,
    timeLimitS: 30,
  });
  const wallS = seconds(started);
  const note = { status: plan.status, assumptions: ASSUMPTIONS };
  const sum = (pick: (b: (typeof plan.blocks)[number]) => number): number => plan.blocks.reduce((s, b) => s + pick(b), 0);
  emit({ metric: 'wall_s', value: wallS, unit: 's', ...note });
  emit({ metric: 'aggregate_s', value: aggregateS, unit: 's', ...note });
  emit({ metric: 'peak_rss_mb', value: peakRssMb(), unit: 'MB', ...note });
  emit({ metric: 'fcr_mw_blocks', value: sum((b) => b.fcrMw), unit: 'MW x blocks', per_block: plan.blocks.map((b) => b.fcrMw).join(','), ...note });
  emit({ metric: 'afrr_up_mw_blocks', value: sum((b) => b.afrrUpMw), unit: 'MW x blocks', per_block: plan.blocks.map((b) => b.afrrUpMw).join(','), ...note });
  emit({ metric: 'afrr_down_mw_blocks', value: sum((b) => b.afrrDownMw), unit: 'MW x blocks', per_block: plan.blocks.map((b) => b.afrrDownMw).join(','), ...note });
  emit({ metric: 'capacity_revenue_eur', value: Math.round(plan.capacityRevenueEur * 100) / 100, unit: 'EUR', ...note });
  emit({ metric: 'net_cost_eur', value: Math.round(plan.netCostEur * 100) / 100, unit: 'EUR', ...note });
}

export const BENCH_CASES: BenchCase[] = [{ suite: 'plan', name: 'reserves-10000', run }];
