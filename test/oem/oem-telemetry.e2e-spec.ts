import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { OemApiModule, OemConnectorModule, PollVehicleStatesUseCase } from '@vpp/oem';
import { UpsertExternalSessionUseCase } from '@vpp/fleet';
import { Decimal, parseDecimal } from '@vpp/units';
import { readAcnSimVehicles } from '../../apps/simulator/src/oem/acn-sim-vehicles.reader';
import { SimulatedOemCloud } from '../../apps/simulator/src/oem/simulated-oem-cloud';
import { SimWebhookSender } from '../../apps/simulator/src/oem/sim-webhook-sender';
import { call, seedOrganisation, type SeededOrganisation } from '../access/access-test-app';
import { PartETestApp, seedSession, seedVehicle, startPartETestApp } from './part-e-test-app';

const ACN_FILE = join(__dirname, '../../../shared/data/ev-sessions-acn-caltech-2020-12-to-2021-06.csv');
const suffix = randomBytes(3).toString('hex');
const OEM = `sim-mv-${suffix}`;
// A second cloud whose states carry the cars' charged-energy counter (charge_energy_added_kwh).
const OEM_COUNTER = `sim-ctr-${suffix}`;
const MINUTE = 60_000;
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
  let counterCloud: SimulatedOemCloud;
  let counterNow: Date;
  let owner: SeededOrganisation;
  // Whole seconds: the instants go over the wire and back.
  const arrival = new Date(Math.floor((Date.now() - HOUR) / 1000) * 1000);
  const at = (minutes: number): Date => new Date(arrival.getTime() + minutes * MINUTE);
  // 7.2 kW into 60 kWh from 74 % (3.6 kWh requested): the car reaches its 80 % target at +30 min and stops; unplugged at +40 min.
  const counterCar = {
    oemVehicleRef: `ctr-car-${suffix}`, accountId: `ctr-account-${suffix}`, sourceSessionId: `ctr-${suffix}`, arrivalAt: arrival, requestedDepartureAt: at(40),
    unplugAt: at(40), requestedEnergyKwh: parseDecimal('3.6'), batteryKwh: parseDecimal('60'), maxPowerKw: parseDecimal('7.2'),
  };

  /** A live OCPI-reported session of a new car linked to `oem` under `ref` (the link names no charger: the session is the OCPI one). */
  async function linkedSession(tag: string, oem: string, ref: string): Promise<string> {
    const seeded = await seedSession(sut.dataSource, owner.organisationId, tag, { arrivalAt: arrival, expectedDepartureAt: new Date(arrival.getTime() + 4 * HOUR), energyNeedKwh: '20' });
    const linked = await call(sut.baseUrl, 'POST', `/v1/vehicles/${seeded.vehicleId}/oem-link`, { key: owner.key, body: { oem, accountId: `account-${ref}`, oemVehicleRef: ref } });
    expect(linked.status).toBe(201);
    return seeded.sessionId;
  }

  /** The OCPI party finishes the seeded session at `departure` (what the OEM tracker does for an oem session). */
  async function depart(tag: string, departure: Date): Promise<void> {
    await sut.dataSource.transaction((manager) =>
      new UpsertExternalSessionUseCase().execute(manager, {
        party: { countryCode: 'NL', partyId: `E${tag}`.slice(0, 60) }, externalSessionId: `sess-${tag}`, source: 'ocpi', lastUpdated: departure,
        fields: { status: 'finished', actualDepartureAt: departure },
      }),
    );
  }

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
      // This maker reports power and SoC only: the register is derived from power.
      reportsChargeEnergyAdded: false,
    });
    counterNow = at(0);
    counterCloud = new SimulatedOemCloud({
      vehicles: [counterCar],
      clientId: `client-${OEM_COUNTER}`,
      clientSecret: 'client-secret',
      webhookUrl: 'http://127.0.0.1:9/unset',
      webhookSecret: WEBHOOK_SECRET,
      rateLimitPerMinute: 1_000,
      commandLatencyMs: 50,
      now: () => counterNow,
    });
    const url = await cloud.start();
    const counterUrl = await counterCloud.start();
    const clouds = [
      { name: OEM, baseUrl: url, auth: { type: 'oauth-client-credentials', tokenUrl: `${url}/oauth/token`, clientId: `client-${OEM}`, clientSecret: 'client-secret' }, pollIntervalMs: 60_000, rateLimitPerMinute: 600, webhookSecret: WEBHOOK_SECRET },
      {
        name: OEM_COUNTER, baseUrl: counterUrl, auth: { type: 'oauth-client-credentials', tokenUrl: `${counterUrl}/oauth/token`, clientId: `client-${OEM_COUNTER}`, clientSecret: 'client-secret' },
        pollIntervalMs: 60_000, rateLimitPerMinute: 600, webhookSecret: WEBHOOK_SECRET,
      },
    ];
    sut = await startPartETestApp([OemConnectorModule, OemApiModule], { OEM_CLOUDS: JSON.stringify(clouds) });
    cloud.sendWebhooksTo(`${sut.baseUrl}/oem/webhooks/${OEM}`);
    counterCloud.sendWebhooksTo(`${sut.baseUrl}/oem/webhooks/${OEM_COUNTER}`);
    owner = await seedOrganisation(sut.dataSource, 'fleet_owner');
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
    await counterCloud.stop();
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

  describe('a cloud that reports the car\'s charged-energy counter', () => {
    it('the counter is the register, MEASURED, by poll and by webhook: a car stopping at its target between two polls is not cut short, and the unplug closes it at the counter', async () => {
      const tag = `cc${suffix}`;
      const id = await linkedSession(tag, OEM_COUNTER, counterCar.oemVehicleRef);
      counterNow = at(0);
      expect(await counterCloud.pushPlugChanges()).toEqual([200]);
      counterNow = at(20);
      expect(await sut.app.get(PollVehicleStatesUseCase).execute(OEM_COUNTER)).toMatchObject({ links: 1, updated: 1, failed: 0 });
      // The car reaches 80 % at +30 min and stops: power 0 at +34 min.
      counterNow = at(34);
      const pushed = await counterCloud.pushState(counterCar.oemVehicleRef);
      expect(pushed.status).toBe(200);
      expect(JSON.parse(pushed.body)).toMatchObject({ state: { charging_power_kw: '0.000', soc_percent: '80.00', charge_energy_added_kwh: '3.600' } });
      counterNow = at(41);
      await depart(tag, at(40));
      expect(await counterCloud.pushPlugChanges()).toEqual([200]);

      const rows = await meterValues(id);
      expect(rows.map((r) => [r.measured_at, r.power_kw, r.energy_register_kwh, r.energy_source])).toEqual([
        [at(0), '7.200', '0.000000', 'measured'],
        // 7.2 kW for 20 minutes.
        [at(20), '7.200', '2.400000', 'measured'],
        // What was left to 80 %: 1.2 kWh. The trapezoid from 7.2 kW to 0 kW over 14 minutes would say 0.84 kWh.
        [at(34), '0.000', '3.600000', 'measured'],
        [at(40), '0.000', '3.600000', 'measured'],
      ]);
      expect(rows.every((r) => r.source === 'oem' && r.power_source === 'measured')).toBe(true);
    });

    it('a counter below the stored register (restarted within the plug-in) falls back to the step derived from power; a state without it is derived as before', async () => {
      const tag = `cr${suffix}`;
      const ref = `ctr-restart-${suffix}`;
      const id = await linkedSession(tag, OEM_COUNTER, ref);
      const sender = new SimWebhookSender(`${sut.baseUrl}/oem/webhooks/${OEM_COUNTER}`, WEBHOOK_SECRET);
      const send = async (minutes: number, state: { plugged_in?: boolean; charging_power_kw: string; charge_energy_added_kwh?: string }): Promise<void> => {
        const sent = await sender.send({ type: 'vehicle.state', vehicle_id: ref, state: { soc_percent: '50.00', plugged_in: true, observed_at: at(minutes).toISOString(), ...state } });
        expect(sent.status).toBe(200);
      };
      await send(5, { charging_power_kw: '7.200', charge_energy_added_kwh: '0.600' });
      await send(15, { charging_power_kw: '7.200', charge_energy_added_kwh: '1.800' });
      // The car restarted its counter: a new charge in the same plug-in.
      await send(25, { charging_power_kw: '7.200', charge_energy_added_kwh: '0.300' });
      await send(35, { charging_power_kw: '7.200', charge_energy_added_kwh: '1.500' });
      await send(45, { charging_power_kw: '3.600' });
      await depart(tag, at(55));
      // The unplug's counter (2.000) is below the register: the last power held until the unplug.
      await send(55, { plugged_in: false, charging_power_kw: '0.000', charge_energy_added_kwh: '2.000' });

      const rows = await meterValues(id);
      expect(rows.map((r) => [r.measured_at, r.power_kw, r.energy_register_kwh, r.energy_source])).toEqual([
        [at(5), '7.200', '0.600000', 'measured'],
        [at(15), '7.200', '1.800000', 'measured'],
        // 1.8 + 7.2 kW x 10 min; then + 7.2 kW x 10 min; then + (7.2 + 3.6) / 2 kW x 10 min; then + 3.6 kW held for 10 min.
        [at(25), '7.200', '3.000000', 'derived_from_power'],
        [at(35), '7.200', '4.200000', 'derived_from_power'],
        [at(45), '3.600', '5.100000', 'derived_from_power'],
        [at(55), '0.000', '5.700000', 'derived_from_power'],
      ]);
      process.stdout.write(`meter_values rows with the OEM's counter: ${rows.filter((r) => r.energy_source === 'measured').length} measured, ${rows.filter((r) => r.energy_source !== 'measured').length} derived after its restart\n`);
    });

    it('a malformed counter is refused with the field named, and stores nothing', async () => {
      const ref = `ctr-bad-${suffix}`;
      const id = await linkedSession(`cb${suffix}`, OEM_COUNTER, ref);
      const sender = new SimWebhookSender(`${sut.baseUrl}/oem/webhooks/${OEM_COUNTER}`, WEBHOOK_SECRET);
      const sent = await sender.send({
        type: 'vehicle.state', vehicle_id: ref,
        state: { soc_percent: '50.00', plugged_in: true, charging_power_kw: '7.200', observed_at: at(5).toISOString(), charge_energy_added_kwh: '-1.000' },
      });
      expect(sent.status).toBeGreaterThanOrEqual(400);
      expect(sent.status).toBeLessThan(500);
      // Refused before its delivery id is kept: the same signed delivery again shows the problem.
      const again = await fetch(`${sut.baseUrl}/oem/webhooks/${OEM_COUNTER}`, { method: 'POST', headers: sent.headers, body: sent.body });
      expect(again.status).toBe(sent.status);
      expect(await again.text()).toContain('state.charge_energy_added_kwh: charge_energy_added_kwh must be 0-1000 kWh with at most 3 decimals');
      expect(await meterValues(id)).toEqual([]);
    });
  });
});
