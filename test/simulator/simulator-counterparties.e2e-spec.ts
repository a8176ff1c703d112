import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@vpp/config';
import { EnsureFleetUseCase, UpsertExternalLocationUseCase } from '@vpp/fleet';
import { eventually, freePort, freshDatabase, startHttpTestApp } from '@vpp/testing';
import { PlatformModule } from '../../apps/platform/src/platform.module';
import { SimulatedCounterpartiesRunner } from '../../apps/simulator/src/counterparties/simulated-counterparties.module';
import { SimulatorModule } from '../../apps/simulator/src/simulator.module';
import { seedOrganisation } from '../access/access-test-app';

jest.setTimeout(90_000);

// A fresh database of this file's own: the platform runs an outbox relay and workers on it.
const DATABASE = 'vpp_test_simulator_app';

const startApp = (module: typeof PlatformModule | typeof SimulatorModule, appName: string, config: AppConfig, port = 0): Promise<NestFastifyApplication> =>
  startHttpTestApp([module], { appName, config, port });

describe('simulator app: configured CPOs and OCPP stations against the platform', () => {
  let platform: NestFastifyApplication;
  let simulator: NestFastifyApplication | null = null;
  let dataSource: DataSource;
  let fleetId: string;
  const partyIds = ['SA1', 'SB2'];
  const stationPrefix = `SIM-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const databaseUrl = await freshDatabase(DATABASE);
    // Picked up front: the platform's OCPI versions URL (in token A answers) must name it.
    const platformUrl = `http://127.0.0.1:${await freePort()}`;
    const platformConfig = loadConfig({
      DATABASE_URL: databaseUrl,
      OCPI_PUBLIC_BASE_URL: platformUrl,
      QUEUE_PREFIX: `{vpp-sim-${randomBytes(4).toString('hex')}}`,
      OUTBOX_POLL_INTERVAL_MS: '50',
      LOG_LEVEL: 'silent',
      FLEET_STALE_CHECK_INTERVAL_SECONDS: '0',
    });
    platform = await startApp(PlatformModule, 'platform-test', platformConfig, Number.parseInt(new URL(platformUrl).port, 10));
    dataSource = platform.get<DataSource>(getDataSourceToken());
    const operator = await seedOrganisation(dataSource, 'operator');
    // The depot the stations belong to: a fleet and a site of the operator registering them.
    const depot = await dataSource.transaction(async (manager) => {
      const fleet = await platform.get(EnsureFleetUseCase).execute(manager, { organisationId: operator.organisationId, name: 'simulated depot fleet' });
      const { siteId } = await platform.get(UpsertExternalLocationUseCase).execute(manager, {
        party: { countryCode: 'NL', partyId: operator.organisationId },
        externalLocationId: 'simulated-depot',
        organisationId: operator.organisationId,
        fleetId: fleet,
        name: 'simulated depot',
        country: 'NL',
        innovationCluster: 'depot',
        timezone: 'Europe/Amsterdam',
      });
      return { fleetId: fleet, siteId };
    });
    fleetId = depot.fleetId;
    const simulatorConfig = loadConfig({
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      SIMULATOR_CONNECTOR_URL: platformUrl,
      SIMULATOR_API_URL: platformUrl,
      SIMULATOR_API_KEY: operator.key,
      SIMULATOR_CPOS: '2',
      SIMULATOR_CPO_PARTY_IDS: partyIds.join(','),
      SIMULATOR_CPO_SESSIONS: '3',
      SIMULATOR_CPO_COMMAND_LATENCY_MS: '10',
      SIMULATOR_OCPP_STATIONS: '1',
      SIMULATOR_OCPP_STATION_PREFIX: stationPrefix,
      SIMULATOR_OCPP_FLEET_ID: depot.fleetId,
      SIMULATOR_OCPP_SITE_ID: depot.siteId,
      // 15-minute readings, 4 simulated hours per real second: the first session replays in seconds.
      SIMULATOR_OCPP_SPEEDUP: '14400',
      SIMULATOR_OCPP_METER_INTERVAL_S: '900',
    });
    simulator = await startApp(SimulatorModule, 'simulator-test', simulatorConfig);
  });

  afterAll(async () => {
    await simulator?.close();
    await platform.close();
  });

  it('registers two CPOs whose session ids collide, and keeps their sessions apart in the fleet model', async () => {
    const runner = (simulator as NestFastifyApplication).get(SimulatedCounterpartiesRunner);
    const { cpos } = await runner.started();

    expect(cpos.map((cpo) => cpo.identity.partyId)).toEqual(partyIds);
    const parties: { party_id: string; status: string; version: string }[] = await dataSource.query(
      `SELECT party_id, status, version FROM ocpi_parties WHERE party_id = ANY($1) ORDER BY party_id`,
      [partyIds],
    );
    expect(parties).toEqual(partyIds.map((party_id) => ({ party_id, status: 'registered', version: '2.2.1' })));
    const rows: { party_id: string; session_id: string; fleet_session_id: string }[] = await dataSource.query(
      `SELECT p.party_id, s.session_id, s.fleet_session_id FROM ocpi_sessions s JOIN ocpi_parties p ON p.id = s.ocpi_party_id
        WHERE p.party_id = ANY($1) ORDER BY s.session_id, p.party_id`,
      [partyIds],
    );
    expect(rows.map((r) => `${r.session_id}@${r.party_id}`)).toEqual(['S1', 'S2', 'S3'].flatMap((id) => partyIds.map((party) => `${id}@${party}`)));
    expect(new Set(rows.map((r) => r.fleet_session_id)).size).toBe(6);
    const fleet: { status: string; control_channel: string; c: string }[] = await dataSource.query(
      `SELECT status, control_channel, count(*)::text AS c FROM sessions WHERE id = ANY($1) GROUP BY status, control_channel`,
      [rows.map((r) => r.fleet_session_id)],
    );
    expect(fleet).toEqual([{ status: 'charging', control_channel: 'ocpi', c: '6' }]);
  });

  it('registers an OCPP station through the api whose replayed transaction becomes a finished session of the depot fleet', async () => {
    const runner = (simulator as NestFastifyApplication).get(SimulatedCounterpartiesRunner);
    const { stationIds } = await runner.started();
    await runner.stationsDone();

    expect(stationIds).toEqual([`${stationPrefix}-1`]);
    const rows: { status: string; fleet_id: string; session_status: string; readings: string; delivered: string; ocpp_version: string }[] = await dataSource.query(
      `SELECT t.status, s.fleet_id, s.status AS session_status, s.energy_delivered_kwh AS delivered, st.ocpp_version,
              (SELECT count(*) FROM meter_values m WHERE m.session_id = t.session_id)::text AS readings
         FROM ocpp_transactions t JOIN ocpp_stations st ON st.id = t.ocpp_station_id JOIN sessions s ON s.id = t.session_id
        WHERE st.station_id = $1`,
      [`${stationPrefix}-1`],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'finished', fleet_id: fleetId, ocpp_version: 'ocpp2.1' });
    expect(Number.parseInt(rows[0].readings, 10)).toBeGreaterThanOrEqual(3);
  });

  it('stops the CPOs and hangs up the stations when the simulator app closes', async () => {
    const app = simulator as NestFastifyApplication;
    const { cpos } = await app.get(SimulatedCounterpartiesRunner).started();
    const versionsUrl = cpos[0].issueTokenA().versionsUrl;

    await app.close();
    simulator = null;

    await expect(fetch(versionsUrl)).rejects.toThrow();
    const connected = await eventually(async () => {
      const rows: { connected: boolean }[] = await dataSource.query(`SELECT connected FROM ocpp_stations WHERE station_id = $1`, [`${stationPrefix}-1`]);
      return rows[0]?.connected === false ? rows[0].connected : undefined;
    }, 'the station marked disconnected');
    expect(connected).toBe(false);
  });
});
