import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { OemApiModule, OemConnectorModule, PollVehicleStatesUseCase } from '@vpp/oem';
import { Decimal } from '@vpp/units';
import { readAcnSimVehicles } from '../../apps/simulator/src/oem/acn-sim-vehicles.reader';
import { SimulatedOemCloud } from '../../apps/simulator/src/oem/simulated-oem-cloud';
import { call, seedOrganisation } from '../access/access-test-app';
import { PartETestApp, seedSession, seedVehicle, startPartETestApp } from './part-e-test-app';

const ACN_FILE = join(__dirname, '../../../shared/data/ev-sessions-acn-caltech-2020-12-to-2021-06.csv');
const suffix = randomBytes(3).toString('hex');
const OEM = `sim-mv-${suffix}`;
const WEBHOOK_SECRET = 'whsec-simulated-oem-0123456789';
const HOUR = 3_600_000;

interface MeterRow {
  measured_at: Date;
  power_kw: string;
  energy_register_kwh: string;
  soc_pct: string;
  source: string;
  power_source: string;
  energy_source: string;
}

describe('OEM vehicle states into meter_values (simulated OEM cloud, polling and webhook)', () => {
  let sut: PartETestApp;
  let cloud: SimulatedOemCloud;
  let sessionId: string;
  let idleVehicleId: string;
  const { vehicles } = readAcnSimVehicles(ACN_FILE, 2);

  async function meterValues(id: string): Promise<MeterRow[]> {
    return sut.dataSource.query(
      `SELECT measured_at, power_kw::text, energy_register_kwh::text, soc_pct::text, source, power_source, energy_source FROM meter_values WHERE session_id = $1 ORDER BY measured_at`,
      [id],
    );
  }

  async function stateOf(vehicleId: string): Promise<{ soc_pct: string; charging_power_kw: string; observed_at: Date }> {
    const rows: { soc_pct: string; charging_power_kw: string; observed_at: Date }[] = await sut.dataSource.query(
      `SELECT soc_pct::text, charging_power_kw::text, observed_at FROM vehicle_states WHERE vehicle_id = $1`,
      [vehicleId],
    );
    return rows[0]!;
  }

  beforeAll(async () => {
    cloud = new SimulatedOemCloud({
      vehicles,
      clientId: `client-${OEM}`,
      clientSecret: 'client-secret',
      webhookUrl: 'http://127.0.0.1:9/unset',
      webhookSecret: WEBHOOK_SECRET,
      rateLimitPerMinute: 1_000,
      commandLatencyMs: 50,
      timeScale: 60,
    });
    const url = await cloud.start();
    const clouds = [
      { name: OEM, baseUrl: url, auth: { type: 'oauth-client-credentials', tokenUrl: `${url}/oauth/token`, clientId: `client-${OEM}`, clientSecret: 'client-secret' }, pollIntervalMs: 60_000, rateLimitPerMinute: 600, webhookSecret: WEBHOOK_SECRET },
    ];
    sut = await startPartETestApp([OemConnectorModule, OemApiModule], { OEM_CLOUDS: JSON.stringify(clouds) });
    cloud.sendWebhooksTo(`${sut.baseUrl}/oem/webhooks/${OEM}`);
    const owner = await seedOrganisation(sut.dataSource, 'fleet_owner');
    // A live session of the car (arrived an hour ago), and a second car of the same OEM without a session.
    const now = Date.now();
    const seeded = await seedSession(sut.dataSource, owner.organisationId, `mv${suffix}`, { arrivalAt: new Date(now - HOUR), expectedDepartureAt: new Date(now + 3 * HOUR), energyNeedKwh: '20' });
    sessionId = seeded.sessionId;
    idleVehicleId = (await seedVehicle(sut.dataSource, owner.organisationId, `idle-${suffix}`)).vehicleId;
    for (const [vehicleId, ref] of [[seeded.vehicleId, vehicles[0]!.oemVehicleRef], [idleVehicleId, vehicles[1]!.oemVehicleRef]] as const) {
      const linked = await call(sut.baseUrl, 'POST', `/v1/vehicles/${vehicleId}/oem-link`, { key: owner.key, body: { oem: OEM, accountId: `account-${ref}`, oemVehicleRef: ref } });
      expect(linked.status).toBe(201);
    }
  });

  afterAll(async () => {
    await sut.close();
    await cloud.stop();
  });

  it('a polled state of a car with a session becomes a meter value: power and SoC measured, the register starting at 0 (derived)', async () => {
    const round = await sut.app.get(PollVehicleStatesUseCase).execute(OEM);
    expect(round).toMatchObject({ links: 2, updated: 2, failed: 0, deferred: 0 });
    const rows = await meterValues(sessionId);
    expect(rows).toHaveLength(1);
    const vehicle = (await sut.dataSource.query(`SELECT vehicle_id FROM sessions WHERE id = $1`, [sessionId])) as { vehicle_id: string }[];
    const state = await stateOf(vehicle[0]!.vehicle_id);
    expect(rows[0]).toEqual({
      measured_at: state.observed_at,
      power_kw: '6.600',
      energy_register_kwh: '0.000000',
      soc_pct: state.soc_pct,
      source: 'oem',
      power_source: 'measured',
      energy_source: 'derived_from_power',
    });
    // The car without a session leaves no meter value anywhere.
    const idle = await stateOf(idleVehicleId);
    const stray: { n: number }[] = await sut.dataSource.query(`SELECT count(*)::int AS n FROM meter_values WHERE measured_at = $1 AND session_id <> $2`, [idle.observed_at, sessionId]);
    expect(stray[0]!.n).toBe(0);
  });

  it('integrates the register from power between readings (poll, then a signed webhook), and a replay adds nothing', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sut.app.get(PollVehicleStatesUseCase).execute(OEM);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const pushed = await cloud.pushState(vehicles[0]!.oemVehicleRef);
    expect(pushed.status).toBe(200);
    const replayed = await fetch(`${sut.baseUrl}/oem/webhooks/${OEM}`, { method: 'POST', headers: pushed.headers, body: pushed.body });
    expect(replayed.status).toBe(409);

    const rows = await meterValues(sessionId);
    expect(rows).toHaveLength(3);
    // Trapezoid over 6.6 kW readings: 6.6 kW x the time between them, exact to the register's 1 mWh.
    for (let i = 1; i < rows.length; i += 1) {
      const hours = new Decimal(rows[i]!.measured_at.getTime() - rows[i - 1]!.measured_at.getTime()).dividedBy(HOUR);
      const expected = new Decimal(rows[i - 1]!.energy_register_kwh).plus(hours.times('6.6')).toFixed(6, Decimal.ROUND_HALF_UP);
      expect(rows[i]!.energy_register_kwh).toBe(expected);
      expect([rows[i]!.power_kw, rows[i]!.energy_source]).toEqual(['6.600', 'derived_from_power']);
    }
    expect(new Decimal(rows[2]!.energy_register_kwh).gt(0)).toBe(true);
    // The webhook's state is the vehicle's stored state, and its SoC reached meter_values.
    const vehicle = (await sut.dataSource.query(`SELECT vehicle_id FROM sessions WHERE id = $1`, [sessionId])) as { vehicle_id: string }[];
    const state = await stateOf(vehicle[0]!.vehicle_id);
    expect([rows[2]!.measured_at, rows[2]!.soc_pct]).toEqual([state.observed_at, state.soc_pct]);
    process.stdout.write(`meter_values rows from the simulated OEM (2 polls, 1 webhook): ${rows.length}\n`);
  });
});
