import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AuditLogRepository, type OrganisationKind } from '@vpp/access';
import { loadConfig } from '@vpp/config';
import { CANONICAL_SITE_PROFILE, EnsureFleetUseCase, ImportSessionsUseCase, withEanCheckDigit, type ImportedSession } from '@vpp/fleet';
import type { DayAheadPriceSeries } from '@vpp/markets';
import { keyedPseudonym } from '@vpp/privacy';
import { ALL_QUEUE_NAMES, buildIdempotencyKey, enqueueInTransaction, JobName, redisConnectionOptions, type JobRequest } from '@vpp/queues';
import { eventually, seedOrganisation } from '@vpp/testing';
import { Decimal, type DeliveryDay, type PriceEurPerMwh } from '@vpp/units';
import { replayedSessionsOf } from '../../apps/simulator/src/cpo/cpo-replay';
import { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { canonicalCsv } from '../../scripts/demo/derived-sessions';
import { DEMO_CONGESTION_AREAS } from '../../scripts/demo/grid-connections';

/** What the scenario talks to: the API and OCPI base URLs (one URL for the single process) and the deployment's database and Redis prefix. */
export interface Deployment {
  readonly label: string;
  readonly apiUrl: string;
  readonly dataSource: DataSource;
  readonly redisUrl: string;
  readonly queuePrefix: string;
}

/** The same inputs for both deployments. */
export interface ScenarioInputs {
  readonly day: DeliveryDay;
  /** The plan's known_at: a fixed instant before the run, so both deployments plan on exactly the same knowledge. */
  readonly knownAt: Date;
  /** The fleet owner's history (real ElaadNL sessions moved onto the 42 days before the day: DERIVED). */
  readonly history: readonly ImportedSession[];
  /** The past day the CPO's sessions happened on and the settlement close job settles. */
  readonly settleDay: DeliveryDay;
  /** What the simulated CPO pushes over OCPI, charging over `settleDay` (real sessions moved onto it: DERIVED). */
  readonly cpoSessions: readonly ImportedSession[];
  /** Day-ahead prices of `settleDay` (DERIVED from the nearest covered same weekday), for the settlement price table. */
  readonly settlePrices: DayAheadPriceSeries;
  readonly workDir: string;
}

/** What the scenario derived or assumed (no public data for it); listed in every summary. */
export const SCENARIO_DERIVED_INPUTS = [
  'history DERIVED: ElaadNL 2019 sessions of the same weekday moved onto each of the 42 days before the trading day (scripts/demo rule), copied to the fleet size',
  'CPO sessions DERIVED: ElaadNL 2019 sessions moved onto the settled day; their kWh over the day from apps/simulator\'s deterministic charging model',
  'day-ahead prices DERIVED: the nearest covered same weekday moved onto each day (scripts/demo rule); the DE-LU 15-minute series stands in for NL',
  'sites ASSUMED: the source charge points grouped into two fleet-owner sites; grid connections by the demo\'s rule, set over the API on each client\'s behalf',
  'settlement contract ASSUMED: 0.25 EUR per session to the CPO, then 60/40 aggregator/fleet owner; put over the API on the CPO\'s behalf',
  'settlement prices DERIVED: the day-ahead prices above, put over the API as the day\'s settlement prices',
] as const;

// The scenario's waits: states the deployment reaches, with deadlines generous for a loaded 2-core machine.
const WAIT_MS = 240_000;

type Caller = { readonly key?: string; readonly bearer?: string; readonly onBehalfOf?: string };

export async function callApi<T>(baseUrl: string, method: string, path: string, who: Caller, body?: unknown, expected: readonly number[] = [200, 201]): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (who.key !== undefined) headers['x-api-key'] = who.key;
  if (who.bearer !== undefined) headers.authorization = `Bearer ${who.bearer}`;
  if (who.onBehalfOf !== undefined) headers['x-on-behalf-of'] = who.onBehalfOf;
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return (text.length > 0 ? JSON.parse(text) : {}) as T;
}

interface Party {
  readonly organisationId: string;
  readonly key: string;
}

/** As the operator onboards a client: the organisation with its first admin, who logs in and makes an API key (all over HTTP). */
async function onboard(apiUrl: string, operatorKey: string, name: string, kind: OrganisationKind): Promise<Party> {
  const email = `admin@${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.services.example`;
  const password = randomBytes(18).toString('base64url');
  const organisation = await callApi<{ id: string }>(apiUrl, 'POST', '/v1/organisations', { key: operatorKey }, { name, kind, country: 'NL', admin: { email, password } }, [201]);
  const { accessToken } = await callApi<{ accessToken: string }>(apiUrl, 'POST', '/v1/auth/token', {}, { email, password }, [200]);
  const client = await callApi<{ id: string }>(apiUrl, 'POST', '/v1/api-clients', { bearer: accessToken }, { name: 'services test', role: 'admin' }, [201]);
  const key = await callApi<{ key: string }>(apiUrl, 'POST', `/v1/api-clients/${client.id}/keys`, { bearer: accessToken }, {}, [201]);
  return { organisationId: organisation.id, key: key.key };
}

// The demo's rule for a site's ASSUMED grid connection (scripts/demo/grid-connections.ts): at least 1 MW, never below its EVSEs.
const MIN_IMPORT_KW = new Decimal(1_000);

/**
 * The aggregator gives each of a client's sites its ASSUMED grid connection over the API, on the
 * client's behalf (X-On-Behalf-Of under its delegation): PUT /v1/sites/{id}/grid-connection with
 * the demo's rule (EAN from the site's number, import = export = max(1 MW, its EVSEs), fuse 1.25 x,
 * the first half of the sites in one congestion area, the rest in the other).
 */
async function connectSites(apiUrl: string, operator: Party, clientOrganisationId: string, siteIds: readonly string[], dso: string, siteOffset = 0): Promise<void> {
  const who = { key: operator.key, onBehalfOf: clientOrganisationId };
  for (const [index, siteId] of siteIds.entries()) {
    const chargePoints = await callApi<{ evses: { maxPowerKw: string }[] }[]>(apiUrl, 'GET', `/v1/sites/${siteId}/charge-points`, who, undefined, [200]);
    const evseKw = chargePoints.flatMap((cp) => cp.evses).reduce((sum, evse) => sum.plus(evse.maxPowerKw), new Decimal(0)).ceil();
    const importKw = Decimal.max(MIN_IMPORT_KW, evseKw);
    await callApi(apiUrl, 'PUT', `/v1/sites/${siteId}/grid-connection`, who, {
      ean: withEanCheckDigit(`8719990000${String(siteOffset + index + 1).padStart(7, '0')}`),
      importLimitKw: importKw.toFixed(), exportLimitKw: importKw.toFixed(), fuseLimitKw: importKw.times('1.25').ceil().toFixed(),
      dso, congestionArea: DEMO_CONGESTION_AREAS[index < siteIds.length / 2 ? 0 : 1],
    }, [201]);
  }
}

/** ASSUMED grouping for the test: the source's charge points spread over two sites of the fleet owner. */
function onServiceSite(session: ImportedSession): ImportedSession {
  const station = session.chargePointId ?? session.evseId ?? session.siteId;
  const site = `services-site-${(createHash('sha256').update(station).digest().readUInt32BE(0) % 2) + 1}`;
  const evse = `${site}/${station}`;
  return { ...session, siteId: site, evseId: evse, chargePointId: evse, vehicleId: null };
}

async function enqueue(dataSource: DataSource, job: JobRequest): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await enqueueInTransaction(manager, job);
  });
}

/**
 * The cross-process time seam: a job the platform enqueued through the outbox for a later instant
 * (a gate's prepare-at, its results time) is made due now, as if that instant had come. The job
 * itself (name, payload, idempotency key) is the one production enqueued.
 */
async function releaseDelayed(dataSource: DataSource, jobName: string, gateKey: string): Promise<number> {
  return count(
    dataSource,
    `WITH released AS (UPDATE outbox SET available_at = now() WHERE job_name = $1 AND payload->>'gateKey' = $2 AND published_at IS NULL RETURNING id)
     SELECT count(*) AS n FROM released`,
    [jobName, gateKey],
  );
}

async function count(dataSource: DataSource, sql: string, parameters: unknown[] = []): Promise<number> {
  const rows: { n: string }[] = await dataSource.query(sql, parameters);
  return Number.parseInt(rows[0]?.n ?? '0', 10);
}

/** Nothing due is left: every due outbox row published and no BullMQ job waiting or active in any queue. */
async function idle(deployment: Deployment, what: string): Promise<void> {
  await eventually(
    async () => {
      if ((await count(deployment.dataSource, `SELECT count(*) AS n FROM outbox WHERE published_at IS NULL AND available_at <= now()`)) > 0) return undefined;
      for (const name of ALL_QUEUE_NAMES) {
        const queue = new Queue(name, { connection: redisConnectionOptions(deployment.redisUrl, 'producer'), prefix: deployment.queuePrefix });
        try {
          const counts = await queue.getJobCounts('active', 'waiting', 'prioritized', 'waiting-children');
          if (Object.values(counts).some((n) => n > 0)) return undefined;
        } finally {
          await queue.close();
        }
      }
      return true;
    },
    `${deployment.label}: ${what}, then an idle outbox and idle queues`,
    WAIT_MS,
    250,
  );
}

export interface ScenarioRun {
  readonly portfolioId: string;
  readonly dayAheadGateKey: string;
  readonly fleetOwner: Party;
  readonly cpo: Party;
  readonly operator: Party;
}

/**
 * One small scenario the way production runs it, against either deployment:
 * 1. the aggregator (bootstrapped in the tables, as scripts/create-operator.ts does) onboards a fleet
 *    owner and a CPO over the API (organisation, admin login, API key);
 * 2. the fleet owner's history is imported with the platform's importer (what `npm run import:sessions` runs);
 * 3. the fleet owner delegates, the aggregator creates a day-ahead portfolio, pools the fleet owner's sites and gives
 *    them their grid connections on the fleet owner's behalf (API; the same for the CPO's sites in step 4);
 * 4. the CPO (apps/simulator SimulatedCpo) gets token A from the API, registers with the connector over OCPI 2.2.1,
 *    pushes its Locations and the Sessions of the past `settleDay` and reports their kWh hourly until COMPLETED
 *    (the connector stores meter values); the CPO delegates and the aggregator pools its sites (API);
 * 5. the planner job (`planning.plan-portfolio-day`, explicit day and known_at) plans the future `day` from forecasts;
 * 6. the market calendar job plans the gates; the day's day-ahead gate job and then its results job are made due
 *    (the outbox time seam above): bids built from the plan, submitted to the simulated exchange, awards collected;
 * 7. the aggregator puts a contract for the CPO's fleet (PUT /v1/fleets/{id}/settlement-contracts/{id}, on the CPO's
 *    behalf) and the day-ahead settlement prices of `settleDay` (PUT /v1/settlement-prices/day-ahead/NL/{day}; DERIVED
 *    prices), and the settlement close job (`settlement.close-day`, explicit day) runs the pipeline on the two settlement
 *    workers: meter aggregation, statements, ledger.
 * The markets run on a future day and settlement on a past one because the apps read the wall clock.
 */
export async function runScenario(deployment: Deployment, inputs: ScenarioInputs): Promise<ScenarioRun> {
  const { dataSource, apiUrl } = deployment;
  const { day, knownAt, settleDay } = inputs;
  const operator = await seedOrganisation(dataSource, 'operator');
  const fleetOwner = await onboard(apiUrl, operator.key, 'Services Fleet Owner', 'fleet_owner');
  const cpoParty = await onboard(apiUrl, operator.key, 'Services CPO', 'cpo');

  const historyFile = `${inputs.workDir}/history-${deployment.label}.csv`;
  writeFileSync(historyFile, canonicalCsv(inputs.history.map(onServiceSite)));
  const config = loadConfig();
  const report = await new ImportSessionsUseCase(dataSource, new EnsureFleetUseCase(), new AuditLogRepository(dataSource)).execute({
    path: historyFile,
    organisationId: fleetOwner.organisationId,
    fleetName: 'Services fleet',
    pseudonymise: (raw) => keyedPseudonym(config.privacy.hmacSecret, 'driver', raw),
    canonicalProfile: CANONICAL_SITE_PROFILE,
  });
  if (report.imported === 0) throw new Error(`${deployment.label}: no history imported (${JSON.stringify(report)})`);

  const validTo = new Date(Date.now() + 30 * 86_400_000).toISOString();
  await callApi(apiUrl, 'POST', '/v1/delegations', { key: fleetOwner.key }, { operatorOrganisationId: operator.organisationId, reason: 'services test: aggregation', validTo }, [201]);
  const portfolio = await callApi<{ id: string }>(apiUrl, 'POST', '/v1/portfolios', { key: operator.key }, { name: 'Services NL portfolio', biddingZone: 'NL', markets: ['day_ahead'] }, [201]);
  const sites: { id: string }[] = await dataSource.query(`SELECT id FROM sites WHERE organisation_id = $1 ORDER BY name, id`, [fleetOwner.organisationId]);
  for (const { id } of sites) await callApi(apiUrl, 'PUT', `/v1/portfolios/${portfolio.id}/sites/${id}`, { key: operator.key }, undefined, [200, 201, 204]);
  // ASSUMED grid connections (the demo's rule): the importer's sites have none.
  await connectSites(apiUrl, operator, fleetOwner.organisationId, sites.map((site) => site.id), 'Services DSO');
  await callApi(apiUrl, 'PUT', `/v1/portfolios/${portfolio.id}/prequalifications`, { key: operator.key }, { capacities: [{ product: 'day_ahead', capacityKw: '200' }] }, [200]);

  const cpo = new SimulatedCpo({ countryCode: 'NL', partyId: 'SVC', name: 'Services CPO', commandLatencyMs: 50, ignoreShare: 0 });
  await cpo.start();
  try {
    const { tokenA, versionsUrl } = await callApi<{ tokenA: string; versionsUrl: string }>(apiUrl, 'POST', '/v1/ocpi/parties', { key: operator.key }, { organisationId: cpoParty.organisationId, countryCode: 'NL', partyId: 'SVC' }, [201]);
    const answer = await cpo.register(versionsUrl, tokenA);
    if (answer.status !== 200) throw new Error(`${deployment.label}: OCPI registration failed, HTTP ${answer.status}`);
    await cpo.pushSessions(replayedSessionsOf(inputs.cpoSessions), settleDay.start);
    // The CPO reports each session's kWh hourly over the day (PATCH), COMPLETED at departure: the connector stores them as meter values.
    for (let at = settleDay.start.getTime() + 3_600_000; at <= settleDay.end.getTime(); at += 3_600_000) await cpo.reportChargingProgress(new Date(at));
  } finally {
    await cpo.stop();
  }
  await callApi(apiUrl, 'POST', '/v1/delegations', { key: cpoParty.key }, { operatorOrganisationId: operator.organisationId, reason: 'services test: aggregation', validTo }, [201]);
  const cpoSites: { id: string }[] = await dataSource.query(`SELECT id FROM sites WHERE organisation_id = $1 ORDER BY name, id`, [cpoParty.organisationId]);
  if (cpoSites.length === 0) throw new Error(`${deployment.label}: the CPO's Locations did not become sites`);
  for (const { id } of cpoSites) await callApi(apiUrl, 'PUT', `/v1/portfolios/${portfolio.id}/sites/${id}`, { key: operator.key }, undefined, [200, 201, 204]);
  await connectSites(apiUrl, operator, cpoParty.organisationId, cpoSites.map((site) => site.id), 'Services DSO', sites.length);

  await enqueue(dataSource, {
    name: JobName.PlanPortfolioDay,
    payload: { schemaVersion: 1, correlationId: 'services-test', idempotencyKey: buildIdempotencyKey('services-test', 'plan', day.isoDate), portfolioId: portfolio.id, deliveryDay: day.isoDate, knownAt: knownAt.toISOString() },
  });
  await eventually(
    async () => ((await count(dataSource, `SELECT count(*) AS n FROM plan_runs WHERE portfolio_id = $1 AND delivery_day = $2 AND status IN ('completed', 'failed')`, [portfolio.id, day.isoDate])) > 0 ? true : undefined),
    `${deployment.label}: the plan of ${day.isoDate}`,
    WAIT_MS,
    250,
  );

  await enqueue(dataSource, { name: JobName.PlanMarketCalendar, payload: { schemaVersion: 1, correlationId: 'services-test', idempotencyKey: buildIdempotencyKey('services-test', 'calendar'), trigger: 'manual' } });
  const gateKey = await eventually(
    async () => {
      const rows: { gate_key: string }[] = await dataSource.query(`SELECT gate_key FROM market_gates WHERE delivery_day = $1 AND market = 'day-ahead'`, [day.isoDate]);
      return rows[0]?.gate_key;
    },
    `${deployment.label}: the day-ahead gate of ${day.isoDate} in the calendar`,
    WAIT_MS,
    250,
  );
  await eventually(async () => ((await releaseDelayed(dataSource, JobName.PrepareMarketGate, gateKey)) === 1 ? true : undefined), `${deployment.label}: the prepare job of ${gateKey} in the outbox`, WAIT_MS, 250);
  await eventually(
    async () => {
      const rows: { status: string }[] = await dataSource.query(`SELECT status FROM market_gates WHERE gate_key = $1`, [gateKey]);
      return rows[0] !== undefined && rows[0].status !== 'scheduled' ? true : undefined;
    },
    `${deployment.label}: ${gateKey} prepared`,
    WAIT_MS,
    250,
  );
  const submitted = await count(dataSource, `SELECT count(*) AS n FROM gateway_submissions WHERE gate_key = $1`, [gateKey]);
  if (submitted > 0) {
    await eventually(async () => ((await releaseDelayed(dataSource, JobName.CollectGateResults, gateKey)) === 1 ? true : undefined), `${deployment.label}: the results job of ${gateKey}`, WAIT_MS, 250);
    await eventually(
      async () => ((await count(dataSource, `SELECT count(*) AS n FROM gateway_submissions WHERE gate_key = $1 AND status = 'submitted'`, [gateKey])) === 0 ? true : undefined),
      `${deployment.label}: results of ${gateKey} collected`,
      WAIT_MS,
      250,
    );
  }
  await idle(deployment, 'the market day');

  // The aggregator puts the CPO fleet's contract on the CPO's behalf and the day's settlement prices as itself (operator API).
  const fleets: { id: string }[] = await dataSource.query(`SELECT id FROM fleets WHERE organisation_id = $1`, [cpoParty.organisationId]);
  for (const fleet of fleets) {
    await callApi(apiUrl, 'PUT', `/v1/fleets/${fleet.id}/settlement-contracts/${randomUUID()}`, { key: operator.key, onBehalfOf: cpoParty.organisationId }, {
      validFrom: settleDay.plusDays(-1).start.toISOString(),
      validTo: null,
      aggregatorRef: operator.organisationId,
      vehicleOwnerRef: cpoParty.organisationId,
      terms: [
        { kind: 'cpo-fee-per-session', payee: { role: 'cpo', partyRef: cpoParty.organisationId }, rate: '0.25' },
        { kind: 'revenue-share', payee: { role: 'aggregator', partyRef: operator.organisationId }, rate: '60' },
        { kind: 'revenue-share', payee: { role: 'fleet-owner', partyRef: cpoParty.organisationId }, rate: '40' },
      ],
    }, [201]);
  }
  await callApi(apiUrl, 'PUT', `/v1/settlement-prices/day-ahead/NL/${settleDay.isoDate}`, { key: operator.key }, {
    source: 'services test: DERIVED day-ahead prices',
    prices: settleDay.isps().map((isp) => ({ intervalStart: isp.start.toISOString(), priceEurPerMwh: (inputs.settlePrices.priceFor(isp) as PriceEurPerMwh).value.toFixed() })),
  }, [201]);
  await enqueue(dataSource, {
    name: JobName.CloseDay,
    payload: { schemaVersion: 1, correlationId: 'services-test', idempotencyKey: buildIdempotencyKey('settlement', 'close-day', settleDay.isoDate, 'r0'), deliveryDay: settleDay.isoDate, revision: '0' },
  });
  await eventually(
    async () => ((await count(dataSource, `SELECT count(*) AS n FROM processed_jobs WHERE job_name = $1`, [JobName.IssueStatements])) > 0 ? true : undefined),
    `${deployment.label}: the statement stage of ${settleDay.isoDate}`,
    WAIT_MS,
    250,
  );
  await idle(deployment, 'the settlement of the day');
  return { portfolioId: portfolio.id, dayAheadGateKey: gateKey, fleetOwner, cpo: cpoParty, operator };
}

/**
 * What the scenario produced, with ids and timestamps left out (organisations named by role):
 * the plan, the day's gates, bids, submissions and awards, the settlement ledger per section,
 * stakeholder, market and kind, statements, OCPI and fleet sessions, and the jobs processed.
 */
export async function scenarioSummary(dataSource: DataSource, run: ScenarioRun, day: DeliveryDay): Promise<Record<string, unknown>> {
  const q = async (sql: string, parameters: unknown[]): Promise<Record<string, string>[]> => dataSource.query(sql, parameters);
  const role = (ref: string | null): string =>
    ref === run.operator.organisationId ? 'aggregator-org' : ref === run.fleetOwner.organisationId ? 'fleet-owner-org' : ref === run.cpo.organisationId ? 'cpo-org' : (ref ?? 'none');
  const plan = await q(
    `SELECT r.status, r.solver_status, r.reserve_status, r.known_at::text AS known_at,
            (SELECT count(*) FROM plan_portfolio_isps i WHERE i.plan_run_id = r.id)::text AS isps,
            (SELECT coalesce(sum(i.planned_kw), 0)::text FROM plan_portfolio_isps i WHERE i.plan_run_id = r.id) AS planned_kw_sum,
            (r.inputs_summary->>'liveSessions') AS live_sessions, (r.inputs_summary->>'forecastCohorts') AS forecast_cohorts
       FROM plan_runs r WHERE r.portfolio_id = $1 AND r.delivery_day = $2 ORDER BY r.known_at`,
    [run.portfolioId, day.isoDate],
  );
  const gates = await q(`SELECT market, product_code, status, count(*)::text AS n FROM market_gates WHERE delivery_day = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, [day.isoDate]);
  const bids = await q(`SELECT market, direction, status, count(*)::text AS n, min(period_start)::text AS first_period FROM bids WHERE delivery_day = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, [day.isoDate]);
  const submissions = await q(`SELECT counterparty, status, count(*)::text AS n FROM gateway_submissions WHERE gate_key = $1 GROUP BY 1, 2 ORDER BY 1, 2`, [run.dayAheadGateKey]);
  const awards = await q(
    `SELECT a.market, a.direction, count(*)::text AS n, sum(a.quantity_mw)::text AS mw, sum(a.quantity_mw * a.price)::text AS mw_times_price
       FROM market_awards a JOIN bids b ON b.id = a.bid_id WHERE b.delivery_day = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    [day.isoDate],
  );
  const statements = await q(
    `SELECT s.version::text AS version, s.status, s.net_revenue::text AS net_revenue, f.name AS fleet
       FROM settlement_statements s JOIN fleets f ON f.id = s.fleet_id WHERE s.portfolio_id = $1 ORDER BY f.name, s.version`,
    [run.portfolioId],
  );
  const ledgerRows = await q(
    `SELECT e.section, e.stakeholder_role, e.stakeholder_ref, e.market, e.kind, count(*)::text AS lines, sum(e.amount)::text AS amount, coalesce(sum(e.quantity), 0)::text AS quantity
       FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
      WHERE s.portfolio_id = $1 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    [run.portfolioId],
  );
  const ledger = ledgerRows.map((row) => ({ ...row, stakeholder_ref: role(row.stakeholder_ref) }));
  const allocation = await q(
    `SELECT e.stakeholder_role, e.stakeholder_ref, sum(e.amount)::text AS amount
       FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
      WHERE s.portfolio_id = $1 AND e.section = 'allocation' GROUP BY 1, 2 ORDER BY 1, 2`,
    [run.portfolioId],
  );
  const ocpi = await q(
    `SELECT (SELECT count(*) FROM ocpi_locations)::text AS locations, (SELECT count(*) FROM ocpi_sessions)::text AS ocpi_sessions,
            (SELECT count(*) FROM sessions s JOIN fleets f ON f.id = s.fleet_id WHERE f.organisation_id = $1)::text AS cpo_fleet_sessions,
            (SELECT count(*) FROM sessions s JOIN fleets f ON f.id = s.fleet_id WHERE f.organisation_id = $2)::text AS fleet_owner_sessions,
            (SELECT count(*) FROM meter_values mv JOIN sessions s ON s.id = mv.session_id JOIN fleets f ON f.id = s.fleet_id WHERE f.organisation_id = $1)::text AS cpo_meter_values`,
    [run.cpo.organisationId, run.fleetOwner.organisationId],
  );
  // Jobs whose runs do not depend on the wall clock (the calendar also plans today's gates, which the run's time decides).
  const jobs = await q(
    `SELECT job_name, count(*)::text AS n FROM processed_jobs
      WHERE job_name = ANY($1::text[]) OR (job_name = $2 AND idempotency_key = $3) GROUP BY 1 ORDER BY 1`,
    [
      [JobName.PlanPortfolioDay, JobName.CollectGateResults, JobName.PlanAwardedDispatch, JobName.CloseDay, JobName.AggregateMeter, JobName.IssueStatements],
      JobName.PrepareMarketGate,
      run.dayAheadGateKey,
    ],
  );
  return {
    day: day.isoDate,
    derived_inputs: SCENARIO_DERIVED_INPUTS,
    plan,
    gates,
    bids,
    submissions,
    awards,
    statements: { count: statements.length, rows: statements },
    ledger,
    allocation: allocation.map((row) => ({ ...row, stakeholder_ref: role(row.stakeholder_ref) })),
    ocpi: ocpi[0],
    jobs,
  };
}
