import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AccessModule } from '@vpp/access';
import { loadConfig } from '@vpp/config';
import { FlexibilityModule, PlanningJobsModule } from '@vpp/flexibility';
import { MarketsJobsModule } from '@vpp/markets';
import { JobName, QueueName, QueueProducers, QueuesModule, enqueueInTransaction } from '@vpp/queues';
import { baseUrlOf, databaseModules, eventually, freshDatabase, startHttpTestApp } from '@vpp/testing';
import { Decimal, DeliveryDay } from '@vpp/units';
import { PlanWorld, writePriceFile } from '../../libs/flexibility/test/plan-fixtures';
import { call, seedOrganisation, SeededOrganisation } from '../access/access-test-app';

// A database of its own: this app runs an outbox relay and the planning workers, so no other
// test file's jobs are taken, and none of ours by others.
const DATABASE = 'vpp_test_plans';

describe('plans API and the plan job through the queue (/v1/portfolios/:id/plans)', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let dataSource: DataSource;
  let operator: SeededOrganisation;
  let stranger: SeededOrganisation;
  let world: PlanWorld;
  let sessionId: string;
  let siteId: string;
  const day = DeliveryDay.containing(new Date()).next();

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const databaseUrl = await freshDatabase(DATABASE);
    // Hand-made prices for the day and the week before (the plan uses either, depending on the hour it runs).
    const prices = writePriceFile([day, day.plusDays(-7)].map((d) => ({ isoDate: d.isoDate, priceAtUtcHour: (h: number) => 50 + h })));
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: `{vpp-plans-${randomBytes(4).toString('hex')}}`,
      OUTBOX_POLL_INTERVAL_MS: '50',
      LOG_LEVEL: 'silent',
      PLANNING_DAY_AHEAD_PRICE_FILES: prices,
    });
    app = await startHttpTestApp(
      [...databaseModules(6), QueuesModule.forRoot({ app: 'planner' }), AccessModule, FlexibilityModule, MarketsJobsModule, PlanningJobsModule],
      { appName: 'plans-test', config },
    );
    baseUrl = baseUrlOf(app);
    dataSource = app.get<DataSource>(getDataSourceToken());

    operator = await seedOrganisation(dataSource, 'operator');
    stranger = await seedOrganisation(dataSource, 'operator');
    world = await new PlanWorld(dataSource, ['afrr', 'day_ahead'], operator.organisationId).create();
    const site = await world.site(22);
    siteId = site;
    const now = Date.now();
    sessionId = await world.session({
      evseId: await world.evse(site, 11),
      arrival: new Date(now - 3_600_000).toISOString(),
      departure: new Date(day.start.getTime() + 10 * 3_600_000).toISOString(),
      needKwh: 30,
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const completed = (runId: string, who = operator) =>
    eventually(async () => {
      const response = await call(baseUrl, 'GET', `/v1/portfolios/${world.portfolioId}/plans/${runId}`, { key: who.key });
      return response.status === 200 && (response.body.status === 'completed' || response.body.status === 'failed') ? response : undefined;
    }, 'the plan run finished', 60_000);

  it('accepts a plan request (202 with the run id), runs it on the planner queue and serves it per ISP, as JSON and CSV', async () => {
    const requested = await call(baseUrl, 'POST', `/v1/portfolios/${world.portfolioId}/plans`, { key: operator.key, body: { deliveryDay: day.isoDate } });
    expect(requested.status).toBe(202);
    const runId = requested.body.runId as string;
    expect(requested.body.status).toBe('queued');

    const run = await completed(runId);
    expect(run.body).toMatchObject({ id: runId, status: 'completed', deliveryDay: day.isoDate, slacksCount: 0 });
    expect((run.body.isps as unknown[]).length).toBe(day.ispCount);
    expect((run.body.inputsSummary as { plannedSessions: number }).plannedSessions).toBe(1);

    const json = await call(baseUrl, 'GET', `/v1/portfolios/${world.portfolioId}/plans/${runId}/schedule?limit=4`, { key: operator.key });
    expect(json.status).toBe(200);
    const items = json.body.items as { subjectRef: string; kind: string; powerKw: string }[];
    expect(items).toHaveLength(4);
    expect(items.every((item) => item.subjectRef === sessionId && item.kind === 'session')).toBe(true);
    expect(json.body.nextOffset).toBe(4);

    const csv = await fetch(`${baseUrl}/v1/portfolios/${world.portfolioId}/plans/${runId}/schedule?format=csv&limit=10000`, { headers: { 'x-api-key': operator.key } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('subject_ref,kind,site_id,isp_start,power_kw');
    // 30 kWh over the stored ISPs (power x 0.25 h).
    const kwh = lines.slice(1).reduce((sum, line) => sum.plus(new Decimal(line.split(',')[4]).times('0.25')), new Decimal(0));
    expect(kwh.minus(30).abs().lessThan('0.01')).toBe(true);
  }, 90_000);

  it('hides another tenant\'s plans and validates the delivery day', async () => {
    const requested = await call(baseUrl, 'POST', `/v1/portfolios/${world.portfolioId}/plans`, { key: stranger.key, body: { deliveryDay: day.isoDate } });
    expect([requested.status, requested.body.code]).toEqual([404, 'NOT_FOUND']);
    const bad = await call(baseUrl, 'POST', `/v1/portfolios/${world.portfolioId}/plans`, { key: operator.key, body: { deliveryDay: '2027-02-30' } });
    expect(bad.status).toBe(400);
  }, 30_000);

  it('the daily fan-out enqueues a plan for every portfolio, and a redelivered plan job leaves one plan', async () => {
    const before: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM plan_runs WHERE portfolio_id = $1`, [world.portfolioId]);
    // The fan-out plans at known_at = this minute; a run requested earlier at exactly hh:mm:00 would
    // share that known_at and (rightly) absorb the fanned-out job, so step past such a minute first.
    const knownAts: { t: Date }[] = await dataSource.query(`SELECT known_at AS t FROM plan_runs WHERE portfolio_id = $1`, [world.portfolioId]);
    await eventually(() => (knownAts.some((r) => r.t.getTime() === Math.floor(Date.now() / 60_000) * 60_000) ? undefined : true), 'a minute no earlier run is known at', 65_000);
    await dataSource.transaction((manager) =>
      enqueueInTransaction(manager, { name: JobName.SchedulePortfolioPlans, payload: { schemaVersion: 1, correlationId: 'plans-test', idempotencyKey: `plans-test.fan-out.${Date.now()}`, trigger: 'manual' } }),
    );
    const fanned = await eventually(async () => {
      const rows: { id: string; status: string; known_at: Date }[] = await dataSource.query(
        `SELECT id, status, known_at FROM plan_runs WHERE portfolio_id = $1 AND delivery_day = $2 ORDER BY created_at`,
        [world.portfolioId, day.isoDate],
      );
      return rows.length > before[0].n && rows[rows.length - 1].status === 'completed' ? rows[rows.length - 1] : undefined;
    }, 'the fanned-out run completed', 60_000);

    // The same job again (a redelivery with a new key, the same portfolio, day and known_at): still one run, unchanged.
    const rowsBefore: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM plan_session_isps WHERE plan_run_id = $1`, [fanned.id]);
    const againKey = `plans-test.again.${Date.now()}`;
    await dataSource.transaction((manager) =>
      enqueueInTransaction(manager, {
        name: JobName.PlanPortfolioDay,
        payload: { schemaVersion: 1, correlationId: 'plans-test', idempotencyKey: againKey, portfolioId: world.portfolioId, deliveryDay: day.isoDate, knownAt: fanned.known_at.toISOString() },
      }),
    );
    const queue = app.get(QueueProducers).queue(QueueName.Planning);
    await eventually(async () => ((await (await queue.getJob(againKey))?.getState()) === 'completed' ? true : undefined), 'the redelivered job completed', 30_000);
    const runs: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM plan_runs WHERE portfolio_id = $1 AND known_at = $2`, [world.portfolioId, fanned.known_at]);
    expect(runs[0].n).toBe(1);
    const rowsAfter: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM plan_session_isps WHERE plan_run_id = $1`, [fanned.id]);
    expect(rowsAfter[0].n).toBe(rowsBefore[0].n);
  }, 220_000);
  it("sets a site's behind-the-meter services (effective-dated), refuses a time-of-use table with a gap, and hides other tenants' sites", async () => {
    const tou = [
      { days: 'all', from: '00:00', to: '07:00', priceEurPerMwh: '120' },
      { days: 'all', from: '07:00', to: '24:00', priceEurPerMwh: '250.5' },
    ];
    const body = { effectiveFrom: '2030-01-01', peakShaving: { capacityTariffEurPerKwMonth: '4.25' }, tariff: { kind: 'time-of-use', periods: tou } };
    const set = await call(baseUrl, 'PUT', `/v1/sites/${siteId}/services`, { key: operator.key, body });
    expect(set.status).toBe(200);
    expect(set.body).toEqual([
      expect.objectContaining({ siteId, effectiveFrom: '2030-01-01', services: ['grid-limit', 'peak-shaving', 'time-of-use'], capacityTariffEurPerKwMonth: '4.25', touPeriods: tou }),
    ]);
    const gap = await call(baseUrl, 'PUT', `/v1/sites/${siteId}/services`, { key: operator.key, body: { ...body, tariff: { kind: 'time-of-use', periods: tou.slice(1) } } });
    expect([gap.status, gap.body.code]).toEqual([422, 'SITE_SERVICES_INVALID']);
    const foreign = await call(baseUrl, 'GET', `/v1/sites/${siteId}/services`, { key: stranger.key });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
    const listed = await call(baseUrl, 'GET', `/v1/sites/${siteId}/services`, { key: operator.key });
    expect((listed.body as unknown as unknown[]).length).toBe(1);
  }, 30_000);
});
