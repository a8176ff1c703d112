import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { TsoFeedCredentials, TsoFeedWsServer } from '@vpp/dispatch';
import { EnsureFleetUseCase, UpsertExternalLocationUseCase } from '@vpp/fleet';
import { RegisterStationUseCase } from '@vpp/ocpp';
import { eventually, freePort, freshDatabase, startHttpTestApp } from '@vpp/testing';
import { PowerKw } from '@vpp/units';
import { PlatformModule } from '../../apps/platform/src/platform.module';
import { SimulatedChargePoint } from '../../apps/simulator/src/charge-points/simulated-charge-point';
import { SimulatedCounterpartiesRunner } from '../../apps/simulator/src/counterparties/simulated-counterparties.module';
import { SimulatorModule } from '../../apps/simulator/src/simulator.module';
import { SimulatedTso } from '../../apps/simulator/src/tso/simulated-tso';
import { seedOrganisation } from '../access/access-test-app';

jest.setTimeout(120_000);

// Its own database: the platform runs an outbox relay, workers and the dispatcher's loops on it.
const DATABASE = 'vpp_test_dispatch_loop';

describe('dispatcher end to end: simulated TSO -> loop -> OCPI CPO and OCPP station -> meter values', () => {
  let platform: NestFastifyApplication;
  let simulator: NestFastifyApplication;
  let dataSource: DataSource;
  let station: SimulatedChargePoint;
  let tso: SimulatedTso | null = null;
  let meterTimer: NodeJS.Timeout | undefined;
  let platformUrl: string;
  let feedKey: string;
  const partyId = 'DSP';

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const databaseUrl = await freshDatabase(DATABASE);
    platformUrl = `http://127.0.0.1:${await freePort()}`;
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      OCPI_PUBLIC_BASE_URL: platformUrl,
      QUEUE_PREFIX: `{vpp-dispatch-${randomBytes(4).toString('hex')}}`,
      OUTBOX_POLL_INTERVAL_MS: '50',
      LOG_LEVEL: 'silent',
      FLEET_STALE_CHECK_INTERVAL_SECONDS: '0',
      DISPATCH_CYCLE_MS: '500',
      DISPATCH_SESSION_REFRESH_S: '1',
      DISPATCH_TSO_WS_PORT: '0',
    });
    platform = await startHttpTestApp([PlatformModule], { appName: 'platform-dispatch-test', config, port: Number.parseInt(new URL(platformUrl).port, 10) });
    dataSource = platform.get<DataSource>(getDataSourceToken());
    const operator = await seedOrganisation(dataSource, 'operator');
    simulator = await startHttpTestApp([SimulatorModule], {
      appName: 'simulator-dispatch-test',
      config: loadConfig({
        DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', SIMULATOR_CONNECTOR_URL: platformUrl, SIMULATOR_API_URL: platformUrl, SIMULATOR_API_KEY: operator.key,
        SIMULATOR_CPOS: '1', SIMULATOR_CPO_PARTY_IDS: partyId, SIMULATOR_CPO_SESSIONS: '3', SIMULATOR_CPO_COMMAND_LATENCY_MS: '10', SIMULATOR_OCPP_STATIONS: '0',
      }),
    });
    await simulator.get(SimulatedCounterpartiesRunner).started();

    // A depot with one OCPP 2.1 station of our own, charging an EV that needs 30 kWh within 8 hours.
    const depot = await dataSource.transaction(async (manager) => {
      const fleetId = await platform.get(EnsureFleetUseCase).execute(manager, { organisationId: operator.organisationId, name: 'depot fleet' });
      const { siteId } = await platform.get(UpsertExternalLocationUseCase).execute(manager, {
        party: { countryCode: 'NL', partyId: operator.organisationId }, externalLocationId: 'dispatch-depot', organisationId: operator.organisationId,
        fleetId, name: 'depot', country: 'NL', innovationCluster: 'depot', timezone: 'Europe/Amsterdam',
      });
      return { fleetId, siteId };
    });
    const stationId = `DSP-${randomUUID().slice(0, 8)}`;
    const password = `pw-${randomUUID()}`.slice(0, 40);
    await platform.get(RegisterStationUseCase).execute({
      stationId, organisationId: operator.organisationId, countryCode: 'NL', password, declaredBidirectional: false, fleetId: depot.fleetId, siteId: depot.siteId,
      evses: [{ evseNumber: 1, currentType: 'AC', phases: 3, maxPowerKw: PowerKw.of(11), bidirectional: false }],
    });
    station = new SimulatedChargePoint({ endpoint: `${platformUrl.replace('http', 'ws')}/ocpp`, stationId, password, protocols: ['ocpp2.1'], bidirectional: false, maxPowerW: 11_000 });
    await station.connect();
    await station.boot();
    await station.startTransaction({ transactionId: 'tx-dispatch', arrival: new Date(Date.now() - 60_000), departure: new Date(Date.now() + 8 * 3_600_000), energyNeedWh: 30_000 });
    await station.notifyChargingNeeds(0);
    meterTimer = setInterval(() => void station.reportMeterValues(new Date()).catch(() => undefined), 500);

    // The portfolio: the CPO's sites and the depot, sold on aFRR, with a TSO feed.
    const sites: Array<{ site_id: string }> = await dataSource.query(
      `SELECT DISTINCT e.site_id FROM sessions s JOIN evses e ON e.id = s.evse_id WHERE s.control_channel = 'ocpi' UNION SELECT $1::uuid`,
      [depot.siteId],
    );
    expect(sites.length).toBeGreaterThanOrEqual(2);
    const portfolioId = randomUUID();
    await dataSource.query(`INSERT INTO portfolios (id, organisation_id, name, bidding_zone, created_at, updated_at) VALUES ($1, $2, 'aFRR pool', 'NL', now(), now())`, [portfolioId, operator.organisationId]);
    await dataSource.query(`INSERT INTO portfolio_markets (portfolio_id, market) VALUES ($1, 'afrr')`, [portfolioId]);
    for (const { site_id } of sites) await dataSource.query(`INSERT INTO portfolio_sites (portfolio_id, market, site_id, assigned_at) VALUES ($1, 'afrr', $2, now())`, [portfolioId, site_id]);
    const feed = await platform.get(TsoFeedCredentials).issue(portfolioId, 'simulated TSO');
    feedKey = feed.apiKey;

    tso = new SimulatedTso({
      portfolioId, apiKey: feed.apiKey, transport: { kind: 'ws', endpoint: `ws://127.0.0.1:${platform.get(TsoFeedWsServer).port()}/tso-feed` },
      frequencyFile: join(config.dataDir, 'frequency-ce-pmu-2019-03-19-part1.csv'),
      // 100 kW of aFRR against a fleet of about 40 kW: the derived up-regulation asks every session to give way.
      afrrCapacityMw: 0.1, sendFrequency: false, speedup: 8, maxSetpoints: 40,
    });
  });

  afterAll(async () => {
    if (meterTimer) clearInterval(meterTimer);
    await tso?.close();
    await station?.close();
    await simulator?.close();
    await platform?.close();
  });

  it('drives derived aFRR setpoints into the loop; profiles reach the CPO (caps only), setpoints the station, and meter values follow', async () => {
    const run = (tso as SimulatedTso).run();
    const cpo = (await simulator.get(SimulatedCounterpartiesRunner).started()).cpos[0];

    // OCPI: SetChargingProfile PUTs arrive at the simulated CPO, every one a max limit >= 0.
    await eventually(async () => (cpo.received.length > 0 ? true : undefined), 'a charging profile at the CPO', 45_000);
    expect(cpo.received.every((p) => typeof p.limit === 'number' && p.limit >= 0)).toBe(true);
    // OCPP: the station gets CentralSetpoints (the first may hand out its baseline), then one below what it drew.
    const setpointsKw = () => station.receivedProfiles.map((p) => p.chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0]);
    await eventually(async () => (setpointsKw().some((p) => (p.setpoint ?? 11_000) < 11_000) ? true : undefined), 'a lower setpoint at the station', 45_000);
    expect(setpointsKw().every((p) => p.operationMode === 'CentralSetpoint')).toBe(true);
    const followed = await eventually(async () => {
      const rows: Array<{ power_kw: string }> = await dataSource.query(
        `SELECT m.power_kw::text AS power_kw FROM meter_values m JOIN ocpp_transactions t ON t.session_id = m.session_id
          WHERE t.transaction_id = 'tx-dispatch' ORDER BY m.measured_at DESC LIMIT 1`,
      );
      return rows.length === 1 && rows[0].power_kw !== '11.000' ? rows[0].power_kw : undefined;
    }, 'meter values at the new setpoint', 45_000);
    expect(setpointsKw().map((p) => (p.setpoint ?? Number.NaN) / 1000)).toContain(
      PowerKw.fromString(followed).toFloat64ForOptimisation(),
    );

    const summary = await run;
    expect(summary.label).toBe('derived');
    expect(summary.outcomes['afrr-setpoint:accepted']).toBe(40);
    const commands: Array<{ control_channel: string; kind: string; status: string; n: string }> = await dataSource.query(
      `SELECT s.control_channel, c.kind, c.status, count(*)::text AS n FROM dispatch_commands c JOIN sessions s ON s.id = c.session_id
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    // OCPI sessions only ever get limits; OCPP 2.1 gets setpoints; every command reached its channel
    // (OCPI: sent, or accepted once the CPO's async result came back and a session refresh copied it).
    expect(commands.filter((c) => c.control_channel === 'ocpi').every((c) => c.kind === 'limit' && ['sent', 'accepted'].includes(c.status))).toBe(true);
    expect(commands.some((c) => c.control_channel === 'ocpi')).toBe(true);
    expect(commands.some((c) => c.control_channel === 'ocpp')).toBe(true);
    await eventually(async () => {
      const open: Array<{ n: string }> = await dataSource.query(`SELECT count(*)::text AS n FROM dispatch_commands WHERE status = 'sent'`);
      return open[0].n === '0' ? true : undefined;
    }, 'every OCPI result copied onto its dispatch command', 45_000);
    expect(commands.filter((c) => c.control_channel === 'ocpp').every((c) => c.kind === 'setpoint' && c.status === 'accepted')).toBe(true);
    const tracking: Array<{ activation: string; cycles: number; requested_kwh: string; net_kwh: string; target_kwh: string }> = await dataSource.query(
      `SELECT activation, cycles, (requested_up_kwh + requested_down_kwh)::text AS requested_kwh, (requested_down_kwh - requested_up_kwh)::text AS net_kwh, target_kwh::text
         FROM dispatch_tracking_isps`,
    );
    expect(tracking.some((t) => t.activation === 'afrr' && t.cycles > 0)).toBe(true);
    // The ISP ledger books the activation by direction, and its net is the target.
    expect(tracking.some((t) => t.activation === 'afrr' && t.requested_kwh !== '0.000000')).toBe(true);
    for (const t of tracking) expect(t.net_kwh).toBe(t.target_kwh);
  });

  it('takes the same messages over HTTP with the feed key, and refuses other keys', async () => {
    const post = (key: string, body: unknown) =>
      fetch(`${platformUrl}/v1/dispatch/tso-feed/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(body) });
    const now = new Date().toISOString();
    const messages = {
      messages: [
        { type: 'afrr-setpoint', sequence: 1, issuedAt: now, setpointMw: 0.01 },
        { type: 'frequency', measuredAt: now, frequencyHz: 49.95 },
        { type: 'positions', positions: [{ ispStart: now, positionKw: 12.5 }] },
      ],
    };
    const refused = await post(`${feedKey.slice(0, -4)}AAAA`, messages);
    expect(refused.status).toBe(401);
    const taken = await post(feedKey, messages);
    expect(taken.status).toBe(200);
    // Sequence 1 is older than the simulated TSO's (epoch-ms based) sequences: ignored and counted.
    expect(((await taken.json()) as { outcomes: string[] }).outcomes).toEqual(['out-of-order', 'accepted', 'accepted']);
    expect((await post(feedKey, { type: 'afrr-setpoint', sequence: 'x' })).status).toBe(400);
  });
});
