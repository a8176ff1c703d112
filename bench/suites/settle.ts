import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { readElaadNlSessions } from '@vpp/fleet/infrastructure/import/elaadnl-sessions.reader';
import { readDayAheadPrices } from '@vpp/markets/infrastructure/import/day-ahead-prices.reader';
import { createDataSource } from '@vpp/persistence';
import {
  IssuePortfolioStatementsUseCase,
  IssueStatementUseCase,
  SettlementContractRepository,
  SettlementCountryRuleRepository,
  SettlementLedgerRepository,
  SettlementMeterRepository,
  SettlementPriceRepository,
} from '@vpp/settlement';
import { SettlementPortfoliosReader } from '@vpp/settlement/infrastructure/pipeline/settlement-portfolios.reader';
import { Decimal, DEFAULT_CENTS_ROUNDING, DeliveryDay } from '@vpp/units';
import { BenchCase, BenchOptions, BenchResult, peakRssMb } from '../bench-case';
import { scratchDatabaseUrl } from '../scratch-database';

const SESSIONS_SOURCE = 'ev-sessions-elaadnl-2019-01-to-09.csv';
const PRICES_SOURCE = 'prices-nl-dayahead-2019.csv';
/** The settled day (96 ISPs, NL rules of 2026) and the real price day laid on it. */
const DAY = DeliveryDay.of('2026-06-10');
const PRICE_DAY = DeliveryDay.of('2019-06-12');
const PORTFOLIOS = 10;
const FLEETS_PER_PORTFOLIO = 2;
const SITES_PER_PORTFOLIO = 10;
const SESSIONS_PER_COPY = 2_000;
const ISPS = 96;
const ISP_MS = 900_000;

const id = (kind: number, n: number): string => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const ORGANISATION = 1;
const FLEET = 2;
const PORTFOLIO = 3;
const SITE = 4;
const CHARGE_POINT = 5;
const EVSE = 6;
const SESSION = 7;
const BASELINE = 8;
const CONTRACT = 9;

interface Shape {
  readonly arrivalIsp: number;
  readonly energyWh: number;
  readonly whPerIsp: number;
}

/** Real ElaadNL sessions as shapes: arrival ISP of the local day, energy and observed max power (Wh per ISP). */
function realShapes(dataDir: string): Shape[] {
  return readElaadNlSessions(join(dataDir, SESSIONS_SOURCE)).sessions.map((s) => {
    const local = DeliveryDay.containing(s.arrival);
    const arrivalIsp = Math.min(ISPS - 8, Math.floor((s.arrival.getTime() - local.start.getTime()) / ISP_MS));
    const energyWh = Number.parseInt(s.energy.value.times(1000).toFixed(0), 10);
    const whPerIsp = Math.max(250, Number.parseInt((s.maxPower?.value ?? s.energy.value).times(250).toFixed(0), 10));
    return { arrivalIsp, energyWh, whPerIsp };
  });
}

/** Wh per ISP of the day: at full power from `from` until the energy is in or the day ends. */
function profile(shape: Shape, from: number): Int32Array {
  const wh = new Int32Array(ISPS);
  let left = shape.energyWh;
  for (let i = from; i < ISPS && left > 0; i += 1) {
    wh[i] = Math.min(shape.whPerIsp, left);
    left -= wh[i];
  }
  return wh;
}

const kwh = (wh: number): string => `${Math.floor(wh / 1000)}.${String(wh % 1000).padStart(3, '0')}`;

async function copy(client: Client, sql: string, text: string): Promise<void> {
  await pipeline(Readable.from([text]), client.query(copyFrom(sql)));
}

/**
 * The world of the benchmark, COPYed before the timer: 10 portfolios (NL) of 10 sites, 20 fleets
 * with a 70/30 contract, 100,000 sessions of real ElaadNL shapes (arrival, energy, max power;
 * DERIVED), each with a recorded uncontrolled baseline and 96 meter values (one per ISP start,
 * the import register) of a controlled profile: the same energy started 0-4 ISPs later (ASSUMED
 * control, for settlement only). Real NL day-ahead prices of 2019-06-12 laid on the day.
 */
async function seed(url: string, dataSource: DataSource, sessions: number, dataDir: string): Promise<void> {
  const shapes = realShapes(dataDir);
  const prices = readDayAheadPrices(join(dataDir, PRICES_SOURCE));
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const now = new Date().toISOString();
    await client.query(`INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, 'bench aggregator', 'operator', 'NL', now())`, [id(ORGANISATION, 0)]);
    for (let p = 0; p < PORTFOLIOS; p += 1) {
      await client.query(`INSERT INTO portfolios (id, organisation_id, name, bidding_zone, created_at, updated_at) VALUES ($1, $2, $3, 'NL', now(), now())`, [id(PORTFOLIO, p), id(ORGANISATION, 0), `p${p}`]);
      await client.query(`INSERT INTO portfolio_markets (portfolio_id, market) VALUES ($1, 'day_ahead')`, [id(PORTFOLIO, p)]);
      for (let s = 0; s < SITES_PER_PORTFOLIO; s += 1) {
        const n = p * SITES_PER_PORTFOLIO + s;
        await client.query(`INSERT INTO sites (id, organisation_id, name, country, innovation_cluster, timezone, created_at) VALUES ($1, $2, $3, 'NL', 'depot', 'Europe/Amsterdam', now())`, [id(SITE, n), id(ORGANISATION, 0), `s${n}`]);
        await client.query(`INSERT INTO portfolio_sites (portfolio_id, market, site_id, assigned_at) VALUES ($1, 'day_ahead', $2, now())`, [id(PORTFOLIO, p), id(SITE, n)]);
        await client.query(`INSERT INTO charge_points (id, site_id, protocol, created_at) VALUES ($1, $2, 'ocpp', now())`, [id(CHARGE_POINT, n), id(SITE, n)]);
        await client.query(
          `INSERT INTO evses (id, charge_point_id, site_id, current_type, phases, max_power_kw, bidirectional, iso15118_20, created_at) VALUES ($1, $2, $3, 'AC', 3, 22, false, false, now())`,
          [id(EVSE, n), id(CHARGE_POINT, n), id(SITE, n)],
        );
      }
      for (let f = 0; f < FLEETS_PER_PORTFOLIO; f += 1) {
        const n = p * FLEETS_PER_PORTFOLIO + f;
        await client.query(`INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, $2, 'fleet_owner', 'NL', now())`, [id(ORGANISATION, n + 1), `owner ${n}`]);
        await client.query(`INSERT INTO fleets (id, organisation_id, name, created_at) VALUES ($1, $2, $3, now())`, [id(FLEET, n), id(ORGANISATION, n + 1), `fleet ${n}`]);
        await dataSource.transaction((manager) =>
          new SettlementContractRepository().save(
            manager,
            {
              id: id(CONTRACT, n),
              fleetId: id(FLEET, n),
              validFrom: new Date('2025-12-31T23:00:00Z'),
              validTo: null,
              aggregatorRef: id(ORGANISATION, 0),
              vehicleOwnerRef: id(ORGANISATION, n + 1),
              terms: [
                { kind: 'revenue-share', payee: { role: 'aggregator', partyRef: id(ORGANISATION, 0) }, rate: new Decimal(70) },
                { kind: 'revenue-share', payee: { role: 'fleet-owner', partyRef: id(ORGANISATION, n + 1) }, rate: new Decimal(30) },
              ],
            },
            new Date(),
          ),
        );
      }
    }
    for (let d = -1; d <= 1; d += 1) {
      const from = new Date(Date.UTC(DAY.start.getUTCFullYear(), DAY.start.getUTCMonth(), DAY.start.getUTCDate() + d));
      await client.query(
        `CREATE TABLE IF NOT EXISTS meter_values_p${from.toISOString().slice(0, 10).replace(/-/g, '')} PARTITION OF meter_values FOR VALUES FROM ('${from.toISOString()}') TO ('${new Date(from.getTime() + 86_400_000).toISOString()}')`,
      );
    }
    const priceIsps = PRICE_DAY.isps();
    const isps = DAY.isps();
    await client.query(
      `INSERT INTO settlement_prices (market, bidding_zone, isp_start, price_eur_per_mwh, source)
       SELECT 'day-ahead', 'NL', t, p, $3 FROM unnest($1::timestamptz[], $2::numeric[]) AS u(t, p)`,
      [isps.map((isp) => isp.start), priceIsps.map((isp) => prices.priceFor(isp)?.value.toString() ?? '0'), `${PRICES_SOURCE} ${PRICE_DAY.isoDate} (real prices, moved to ${DAY.isoDate})`],
    );

    for (let first = 0; first < sessions; first += SESSIONS_PER_COPY) {
      let sessionRows = '';
      let baselineRecords = '';
      let baselineIsps = '';
      let meterRows = '';
      for (let n = first; n < Math.min(sessions, first + SESSIONS_PER_COPY); n += 1) {
        const shape = shapes[n % shapes.length]!;
        const p = n % PORTFOLIOS;
        const fleet = p * FLEETS_PER_PORTFOLIO + (Math.floor(n / PORTFOLIOS) % FLEETS_PER_PORTFOLIO);
        const evse = p * SITES_PER_PORTFOLIO + (Math.floor(n / (PORTFOLIOS * FLEETS_PER_PORTFOLIO)) % SITES_PER_PORTFOLIO);
        const baseline = profile(shape, shape.arrivalIsp);
        const controlled = profile(shape, Math.min(ISPS - 1, shape.arrivalIsp + (n % 5)));
        const arrival = new Date(DAY.start.getTime() + shape.arrivalIsp * ISP_MS).toISOString();
        const delivered = controlled.reduce((sum, wh) => sum + wh, 0);
        sessionRows += `${id(SESSION, n)}\t${id(FLEET, fleet)}\t${id(EVSE, evse)}\t${arrival}\t${DAY.end.toISOString()}\t${DAY.end.toISOString()}\t${kwh(shape.energyWh)}\t${kwh(delivered)}\tfinished\tfalse\timport\ttrue\t${now}\t${now}\t${now}\n`;
        baselineRecords += `${id(BASELINE, n)}\t${id(ORGANISATION, fleet + 1)}\t${id(SESSION, n)}\tuncontrolled-charging\t1\t${arrival}\t{}\t${arrival}\n`;
        let register = 0;
        for (let i = 0; i < ISPS; i += 1) {
          const ispStart = new Date(DAY.start.getTime() + i * ISP_MS).toISOString();
          if (baseline[i] > 0) baselineIsps += `${id(BASELINE, n)}\t${ispStart}\t${kwh(baseline[i] * 4)}\t${kwh(baseline[i])}\n`;
          meterRows += `${id(SESSION, n)}\t${ispStart}\t${kwh(controlled[i] * 4)}\t${kwh(register)}\tocpp\n`;
          register += controlled[i];
        }
      }
      await copy(
        client,
        `COPY sessions (id, fleet_id, evse_id, arrival_at, expected_departure_at, actual_departure_at, energy_need_kwh, energy_delivered_kwh, status, can_discharge, source, historical, last_seen_at, created_at, updated_at) FROM STDIN`,
        sessionRows,
      );
      await copy(client, `COPY baseline_records (id, organisation_id, session_id, method, method_version, known_at, computed_from, recorded_at) FROM STDIN`, baselineRecords);
      await copy(client, `COPY baseline_record_isps (baseline_record_id, isp_start, power_kw, energy_kwh) FROM STDIN`, baselineIsps);
      await copy(client, `COPY meter_values (session_id, measured_at, power_kw, energy_register_kwh, source) FROM STDIN`, meterRows);
      if ((first / SESSIONS_PER_COPY) % 10 === 0) process.stderr.write(`settle: seeded ${first + SESSIONS_PER_COPY} sessions\n`);
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/**
 * The same money from the raw tables, without the pipeline's tables or code: per fleet (one
 * statement scope each) the exact sum over ISPs of (baseline - bought) x price, rounded to cents
 * once as the statement does.
 */
async function independentTotal(dataSource: DataSource): Promise<Decimal> {
  const rows: { total: string }[] = await dataSource.query(
    `WITH deltas AS (
       SELECT session_id, date_bin('15 minutes', measured_at - interval '1 microsecond', 'epoch') AS isp,
              energy_register_kwh - lag(energy_register_kwh) OVER (PARTITION BY session_id ORDER BY measured_at) AS kwh
         FROM meter_values WHERE measured_at >= $1 AND measured_at < $2
     ),
     bought AS (SELECT s.fleet_id, d.isp, sum(d.kwh) AS kwh FROM deltas d JOIN sessions s ON s.id = d.session_id WHERE d.kwh IS NOT NULL GROUP BY 1, 2),
     base AS (
       SELECT s.fleet_id, bi.isp_start AS isp, sum(bi.energy_kwh) AS kwh
         FROM baseline_record_isps bi JOIN baseline_records br ON br.id = bi.baseline_record_id JOIN sessions s ON s.id = br.session_id
        WHERE bi.isp_start >= $1 AND bi.isp_start < $2 GROUP BY 1, 2
     )
     SELECT sum((coalesce(base.kwh, 0) - coalesce(bought.kwh, 0)) / 1000 * p.price_eur_per_mwh)::text AS total
       FROM bought FULL JOIN base USING (fleet_id, isp) JOIN settlement_prices p ON p.isp_start = isp
      GROUP BY fleet_id`,
    [DAY.start, DAY.end],
  );
  return rows.reduce((sum, row) => sum.plus(new Decimal(row.total).toDecimalPlaces(2, DEFAULT_CENTS_ROUNDING)), new Decimal(0));
}

async function run(options: BenchOptions, emit: (result: BenchResult) => void): Promise<void> {
  const sessions = options.sessions ?? 100_000;
  const config = loadConfig({ LOG_LEVEL: 'error' });
  const url = await scratchDatabaseUrl('vpp_bench_settle', { migrate: false });
  const dataSource = createDataSource(config, { url, poolSize: 4 });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seed(url, dataSource, sessions, config.dataDir);
    const portfolios = new SettlementPortfoliosReader();
    const meter = new SettlementMeterRepository();
    const issue = new IssuePortfolioStatementsUseCase(
      portfolios,
      meter,
      new SettlementPriceRepository(),
      new SettlementContractRepository(),
      new SettlementCountryRuleRepository(),
      new IssueStatementUseCase(new SettlementLedgerRepository()),
    );
    const ids = (await portfolios.all(dataSource.manager)).map((p) => p.id);

    // Timed: the meter stage and the statement stage of every portfolio, as the queued jobs run
    // them (one transaction each), two portfolios at a time like one worker at concurrency 2.
    const started = process.hrtime.bigint();
    const queue = [...ids];
    // Per stage, summed over portfolios (two run at once, so the sums exceed wall time).
    let meterNs = 0n;
    let statementsNs = 0n;
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const portfolioId = next;
        const t0 = process.hrtime.bigint();
        await dataSource.transaction((manager) => meter.aggregate(manager, portfolioId, DAY.range, true));
        const t1 = process.hrtime.bigint();
        const outcome = await dataSource.transaction((manager) => issue.execute(manager, portfolioId, DAY));
        meterNs += t1 - t0;
        statementsNs += process.hrtime.bigint() - t1;
        if (outcome.kind !== 'settled' || outcome.issued !== FLEETS_PER_PORTFOLIO) throw new Error(`portfolio ${portfolioId}: ${JSON.stringify(outcome)}`);
      }
    };
    await Promise.all([worker(), worker()]);
    const wallS = Number.parseInt((process.hrtime.bigint() - started).toString(), 10) / 1e9;

    const [ledger]: { total: string }[] = await dataSource.query(`SELECT sum(amount)::text AS total FROM settlement_ledger_entries WHERE section = 'revenue'`);
    const independent = await independentTotal(dataSource);
    const ledgerTotal = new Decimal(ledger.total);
    const label = { sessions, data: `DERIVED: ${SESSIONS_SOURCE} shapes; ASSUMED control (start 0-4 ISPs later); real prices ${PRICES_SOURCE} ${PRICE_DAY.isoDate}` };
    const seconds = (ns: bigint): number => Number.parseInt((ns / 10_000_000n).toString(), 10) / 100;
    emit({ metric: 'wall_s', value: Math.round(wallS * 100) / 100, unit: 's', meter_stage_s: seconds(meterNs), statement_stage_s: seconds(statementsNs), ...label });
    emit({ metric: 'peak_rss_mb', value: peakRssMb(), unit: 'MB', ...label });
    emit({ metric: 'totals_equal', value: ledgerTotal.equals(independent) ? 1 : 0, unit: 'bool', ledger_total_eur: ledgerTotal.toFixed(2), sql_total_eur: independent.toFixed(2), ...label });
  } finally {
    await dataSource.destroy();
  }
}

export const BENCH_CASES: BenchCase[] = [{ suite: 'settle', name: 'sessions-100000', run }];
