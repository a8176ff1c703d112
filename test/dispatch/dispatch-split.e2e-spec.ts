import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { TsoFeedCredentials, TsoFeedWsServer } from '@vpp/dispatch';
import { EnsureFleetUseCase, UpsertExternalLocationUseCase, UpsertVehicleUseCase } from '@vpp/fleet';
import { RegisterStationUseCase, SendChargingCommandUseCase } from '@vpp/ocpp';
import { eventually, freePort, freshDatabase, startHttpTestApp } from '@vpp/testing';
import { PowerKw } from '@vpp/units';
import { ConnectorModule } from '../../apps/connector/src/connector.module';
import { DispatcherModule } from '../../apps/dispatcher/src/dispatcher.module';
import { SimulatedChargePoint } from '../../apps/simulator/src/charge-points/simulated-charge-point';
import { readAcnSimVehicles } from '../../apps/simulator/src/oem/acn-sim-vehicles.reader';
import { SimulatedOemCloud } from '../../apps/simulator/src/oem/simulated-oem-cloud';
import { SimulatorModule } from '../../apps/simulator/src/simulator.module';
import { seedOrganisation } from '../access/access-test-app';

jest.setTimeout(120_000);

// Its own database: three apps run outbox relays and workers on it.
const DATABASE = 'vpp_test_dispatch_split';
const OEM = 'sim-oem-split';
const WEBHOOK_SECRET = 'split-test-webhook-secret-0123456789';

describe('split deployment: the dispatcher app alone commands an OCPP station through the connector and an OEM vehicle through its cloud', () => {
  let connector: NestFastifyApplication;
  let dispatcher: NestFastifyApplication;
  let simulator: NestFastifyApplication | undefined;
  let cloud: SimulatedOemCloud;
  let dataSource: DataSource;
  let station: SimulatedChargePoint;
  let meterTimer: NodeJS.Timeout | undefined;
  let oemStateTimer: NodeJS.Timeout | undefined;
  let oemSessionId: string;
  let portfolioId: string;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const databaseUrl = await freshDatabase(DATABASE);
    const { vehicles } = readAcnSimVehicles(join(loadConfig({}).dataDir, 'ev-sessions-acn-caltech-2020-12-to-2021-06.csv'), 1);
    cloud = new SimulatedOemCloud({
      vehicles, clientId: `client-${OEM}`, clientSecret: 'client-secret', webhookUrl: 'http://127.0.0.1:9/unset', webhookSecret: WEBHOOK_SECRET,
      rateLimitPerMinute: 1_000, commandLatencyMs: 100, timeScale: 60,
    });
    const cloudUrl = await cloud.start(0);
    const connectorUrl = `http://127.0.0.1:${await freePort()}`;
    cloud.sendWebhooksTo(`${connectorUrl}/oem/webhooks/${OEM}`);
    const env = {
      DATABASE_URL: databaseUrl,
      // CPOs answer OCPI commands at the connector, whichever process recorded them.
      OCPI_PUBLIC_BASE_URL: connectorUrl,
      QUEUE_PREFIX: `{vpp-split-${randomBytes(4).toString('hex')}}`,
      OUTBOX_POLL_INTERVAL_MS: '50',
      LOG_LEVEL: 'silent',
      FLEET_STALE_CHECK_INTERVAL_SECONDS: '0',
      DISPATCH_CYCLE_MS: '500',
      DISPATCH_SESSION_REFRESH_S: '1',
      DISPATCH_TSO_WS_PORT: '0',
      OEM_CLOUDS: JSON.stringify([{
        name: OEM, baseUrl: cloudUrl, webhookSecret: WEBHOOK_SECRET, pollIntervalMs: 600_000, rateLimitPerMinute: 600,
        auth: { type: 'oauth-client-credentials', tokenUrl: `${cloudUrl}/oauth/token`, clientId: `client-${OEM}`, clientSecret: 'client-secret' },
      }]),
    };
    const config = loadConfig(env);
    connector = await startHttpTestApp([ConnectorModule], { appName: 'connector-split-test', config, port: Number.parseInt(new URL(connectorUrl).port, 10) });
    dispatcher = await startHttpTestApp([DispatcherModule], { appName: 'dispatcher-split-test', config });
    dataSource = connector.get<DataSource>(getDataSourceToken());
    const operator = await seedOrganisation(dataSource, 'operator');

    // A depot with one OCPP 2.1 station (its socket at the connector) charging an EV that needs 30 kWh.
    const depot = await dataSource.transaction(async (manager) => {
      const fleetId = await connector.get(EnsureFleetUseCase).execute(manager, { organisationId: operator.organisationId, name: 'split depot fleet' });
      const { siteId } = await connector.get(UpsertExternalLocationUseCase).execute(manager, {
        party: { countryCode: 'NL', partyId: operator.organisationId }, externalLocationId: 'split-depot', organisationId: operator.organisationId,
        fleetId, name: 'depot', country: 'NL', innovationCluster: 'depot', timezone: 'Europe/Amsterdam',
      });
      const vehicleId = await new UpsertVehicleUseCase().execute(manager, { fleetId, pseudonymousId: 'split-oem-car', oem: OEM, model: 'acn' });
      return { fleetId, siteId, vehicleId };
    });
    const stationId = `SPL-${randomUUID().slice(0, 8)}`;
    const password = `pw-${randomUUID()}`.slice(0, 40);
    await connector.get(RegisterStationUseCase).execute({
      stationId, organisationId: operator.organisationId, countryCode: 'NL', password, declaredBidirectional: false, fleetId: depot.fleetId, siteId: depot.siteId,
      evses: [{ evseNumber: 1, currentType: 'AC', phases: 3, maxPowerKw: PowerKw.of(11), bidirectional: false }],
    });
    station = new SimulatedChargePoint({ endpoint: `${connectorUrl.replace('http', 'ws')}/ocpp`, stationId, password, protocols: ['ocpp2.1'], bidirectional: false, maxPowerW: 11_000 });
    await station.connect();
    await station.boot();
    await station.startTransaction({ transactionId: 'tx-split', arrival: new Date(Date.now() - 60_000), departure: new Date(Date.now() + 8 * 3_600_000), energyNeedWh: 30_000 });
    await station.notifyChargingNeeds(0);
    meterTimer = setInterval(() => void station.reportMeterValues(new Date()).catch(() => undefined), 500);

    // An OEM-steered car at the same depot: its vehicle linked to the simulated cloud, its session on the `oem` channel.
    oemSessionId = randomUUID();
    await dataSource.transaction(async (m) => {
      const chargePointId = randomUUID();
      const evseId = randomUUID();
      await m.query(`INSERT INTO oem_links (id, organisation_id, vehicle_id, oem, account_hash, oem_vehicle_ref, created_at) VALUES ($1, $2, $3, $4, 'hash', $5, now())`, [randomUUID(), operator.organisationId, depot.vehicleId, OEM, vehicles[0].oemVehicleRef]);
      await m.query(`INSERT INTO charge_points (id, site_id, protocol, created_at) VALUES ($1, $2, 'ocpi', now())`, [chargePointId, depot.siteId]);
      await m.query(`INSERT INTO evses (id, charge_point_id, site_id, current_type, phases, max_power_kw, bidirectional, iso15118_20, created_at) VALUES ($1, $2, $3, 'AC', 3, 11, false, false, now())`, [evseId, chargePointId, depot.siteId]);
      await m.query(
        `INSERT INTO sessions (id, fleet_id, evse_id, vehicle_id, arrival_at, expected_departure_at, energy_need_kwh, energy_delivered_kwh, max_power_kw, status, control_channel, can_discharge, source, historical, last_seen_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, now() - interval '10 minutes', now() + interval '8 hours', 40, 0, 11, 'charging', 'oem', false, 'oem', false, now(), now(), now())`,
        [oemSessionId, depot.fleetId, evseId, depot.vehicleId],
      );
    });
    // The car's maker pushes its state (signed vehicle.state webhooks): the session's telemetry. Without
    // any, the dispatcher would rightly treat its draw as unknown and, past the grace window, send it nothing.
    const oemVehicleRef = vehicles[0].oemVehicleRef;
    oemStateTimer = setInterval(() => void cloud.pushState(oemVehicleRef).catch(() => undefined), 1_000);

    portfolioId = randomUUID();
    await dataSource.query(`INSERT INTO portfolios (id, organisation_id, name, bidding_zone, created_at, updated_at) VALUES ($1, $2, 'split aFRR pool', 'NL', now(), now())`, [portfolioId, operator.organisationId]);
    await dataSource.query(`INSERT INTO portfolio_markets (portfolio_id, market) VALUES ($1, 'afrr')`, [portfolioId]);
    await dataSource.query(`INSERT INTO portfolio_sites (portfolio_id, market, site_id, assigned_at) VALUES ($1, 'afrr', $2, now())`, [portfolioId, depot.siteId]);
    const feed = await dispatcher.get(TsoFeedCredentials).issue(portfolioId, 'simulated TSO');

    // The simulated TSO, started by the simulator app from its configuration (no CPO, no station of its own).
    simulator = await startHttpTestApp([SimulatorModule], {
      appName: 'simulator-split-test',
      config: loadConfig({
        DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', SIMULATOR_CONNECTOR_URL: connectorUrl, SIMULATOR_API_URL: connectorUrl, SIMULATOR_CPOS: '0', SIMULATOR_OCPP_STATIONS: '0',
        SIMULATOR_TSO_FEED_URL: `ws://127.0.0.1:${dispatcher.get(TsoFeedWsServer).port()}/tso-feed`, SIMULATOR_TSO_FEED_KEY: feed.apiKey,
        SIMULATOR_TSO_PORTFOLIO_ID: portfolioId, SIMULATOR_TSO_SPEEDUP: '8', SIMULATOR_TSO_AFRR_CAPACITY_MW: '0.1',
      }),
    });
  });

  afterAll(async () => {
    if (meterTimer) clearInterval(meterTimer);
    if (oemStateTimer) clearInterval(oemStateTimer);
    await simulator?.close();
    await station?.close();
    await dispatcher?.close();
    await connector?.close();
    await cloud?.stop();
  });

  it('the dispatcher holds no station socket, yet its setpoints reach the station through the connector and the meter follows', async () => {
    expect(() => dispatcher.get(SendChargingCommandUseCase, { strict: false })).toThrow();

    const setpoints = () => station.receivedProfiles.map((p) => p.chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0]);
    await eventually(async () => (setpoints().some((p) => (p.setpoint ?? 11_000) < 11_000) ? true : undefined), 'a lower setpoint at the station', 60_000);
    expect(setpoints().every((p) => p.operationMode === 'CentralSetpoint')).toBe(true);

    // The results came back in PostgreSQL: the connector's ocpp_commands row under the dispatcher's command id.
    const answered = await eventually(async () => {
      const rows: Array<{ status: string; latency_ms: number | null; ocpp_status: string }> = await dataSource.query(
        `SELECT d.status, d.latency_ms, o.status AS ocpp_status FROM dispatch_commands d JOIN sessions s ON s.id = d.session_id
           JOIN ocpp_commands o ON o.id::text = d.channel_command_id
          WHERE s.control_channel = 'ocpp' AND d.status = 'accepted'`,
      );
      return rows.length > 0 ? rows : undefined;
    }, 'an OCPP dispatch command answered through the connector', 60_000);
    expect(answered.every((r) => r.ocpp_status === 'accepted' && r.latency_ms !== null)).toBe(true);

    const followed = await eventually(async () => {
      const rows: Array<{ power_kw: string }> = await dataSource.query(
        `SELECT m.power_kw::text AS power_kw FROM meter_values m JOIN ocpp_transactions t ON t.session_id = m.session_id
          WHERE t.transaction_id = 'tx-split' ORDER BY m.measured_at DESC LIMIT 1`,
      );
      return rows.length === 1 && rows[0].power_kw !== '11.000' ? rows[0].power_kw : undefined;
    }, 'meter values at the new setpoint', 60_000);
    expect(setpoints().map((p) => (p.setpoint ?? Number.NaN) / 1000)).toContain(PowerKw.fromString(followed).toFloat64ForOptimisation());
  });

  it('OEM sessions get stop or charge-limit commands through the cloud; the webhook result is tracked on the dispatch command', async () => {
    const tracked = await eventually(async () => {
      const rows: Array<{ kind: string; status: string; command_type: string; oem_status: string; latency_ms: number | null }> = await dataSource.query(
        `SELECT d.kind, d.status, o.command_type, o.status AS oem_status, d.latency_ms FROM dispatch_commands d JOIN oem_commands o ON o.id::text = d.channel_command_id
          WHERE d.session_id = $1 AND d.status = 'accepted'`,
        [oemSessionId],
      );
      return rows.length > 0 ? rows : undefined;
    }, 'an OEM dispatch command applied and tracked', 60_000);
    for (const row of tracked) {
      expect(row.oem_status).toBe('applied');
      expect(row.latency_ms).not.toBeNull();
      expect(row.kind === 'stop' ? row.command_type === 'stop' : row.command_type === 'charge-limit').toBe(true);
    }
    expect(cloud.requests.commands).toBeGreaterThan(0);
    // The loop steered it on its reported state: meter values from the OEM's webhooks.
    const oemReadings: Array<{ n: string }> = await dataSource.query(`SELECT count(*)::text AS n FROM meter_values WHERE session_id = $1 AND source = 'oem'`, [oemSessionId]);
    expect(Number.parseInt(oemReadings[0].n, 10)).toBeGreaterThan(0);
    // The batches for the OEM were paced per cloud, not per CPO party.
    const parties: Array<{ party: string }> = await dataSource.query(`SELECT DISTINCT party FROM dispatch_command_batches WHERE channel = 'oem' AND portfolio_id = $1`, [portfolioId]);
    expect(parties).toEqual([{ party: OEM }]);
  });

  it('the simulated TSO from the simulator app feeds derived setpoints over the WebSocket', async () => {
    const rows: Array<{ n: string }> = await dataSource.query(`SELECT count(*)::text AS n FROM dispatch_setpoints WHERE portfolio_id = $1 AND transport = 'ws' AND outcome = 'accepted'`, [portfolioId]);
    expect(Number.parseInt(rows[0].n, 10)).toBeGreaterThan(0);
  });
});
