import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, ConfigModule, loadConfig } from '@vpp/config';
import { dataSourceOptions } from '@vpp/persistence';
import { MeterValuePartitions } from '@vpp/telemetry';
import { Isp } from '@vpp/units';
import { seedPortfolio } from '../../../../test/dispatch/dispatch-seed';
import { DispatchModule } from '../dispatch.module';
import { PortfolioSessionsLoader } from './portfolio-sessions.loader';

// The loader against the real fleet and telemetry tables of the shared test database.
describe('PortfolioSessionsLoader: telemetry of the sessions it loads', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    const config = loadConfig({ DISPATCH_INSTANCE_ID: `loader-${randomUUID().slice(0, 8)}`, DISPATCH_LOOP_ENABLED: 'false' });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => dataSourceOptions(c, { poolSize: 2 }) }), DispatchModule],
    })
      .overrideProvider(APP_CONFIG)
      .useValue(config)
      .compile();
    app = await moduleRef.init();
    dataSource = app.get<DataSource>(getDataSourceToken());
  });

  afterAll(async () => {
    await app.close();
  });

  it('a session without any meter value has an unknown draw: estimated at its baseline, telemetry as old as its arrival', async () => {
    const party = { countryCode: 'NL', partyId: `L${randomUUID().slice(0, 8)}` };
    const now = new Date();
    const seeded = await seedPortfolio(
      dataSource,
      [
        { channel: 'ocpi', maxKw: '11', needKwh: '40', party, meterKw: null },
        { channel: 'ocpi', maxKw: '22', needKwh: '60', party, meterKw: '7.5' },
      ],
      now,
    );
    const loaded = await app.get(PortfolioSessionsLoader, { strict: false }).load(seeded.portfolioId, now);
    const byId = new Map(loaded.sessions.map((s) => [s.sessionId, s]));
    const [silent, metered] = seeded.sessionIds.map((id) => byId.get(id));
    const arrivals: Array<{ id: string; arrival_at: Date }> = await dataSource.query(`SELECT id, arrival_at FROM sessions WHERE id = ANY($1::uuid[])`, [seeded.sessionIds]);
    const arrivalS = (arrivals.find((r) => r.id === seeded.sessionIds[0]) as { arrival_at: Date }).arrival_at.getTime() / 1000;

    // Not "fresh and drawing 0 kW": flagged as unmeasured, counted at its baseline (11 kW, need open), and
    // its telemetry time is its arrival (10 minutes ago in the seed), so the monitor's grace window runs from there.
    expect(silent).toMatchObject({ measured: false, measuredKw: 11, baselineKw: 11, telemetryAtS: arrivalS, channel: 'ocpi', latencyParty: `NL*${party.partyId}` });
    expect(arrivalS).toBeLessThan(now.getTime() / 1000 - 300);
    // A session with a meter value carries the reading and its time.
    expect(metered).toMatchObject({ measured: true, measuredKw: 7.5, baselineKw: 22, telemetryAtS: now.getTime() / 1000 });
  });

  it('a session whose need nobody stated is not ours to slow down: its target is all it could draw by departure', async () => {
    const now = new Date();
    const seeded = await seedPortfolio(dataSource, [{ channel: 'ocpi', maxKw: '11', needKwh: '40', party: { countryCode: 'NL', partyId: 'CPO' } }], now);
    await dataSource.query(`UPDATE sessions SET energy_need_kwh = NULL, energy_delivered_kwh = 2.5 WHERE id = $1`, [seeded.sessionIds[0]]);
    const loaded = await app.get(PortfolioSessionsLoader, { strict: false }).load(seeded.portfolioId, now);
    const [session] = loaded.sessions;
    // The seed's dwell is 10 min before now to 8 h after: 8 h 10 min at 11 kW on top of the 2.5 kWh delivered.
    expect(session.baselineKw).toBe(11);
    expect(session.targetKwh).toBeCloseTo(2.5 + 11 * (8 + 10 / 60), 9);
  });

  it("the driver's stated need and departure win over what the CPO reported, as in the planner", async () => {
    const now = new Date();
    const seeded = await seedPortfolio(dataSource, [{ channel: 'ocpi', maxKw: '11', needKwh: '40', party: { countryCode: 'NL', partyId: 'CPO' } }], now);
    const departure = new Date(now.getTime() + 2 * 3600_000);
    await dataSource.query(
      `INSERT INTO mobility_needs (id, organisation_id, session_id, departure_at, energy_need_kwh, source, set_by_type, set_by_id, set_at, version)
       VALUES (gen_random_uuid(), $1, $2, $3, 12.5, 'driver-app', 'api_client', gen_random_uuid(), $4, 1)`,
      [seeded.organisationId, seeded.sessionIds[0], departure, now],
    );
    const loaded = await app.get(PortfolioSessionsLoader, { strict: false }).load(seeded.portfolioId, now);
    expect(loaded.sessions[0]).toMatchObject({ targetKwh: 12.5, departureS: departure.getTime() / 1000, boost: false });
  });

  it('a session whose arrival lies ahead is not loaded until its car is there', async () => {
    const now = new Date();
    const seeded = await seedPortfolio(dataSource, [{ channel: 'ocpi', maxKw: '11', needKwh: '20', party: { countryCode: 'NL', partyId: 'CPO' } }], now);
    const loader = app.get(PortfolioSessionsLoader, { strict: false });
    // The seed's arrival is 10 minutes before `now`: 20 minutes before, the car is not there yet.
    expect((await loader.load(seeded.portfolioId, new Date(now.getTime() - 20 * 60_000))).sessions).toHaveLength(0);
    expect((await loader.load(seeded.portfolioId, now)).sessions.map((s) => s.sessionId)).toEqual(seeded.sessionIds);
  });

  it('a session whose need is met and that never reported is estimated at 0 kW baseline, still flagged unmeasured', async () => {
    const now = new Date();
    const seeded = await seedPortfolio(dataSource, [{ channel: 'ocpi', maxKw: '11', needKwh: '0', party: { countryCode: 'NL', partyId: 'CPO' }, meterKw: null }], now);
    const loaded = await app.get(PortfolioSessionsLoader, { strict: false }).load(seeded.portfolioId, now);
    expect(loaded.sessions).toHaveLength(1);
    expect(loaded.sessions[0]).toMatchObject({ measured: false, measuredKw: 0, baselineKw: 0 });
  });

  it('a planned session follows its power in the latest plan covering the ISP (0 kW where the plan has none); one arrived after the plan charges uncontrolled', async () => {
    const now = new Date();
    const party = { countryCode: 'NL', partyId: 'CPO' };
    const seeded = await seedPortfolio(dataSource, [{ channel: 'ocpi', maxKw: '11', needKwh: '20', party }, { channel: 'ocpi', maxKw: '11', needKwh: '20', party }, { channel: 'ocpi', maxKw: '11', needKwh: '20', party }], now);
    const [followed, later, unplanned] = seeded.sessionIds;
    const isp = Isp.containing(now);
    const plan = async (knownAt: Date, isps: Date[], rows: Array<[string, Date, string]>): Promise<void> => {
      const runId = randomUUID();
      await dataSource.query(
        `INSERT INTO plan_runs (id, portfolio_id, delivery_day, known_at, status, created_at, updated_at) VALUES ($1, $2, $3, $4, 'completed', $4, $4)`,
        [runId, seeded.portfolioId, isp.start.toISOString().slice(0, 10), knownAt],
      );
      for (const [k, start] of isps.entries()) {
        await dataSource.query(
          `INSERT INTO plan_portfolio_isps (plan_run_id, isp_start, isp_number, planned_kw, up_available_kw, down_available_kw, battery_min_kw, battery_max_kw, battery_earliest_kwh, battery_latest_kwh)
           VALUES ($1, $2, $3, 0, 0, 0, 0, 0, 0, 0)`,
          [runId, start, k + 1],
        );
      }
      for (const [sessionId, start, kw] of rows) {
        await dataSource.query(`INSERT INTO plan_session_isps (plan_run_id, subject_ref, site_id, kind, isp_start, power_kw) VALUES ($1, $2, $3, 'session', $4, $5)`, [runId, sessionId, seeded.siteId, start, kw]);
      }
    };
    const next = new Date(isp.end.getTime());
    // The plan followed: known an hour ago, covering this ISP and the next.
    await plan(new Date(now.getTime() - 3600_000), [isp.start, next], [[followed, isp.start, '7.500'], [later, next, '11.000']]);
    // Ignored: a later plan that does not cover this ISP, and one not known yet.
    await plan(new Date(now.getTime() - 60_000), [next], [[followed, next, '3.000']]);
    await plan(new Date(now.getTime() + 60_000), [isp.start, next], [[followed, isp.start, '1.000']]);
    const loaded = await app.get(PortfolioSessionsLoader, { strict: false }).load(seeded.portfolioId, now);
    const baselineOf = new Map(loaded.sessions.map((s) => [s.sessionId, s.baselineKw]));
    expect(baselineOf.get(followed)).toBe(7.5);
    expect(baselineOf.get(later)).toBe(0);
    expect(baselineOf.get(unplanned)).toBe(11);
  });

  it('judges laxity against the most the car has drawn: a 3.4 kW car on a 22 kW EVSE is not left to catch up at 22 kW', async () => {
    const now = new Date();
    const party = { countryCode: 'NL', partyId: 'CPO' };
    const seeded = await seedPortfolio(
      dataSource,
      [{ channel: 'ocpi', maxKw: '22', needKwh: '10', party, meterKw: '3.4' }, { channel: 'ocpi', maxKw: '22', needKwh: '10', party, meterKw: '0.5' }, { channel: 'ocpi', maxKw: '22', needKwh: '10', party, meterKw: '11' }],
      now,
    );
    await dataSource.query(`UPDATE sessions SET max_power_kw = NULL WHERE id = ANY($1::uuid[])`, [seeded.sessionIds]);
    const loaded = await app.get(PortfolioSessionsLoader, { strict: false }).load(seeded.portfolioId, now);
    const [slow, idle, fast] = seeded.sessionIds.map((id) => loaded.sessions.find((s) => s.sessionId === id));
    // Commands and the band keep the EVSE's 22 kW; laxity uses 3.4 kW.
    expect(slow).toMatchObject({ maxKw: 3.4, bandMaxKw: 22, baselineKw: 22 });
    // A reading below 1 kW may be idle or tapering, but with nothing stated it is the best evidence of
    // the car's maximum, and it is below the 6-A bound (1.38 kW) some real cars undercut: never overestimated.
    expect(idle).toMatchObject({ maxKw: 0.5, bandMaxKw: 22 });
    expect(fast).toMatchObject({ maxKw: 11, bandMaxKw: 22 });
  });

  it('keeps each car\'s maximum across refreshes, reading only what came since: a higher reading raises it, a lower one does not', async () => {
    const now = new Date();
    const seeded = await seedPortfolio(dataSource, [{ channel: 'ocpi', maxKw: '22', needKwh: '30', party: { countryCode: 'NL', partyId: 'CPO' }, meterKw: '3.4' }], now);
    const [sessionId] = seeded.sessionIds;
    await dataSource.query(`UPDATE sessions SET max_power_kw = NULL WHERE id = $1`, [sessionId]);
    const loader = app.get(PortfolioSessionsLoader, { strict: false });
    const maxAt = async (at: Date) => (await loader.load(seeded.portfolioId, at)).sessions[0].maxKw;
    const reading = (offsetMs: number, kw: string) =>
      dataSource.query(`INSERT INTO meter_values (session_id, measured_at, power_kw, energy_register_kwh, source) VALUES ($1, $2, $3, 0, 'ocpi')`, [sessionId, new Date(now.getTime() + offsetMs), kw]);
    await new MeterValuePartitions(dataSource).ensure([new Date(now.getTime() + 3600_000).toISOString().slice(0, 10)]);
    expect(await maxAt(now)).toBe(3.4);
    await reading(60_000, '7.2');
    expect(await maxAt(new Date(now.getTime() + 15 * 60_000))).toBe(7.2);
    // The next load reads from 5 minutes after the 7.2 kW reading on: only the kept maximum remembers it.
    await reading(16 * 60_000, '2');
    expect(await maxAt(new Date(now.getTime() + 17 * 60_000))).toBe(7.2);
  });
});
