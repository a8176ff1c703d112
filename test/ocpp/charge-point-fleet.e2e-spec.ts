import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig } from '@vpp/config';
import { OcppTransactionEntity } from '@vpp/ocpp';
import { ChargePointFleet } from '../../apps/simulator/src/charge-points/charge-point-fleet';
import { PowerKw } from '@vpp/units';
import { CsmsTestApp, Depot, seedDepot, startCsmsTestApp } from './csms-test-app';

const STATIONS = 3;

describe(ChargePointFleet.name, () => {
  let sut: CsmsTestApp;
  let depot: Depot;

  beforeAll(async () => {
    sut = await startCsmsTestApp();
    depot = await seedDepot(sut);
  });

  afterAll(async () => {
    await sut.close();
  });

  it('replays real ElaadNL sessions through simulated stations into finished fleet sessions with telemetry', async () => {
    const prefix = `DEPOT-${randomUUID().slice(0, 8)}`;
    const passwordFor = (stationId: string): string => `pw-${stationId}-0123456789`.slice(0, 40);
    for (let n = 1; n <= STATIONS; n += 1) {
      const stationId = `${prefix}-${n}`;
      await sut.register.execute({
        stationId,
        organisationId: depot.organisationId,
        countryCode: 'NL',
        password: passwordFor(stationId),
        declaredBidirectional: n === 1,
        fleetId: depot.fleetId,
        siteId: depot.siteId,
        evses: [{ evseNumber: 1, currentType: 'AC', phases: 3, maxPowerKw: PowerKw.of(22), bidirectional: n === 1 }],
      });
    }
    const fleet = new ChargePointFleet({
      endpoint: sut.ocppEndpoint,
      stationPrefix: prefix,
      passwordFor,
      sessionsFile: join(loadConfig().dataDir, 'ev-sessions-elaadnl-2019-01-to-09.csv'),
      stations: STATIONS,
      bidirectionalEvery: 3,
      responseLatencyMs: 0,
      // 15-minute readings, 4 simulated hours per real second: a 10-hour session replays in 2.5 s.
      speedup: 14_400,
      meterIntervalS: 900,
    });
    try {
      await fleet.run();
    } finally {
      await fleet.close();
    }

    const rows: Array<{ status: string; session_id: string; readings: string; delivered: string }> = await sut.dataSource.query(
      `SELECT t.status, t.session_id, (SELECT count(*) FROM meter_values m WHERE m.session_id = t.session_id) AS readings,
              s.energy_delivered_kwh AS delivered
         FROM ocpp_transactions t JOIN ocpp_stations st ON st.id = t.ocpp_station_id JOIN sessions s ON s.id = t.session_id
        WHERE st.station_id LIKE $1`,
      [`${prefix}-%`],
    );
    expect(rows).toHaveLength(STATIONS);
    for (const row of rows) {
      expect(row.status).toBe('finished');
      // Started + at least one periodic reading + Ended.
      expect(Number.parseInt(row.readings, 10)).toBeGreaterThanOrEqual(3);
    }
    // The first ElaadNL session (6.53 kWh at up to 9.818 kW) is delivered in full, to the Wh.
    const transactions = await sut.dataSource.getRepository(OcppTransactionEntity).find({ where: { station: { stationId: `${prefix}-1` } } });
    expect(transactions[0].energyRegisterKwh?.toFixed(3)).toBe('6.530');
    // A deadline for a replay of several simulated hours, not an assertion on speed.
  }, 60_000);
});
