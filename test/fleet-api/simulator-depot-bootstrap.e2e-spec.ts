import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@vpp/config';
import { eventually, freePort, freshDatabase, startHttpTestApp } from '@vpp/testing';
import { PlatformModule } from '../../apps/platform/src/platform.module';
import { SimulatedCounterpartiesRunner } from '../../apps/simulator/src/counterparties/simulated-counterparties.module';
import { SimulatorModule } from '../../apps/simulator/src/simulator.module';
import { seedOrganisation, SeededOrganisation } from '../access/access-test-app';
import { callerFor } from './fleet-api-test-app';

jest.setTimeout(120_000);

// A database of this file's own: the platform runs an outbox relay and workers on it.
const DATABASE = 'vpp_test_fleet_api_depot';

const startApp = (module: typeof PlatformModule | typeof SimulatorModule, appName: string, config: AppConfig, port = 0): Promise<NestFastifyApplication> =>
  startHttpTestApp([module], { appName, config, port });

describe('simulator against a fresh platform: it bootstraps its own depot through the operator API', () => {
  let platform: NestFastifyApplication;
  let platformUrl: string;
  let dataSource: DataSource;
  let operator: SeededOrganisation;
  let simulatorConfig: AppConfig;
  const simulators: NestFastifyApplication[] = [];
  const stationPrefix = `BOOT-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const databaseUrl = await freshDatabase(DATABASE);
    platformUrl = `http://127.0.0.1:${await freePort()}`;
    platform = await startApp(PlatformModule, 'platform-test', loadConfig({
      DATABASE_URL: databaseUrl,
      OCPI_PUBLIC_BASE_URL: platformUrl,
      QUEUE_PREFIX: `{vpp-depot-${randomBytes(4).toString('hex')}}`,
      LOG_LEVEL: 'silent',
      FLEET_STALE_CHECK_INTERVAL_SECONDS: '0',
    }), Number.parseInt(new URL(platformUrl).port, 10));
    dataSource = platform.get<DataSource>(getDataSourceToken());
    // A fresh platform: an operator organisation with an admin key, and nothing else.
    operator = await seedOrganisation(dataSource, 'operator');
    simulatorConfig = loadConfig({
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      SIMULATOR_CONNECTOR_URL: platformUrl,
      SIMULATOR_API_URL: platformUrl,
      SIMULATOR_API_KEY: operator.key,
      SIMULATOR_CPOS: '0',
      SIMULATOR_OCPP_STATIONS: '2',
      SIMULATOR_OCPP_STATION_PREFIX: stationPrefix,
      SIMULATOR_OCPP_BIDIRECTIONAL_EVERY: '2',
      // 15-minute readings, 4 simulated hours per real second: the first sessions replay in seconds.
      SIMULATOR_OCPP_SPEEDUP: '14400',
      SIMULATOR_OCPP_METER_INTERVAL_S: '900',
    });
  });

  afterAll(async () => {
    for (const simulator of simulators) await simulator.close();
    await platform.close();
  });

  it('creates fleet, depot site and station credentials; the stations connect over WebSocket and their transactions become fleet sessions', async () => {
    const simulator = await startApp(SimulatorModule, 'simulator-test', simulatorConfig);
    simulators.push(simulator);
    const runner = simulator.get(SimulatedCounterpartiesRunner);
    const { stationIds } = await runner.started();
    const depot = runner.depot;
    expect(stationIds).toEqual([`${stationPrefix}-1`, `${stationPrefix}-2`]);
    expect(depot?.stationIds).toEqual(stationIds);

    const asOperator = callerFor(platformUrl, operator.key);
    expect((await asOperator('GET', '/v1/fleets')).body).toEqual([expect.objectContaining({ id: depot?.fleetId, name: `${stationPrefix} simulated depot` })]);
    const site = await asOperator('GET', `/v1/sites/${depot?.siteId ?? ''}`);
    expect(site.body).toMatchObject({ fleetId: depot?.fleetId, innovationCluster: 'depot', country: 'NL', gridConnection: { importLimitKw: '1000', fuseLimitKw: '1250' } });
    const chargePoints = await asOperator('GET', `/v1/sites/${depot?.siteId ?? ''}/charge-points`);
    expect((chargePoints.body as unknown as { stationId: string; evses: { evseNumber: number; bidirectional: boolean }[] }[]).map((c) => [c.stationId, c.evses[0].evseNumber, c.evses[0].bidirectional]))
      .toEqual([[`${stationPrefix}-1`, 1, true], [`${stationPrefix}-2`, 1, false]]);

    const connected = await eventually(async () => {
      const rows: { station_id: string; connected: boolean; ocpp_version: string | null }[] = await dataSource.query(
        `SELECT station_id, connected, ocpp_version FROM ocpp_stations WHERE station_id = ANY($1) AND connected ORDER BY station_id`,
        [stationIds],
      );
      return rows.length === 2 ? rows : undefined;
    }, 'both stations connected');
    expect(connected.map((row) => row.ocpp_version)).toEqual(['ocpp2.1', 'ocpp2.1']);

    await runner.stationsDone();
    const sessions = await asOperator('GET', `/v1/fleets/${depot?.fleetId ?? ''}/sessions`);
    const items = sessions.body.items as { status: string; controlChannel: string; siteId: string; source: string }[];
    expect(items.map((s) => [s.status, s.controlChannel, s.source, s.siteId])).toEqual([
      ['finished', 'ocpp', 'ocpp', depot?.siteId],
      ['finished', 'ocpp', 'ocpp', depot?.siteId],
    ]);
  });

  it('reuses the same depot when it starts again (every bootstrap step is idempotent)', async () => {
    const counts = async (): Promise<unknown> =>
      dataSource.query(
        `SELECT (SELECT count(*) FROM fleets WHERE organisation_id = $1)::int AS fleets, (SELECT count(*) FROM sites WHERE organisation_id = $1)::int AS sites,
                (SELECT count(*) FROM charge_points c JOIN sites s ON s.id = c.site_id WHERE s.organisation_id = $1)::int AS charge_points,
                (SELECT count(*) FROM ocpp_stations WHERE organisation_id = $1)::int AS stations`,
        [operator.organisationId],
      );
    const first = simulators[0].get(SimulatedCounterpartiesRunner).depot;
    await simulators[0].close();
    simulators.length = 0;
    const before = await counts();

    const again = await startApp(SimulatorModule, 'simulator-test-again', simulatorConfig);
    simulators.push(again);
    await again.get(SimulatedCounterpartiesRunner).started();

    expect(again.get(SimulatedCounterpartiesRunner).depot).toEqual(first);
    expect(await counts()).toEqual(before);
    expect(before).toEqual([{ fleets: 1, sites: 1, charge_points: 2, stations: 2 }]);
  });
});
