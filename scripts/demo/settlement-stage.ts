import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@vpp/config';
import type { DayAheadPriceSeries } from '@vpp/markets';
import { QueueName, redisConnectionOptions } from '@vpp/queues';
import { SettlementJobKeys, SettlementPipelineScheduler } from '@vpp/settlement';
import { Decimal, DeliveryDay, Isp, MARKET_TIME_ZONE, parseDecimal } from '@vpp/units';
import { callApi } from './http-client';
import type { Parties } from './seed-parties';
import type { SimulatedClock } from './sim-clock';

const BIDDING_ZONE = 'NL';
const POLL_MS = 250;
// A day's settlement of 2,000 EVs takes seconds; a run still busy after this is reported as failed, not waited for.
const SETTLED_WITHIN_MS = 180_000;

/** ASSUMED contract terms (no public contract data): stated in derived_inputs. */
export const DEMO_CONTRACT_TERMS = {
  fleetOwner: { aggregatorSharePct: '30', ownerSharePct: '70' },
  cpo: { feePerSessionEur: '0.10', aggregatorSharePct: '30', cpoSharePct: '70' },
} as const;

export interface SettlementOutcome {
  readonly contracts: number;
  readonly dayAheadPrices: number;
  readonly afrrEnergyPrices: number;
  readonly enqueuedAt: string;
  readonly closed: { readonly isp: string; readonly day: string; readonly restated: readonly string[] };
  readonly statements: number;
  readonly ledgerEntries: number;
  readonly meterSessions: Record<string, number>;
  readonly meterSessionIsps: Record<string, number>;
  /** How the meter stage had the day's energy: measured/estimated from meter values, or the recorded baseline (profile) where there were none. */
  readonly meterBasis: string;
  readonly meterValues: number;
  readonly fleetsWithoutStatement: number;
  readonly flexSettlements: number;
  /** Lines for derived_inputs. */
  readonly derived: string[];
}

interface ImbalanceRow {
  readonly ispStart: Date;
  readonly long: Decimal;
  readonly short: Decimal;
}

const localKey = (instant: Date): string => DateTime.fromJSDate(instant, { zone: MARKET_TIME_ZONE }).toFormat('HH:mm');

function readImbalance(path: string): ImbalanceRow[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((line) => line.length > 0);
  const header = lines[0].split(',');
  const at = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${path}: no column ${name} (expected timestamp_utc, imbalance_price_long_eur_mwh, imbalance_price_short_eur_mwh)`);
    return index;
  };
  const [t, long, short] = [at('timestamp_utc'), at('imbalance_price_long_eur_mwh'), at('imbalance_price_short_eur_mwh')];
  return lines.slice(1).map((line, n) => {
    const cells = line.split(',');
    const ispStart = new Date(cells[t]);
    if (Number.isNaN(ispStart.getTime())) throw new Error(`${path}:${n + 2}: bad timestamp ${cells[t]}`);
    return { ispStart, long: parseDecimal(cells[long]), short: parseDecimal(cells[short]) };
  });
}

/**
 * The NL imbalance prices of the day from the --imbalance file; for a day it does not fully cover,
 * those of the nearest fully covered same weekday, matched by local time of day (the spring day's
 * missing 02:xx is skipped, the autumn day's repeated 02:xx takes the first one).
 */
export function dayImbalancePrices(path: string, day: DeliveryDay): { rows: ImbalanceRow[]; from: DeliveryDay | null } | null {
  const byStart = new Map(readImbalance(path).map((row) => [row.ispStart.getTime(), row]));
  const covered = (d: DeliveryDay): boolean => d.isps().every((isp) => byStart.has(isp.start.getTime()));
  if (covered(day)) return { rows: day.isps().map((isp) => byStart.get(isp.start.getTime()) as ImbalanceRow), from: null };
  for (let week = 1; week <= 53 * 10; week += 1) {
    for (const sign of [-1, 1]) {
      const from = day.plusDays(sign * 7 * week);
      if (!covered(from)) continue;
      const byLocal = new Map<string, ImbalanceRow>();
      for (const isp of from.isps()) if (!byLocal.has(localKey(isp.start))) byLocal.set(localKey(isp.start), byStart.get(isp.start.getTime()) as ImbalanceRow);
      const rows = day.isps().map((isp) => {
        const source = byLocal.get(localKey(isp.start)) ?? (byLocal.get('01:45') as ImbalanceRow);
        return { ...source, ispStart: isp.start };
      });
      return { rows, from };
    }
  }
  return null;
}

interface ContractBody {
  readonly validFrom: string;
  readonly validTo: null;
  readonly aggregatorRef: string;
  readonly vehicleOwnerRef: string;
  readonly terms: readonly { kind: string; payee: { role: string; partyRef: string }; rate: string }[];
}

interface PriceBody {
  readonly source: string;
  readonly prices: readonly { intervalStart: string; priceEurPerMwh: string }[];
}

/**
 * What the settlement pipeline needs, loaded by the aggregator through the operator API as it
 * would in production: one revenue-sharing contract per fleet of the fleet owners and CPOs
 * (ASSUMED terms; on each owner's behalf, under its delegation), the day's day-ahead prices from
 * the day's price file, and NL imbalance prices standing in for the aFRR energy prices (DERIVED).
 * Then the day is closed as production does it: the pipeline's
 * scheduler ticks once at the simulated instant the day's grace has passed, and the platform's
 * own workers run the close, meter and statement jobs; the DB is polled until they are done.
 */
export async function runSettlement(
  app: NestFastifyApplication,
  baseUrl: string,
  dataSource: DataSource,
  config: AppConfig,
  clock: SimulatedClock,
  parties: Parties,
  portfolioId: string,
  day: DeliveryDay,
  prices: { readonly series: DayAheadPriceSeries; readonly path: string; readonly derived: string | null },
  imbalancePath: string,
): Promise<SettlementOutcome> {
  const derived: string[] = [];
  const fleets: { id: string; organisation_id: string; kind: string }[] = await dataSource.query(
    `SELECT f.id, f.organisation_id, o.kind FROM fleets f JOIN organisations o ON o.id = f.organisation_id
      WHERE f.organisation_id = ANY($1::uuid[]) ORDER BY o.kind, f.name, f.id`,
    [[...parties.fleetOwners, ...parties.cpos].map((p) => p.organisationId)],
  );
  const aggregator = parties.operator.organisationId;
  const contracts = fleets.map((fleet): { fleetId: string; ownerOrganisationId: string; body: ContractBody } => {
    const base = { validFrom: day.start.toISOString(), validTo: null, aggregatorRef: aggregator, vehicleOwnerRef: fleet.organisation_id };
    if (fleet.kind === 'cpo') {
      const t = DEMO_CONTRACT_TERMS.cpo;
      const terms = [
        { kind: 'cpo-fee-per-session', payee: { role: 'cpo', partyRef: fleet.organisation_id }, rate: t.feePerSessionEur },
        { kind: 'revenue-share', payee: { role: 'aggregator', partyRef: aggregator }, rate: t.aggregatorSharePct },
        { kind: 'revenue-share', payee: { role: 'cpo', partyRef: fleet.organisation_id }, rate: t.cpoSharePct },
      ];
      return { fleetId: fleet.id, ownerOrganisationId: fleet.organisation_id, body: { ...base, terms } };
    }
    const t = DEMO_CONTRACT_TERMS.fleetOwner;
    const terms = [
      { kind: 'revenue-share', payee: { role: 'aggregator', partyRef: aggregator }, rate: t.aggregatorSharePct },
      { kind: 'revenue-share', payee: { role: 'fleet-owner', partyRef: fleet.organisation_id }, rate: t.ownerSharePct },
    ];
    return { fleetId: fleet.id, ownerOrganisationId: fleet.organisation_id, body: { ...base, terms } };
  });
  derived.push(
    `settlement contracts ASSUMED (no contract data): per fleet owner's fleet revenue shares aggregator ${DEMO_CONTRACT_TERMS.fleetOwner.aggregatorSharePct} / fleet owner ${DEMO_CONTRACT_TERMS.fleetOwner.ownerSharePct}; ` +
      `per CPO's OCPI fleet a CPO fee of ${DEMO_CONTRACT_TERMS.cpo.feePerSessionEur} EUR per session, then shares aggregator ${DEMO_CONTRACT_TERMS.cpo.aggregatorSharePct} / CPO ${DEMO_CONTRACT_TERMS.cpo.cpoSharePct}; valid from ${day.isoDate}`,
  );

  const dayAhead: PriceBody = {
    source: relative(process.cwd(), prices.path),
    prices: day.isps().map((isp: Isp) => {
      const price = prices.series.priceFor(isp);
      if (price === undefined) throw new Error(`no day-ahead price for ${isp.start.toISOString()} in ${prices.path}`);
      return { intervalStart: isp.start.toISOString(), priceEurPerMwh: price.value.toFixed() };
    }),
  };
  derived.push(`settlement day-ahead prices: the day's price file ${relative(process.cwd(), prices.path)}${prices.derived === null ? '' : ' (DERIVED, see the prices line)'}, per ISP`);

  const imbalance = dayImbalancePrices(imbalancePath, day);
  if (imbalance === null) throw new Error(`${imbalancePath} covers no whole day of the weekday of ${day.isoDate}`);
  const imbalanceSource = relative(process.cwd(), imbalancePath);
  // NL single pricing: up-regulation is paid at the short price, down-regulation at the long price (regulation state 2 splits them).
  const afrrUp: PriceBody = { source: `${imbalanceSource} (short)`, prices: imbalance.rows.map((row) => ({ intervalStart: row.ispStart.toISOString(), priceEurPerMwh: row.short.toFixed() })) };
  const afrrDown: PriceBody = { source: `${imbalanceSource} (long)`, prices: imbalance.rows.map((row) => ({ intervalStart: row.ispStart.toISOString(), priceEurPerMwh: row.long.toFixed() })) };
  derived.push(
    `aFRR energy prices DERIVED: the NL imbalance price stands in (no public aFRR energy prices in the data): up = short price, down = long price of ${imbalanceSource}` +
      (imbalance.from === null ? ` on ${day.isoDate}` : ` of ${imbalance.from.isoDate} (nearest covered same weekday) moved onto ${day.isoDate} by local time of day`),
  );

  const countryRules = await countryRulesFor(dataSource, day);
  if (countryRules !== null) derived.push(countryRules);

  const operator = { key: parties.operator.key };
  for (const contract of contracts) {
    await callApi(baseUrl, 'PUT', `/v1/fleets/${contract.fleetId}/settlement-contracts/${randomUUID()}`, { ...operator, onBehalfOf: contract.ownerOrganisationId }, contract.body, [201]);
  }
  const putPrices = async (market: string, body: PriceBody): Promise<number> => {
    const answer = await callApi<{ isps: unknown[] }>(baseUrl, 'PUT', `/v1/settlement-prices/${market}/${BIDDING_ZONE}/${day.isoDate}`, operator, body, [200, 201]);
    return answer.isps.length;
  };
  const stored = { dayAhead: await putPrices('day-ahead', dayAhead), afrr: (await putPrices('afrr-energy-up', afrrUp)) + (await putPrices('afrr-energy-down', afrrDown)) };

  // The pipeline's scheduler as it ticks in production, at the simulated instant the day's grace has passed.
  clock.set(new Date(day.end.getTime() + config.settlement.graceMinutes * 60_000));
  const closed = await app.get(SettlementPipelineScheduler, { strict: false }).tick(clock.now());
  await pipelineDone(dataSource, config, portfolioId, day);

  const counts: { statements: number; entries: number }[] = await dataSource.query(
    `SELECT (SELECT count(*)::int FROM settlement_statements WHERE portfolio_id = $1 AND period_start >= $2 AND period_end <= $3) AS statements,
            (SELECT count(*)::int FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
              WHERE s.portfolio_id = $1 AND s.period_start >= $2 AND s.period_end <= $3) AS entries`,
    [portfolioId, day.start, day.end],
  );
  const meterValues: { n: number }[] = await dataSource.query(
    `SELECT count(*)::int AS n FROM meter_values mv JOIN settlement_meter_sessions m ON m.session_id = mv.session_id AND m.portfolio_id = $1 AND m.period_start = $2
      WHERE mv.measured_at >= $2 AND mv.measured_at < $3`,
    [portfolioId, day.start, day.end],
  );
  const basisRows: { basis: string; n: number }[] = await dataSource.query(
    `SELECT basis, count(*)::int AS n FROM settlement_meter_sessions WHERE portfolio_id = $1 AND period_start = $2 GROUP BY basis ORDER BY basis`,
    [portfolioId, day.start],
  );
  const ispRows: { measured: number; estimated: number; profile: number }[] = await dataSource.query(
    `SELECT coalesce(sum(sessions_measured), 0)::int AS measured, coalesce(sum(sessions_estimated), 0)::int AS estimated, coalesce(sum(sessions_profile), 0)::int AS profile
       FROM settlement_meter_isp WHERE portfolio_id = $1 AND isp_start >= $2 AND isp_start < $3`,
    [portfolioId, day.start, day.end],
  );
  const flex: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM uftp_flex_settlements WHERE period = $1::date`, [day.isoDate]);
  const fleetsSettled: { without: number }[] = await dataSource.query(
    `SELECT count(DISTINCT m.fleet_id)::int AS without FROM settlement_meter_isp m
      WHERE m.portfolio_id = $1 AND m.isp_start >= $2 AND m.isp_start < $3
        AND NOT EXISTS (SELECT 1 FROM settlement_statements s WHERE s.fleet_id = m.fleet_id AND s.portfolio_id = $1 AND s.period_start = $2)`,
    [portfolioId, day.start, day.end],
  );
  const meterSessions = Object.fromEntries(basisRows.map((r) => [r.basis, r.n]));
  const isp = ispRows[0] ?? { measured: 0, estimated: 0, profile: 0 };
  const meterBasis =
    isp.measured + isp.estimated === 0
      ? 'profile: no meter values for the day\'s sessions, so the meter stage took each session\'s recorded baseline (no flexibility claimed for it)'
      : isp.profile === 0
        ? 'meter values: every session-ISP measured or estimated from meter values'
        : 'mixed: meter values where the sessions had them (measured/estimated), the recorded baseline (profile) for the rest';
  return {
    contracts: contracts.length,
    dayAheadPrices: stored.dayAhead,
    afrrEnergyPrices: stored.afrr,
    enqueuedAt: clock.now().toISOString(),
    closed,
    statements: counts[0].statements,
    ledgerEntries: counts[0].entries,
    meterSessions,
    meterSessionIsps: { measured: isp.measured, estimated: isp.estimated, profile: isp.profile },
    meterBasis,
    meterValues: meterValues[0]?.n ?? 0,
    fleetsWithoutStatement: fleetsSettled[0]?.without ?? 0,
    flexSettlements: flex[0]?.n ?? 0,
    derived,
  };
}

/**
 * Polls the DB until the day's statement stage of the portfolio ran (processed_jobs, written in
 * the stage's own transaction); a statement run re-enqueued for a missing price is an error here
 * (the demo supplied every price, so a wait means a gap in the data).
 */
async function pipelineDone(dataSource: DataSource, config: AppConfig, portfolioId: string, day: DeliveryDay): Promise<void> {
  const meterKey = SettlementJobKeys.aggregateMeter(portfolioId, day.start, day.end, 0);
  const statementsKey = SettlementJobKeys.issueStatements(portfolioId, day.isoDate, 0, 0);
  const waitingKey = SettlementJobKeys.issueStatements(portfolioId, day.isoDate, 0, 1);
  const deadline = Date.now() + SETTLED_WITHIN_MS;
  // Only to tell a stage that failed for good (retries exhausted) from one still running: its BullMQ job, by its id (the key).
  const queue = new Queue(QueueName.Settlement, { connection: redisConnectionOptions(config.redis.url, 'producer'), prefix: config.redis.queuePrefix });
  try {
    for (;;) {
      const rows: { done: boolean; waiting: boolean }[] = await dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM processed_jobs WHERE idempotency_key = $1) AS done,
                EXISTS (SELECT 1 FROM outbox WHERE idempotency_key = $2) AS waiting`,
        [statementsKey, waitingKey],
      );
      if (rows[0].waiting) throw new Error(`the statement stage of ${day.isoDate} waits for a missing price (settlement_price_missing_total); nothing issued`);
      if (rows[0].done) return;
      for (const key of [meterKey, statementsKey]) {
        const job = await queue.getJob(key);
        if (job && (await job.isFailed())) throw new Error(`settlement job ${key} failed after ${job.attemptsMade} attempts: ${job.failedReason}`);
      }
      if (Date.now() > deadline) throw new Error(`the settlement pipeline did not finish the statements of ${day.isoDate} within ${SETTLED_WITHIN_MS / 1000} s`);
      await sleep(POLL_MS);
    }
  } finally {
    await queue.close();
  }
}

/**
 * Country rules (energy tax, grid fee; libs/settlement) are seeded from 2025 on. For an earlier
 * demo day the earliest seeded version of the country is stored as a version valid from the day
 * until that one starts, every field marked ASSUMED; returns the derived_inputs line, or null
 * when the day is covered.
 */
async function countryRulesFor(dataSource: DataSource, day: DeliveryDay): Promise<string | null> {
  const covered: { n: number }[] = await dataSource.query(
    `SELECT count(*)::int AS n FROM settlement_country_rules WHERE country = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)`,
    [BIDDING_ZONE, day.start],
  );
  if (covered[0].n > 0) return null;
  const inserted: { from: Date }[] = await dataSource.query(
    `INSERT INTO settlement_country_rules (country, valid_from, valid_to, energy_tax_eur_per_kwh, grid_fee_eur_per_kwh, discharge_taxed_twice,
                                           feed_in_compensation_eur_per_kwh, verified, assumed_fields, source)
     SELECT country, $2, valid_from, energy_tax_eur_per_kwh, grid_fee_eur_per_kwh, discharge_taxed_twice, feed_in_compensation_eur_per_kwh, false,
            ARRAY['energyTaxEurPerKwh', 'gridFeeEurPerKwh', 'dischargeTaxedTwice', 'feedInCompensationEurPerKwh'],
            'DEMO ASSUMPTION: no rules seeded for this period; the earliest seeded version (valid from ' || to_char(valid_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') || ') applied: ' || source
       FROM settlement_country_rules WHERE country = $1 AND valid_from > $2 ORDER BY valid_from LIMIT 1
     RETURNING valid_to AS from`,
    [BIDDING_ZONE, day.start],
  );
  if (inserted.length === 0) throw new Error(`no ${BIDDING_ZONE} country rules cover ${day.isoDate} and none start later`);
  return `settlement country rules ASSUMED: no ${BIDDING_ZONE} rules for ${day.isoDate} are seeded; the earliest seeded version (from ${inserted[0].from.toISOString().slice(0, 10)}) applied to the day, every field marked ASSUMED (only the charges lines use them, outside the revenue balance)`;
}
