import { randomBytes } from 'node:crypto';
import { EnsureFleetUseCase, UpsertExternalEvseUseCase, UpsertExternalLocationUseCase } from '@vpp/fleet';
import { OemApiModule, OemConnectorModule, OemSessionTracker, PollVehicleStatesUseCase } from '@vpp/oem';
import { Decimal, parseDecimal, PowerKw } from '@vpp/units';
import type { SimVehicleSeed } from '../../apps/simulator/src/oem/acn-sim-vehicles.reader';
import { SimulatedOemCloud } from '../../apps/simulator/src/oem/simulated-oem-cloud';
import { call, seedOrganisation } from '../access/access-test-app';
import { PartETestApp, seedVehicle, startPartETestApp } from './part-e-test-app';

const suffix = randomBytes(3).toString('hex');
const OEM = `sim-sess-${suffix}`;
const WEBHOOK_SECRET = 'whsec-simulated-oem-0123456789';
const MINUTE = 60_000;
// A past day on the cars' clock, far from the wall clock: every instant below comes from the cloud's injected clock.
const ARRIVAL = new Date('2023-03-14T07:00:00Z');
const UNPLUG = new Date('2023-03-14T15:00:00Z');
const LATE_ARRIVAL = new Date('2023-03-15T18:00:00Z');
const LATE_UNPLUG = new Date('2023-03-15T22:00:00Z');

interface SessionRow {
  id: string;
  evse_id: string;
  fleet_id: string;
  vehicle_id: string;
  arrival_at: Date;
  actual_departure_at: Date | null;
  status: string;
  control_channel: string;
  source: string;
  historical: boolean;
  energy_delivered_kwh: string;
}

describe('OEM plug state into live oem-channel sessions (simulated OEM cloud on a simulated clock, polling and webhooks)', () => {
  let sut: PartETestApp;
  let cloud: SimulatedOemCloud;
  let simNow = new Date(ARRIVAL.getTime() - 30 * MINUTE);
  let owner: Awaited<ReturnType<typeof seedOrganisation>>;
  let evseId: string;
  let fleetId: string;
  let carId: string;
  let noChargerCarId: string;
  const seeds: SimVehicleSeed[] = [
    { oemVehicleRef: `car-a-${suffix}`, accountId: 'acc-a', sourceSessionId: 'a', arrivalAt: ARRIVAL, requestedDepartureAt: UNPLUG, unplugAt: UNPLUG, requestedEnergyKwh: parseDecimal('45'), maxPowerKw: parseDecimal('11') },
    { oemVehicleRef: `car-b-${suffix}`, accountId: 'acc-b', sourceSessionId: 'b', arrivalAt: ARRIVAL, requestedDepartureAt: UNPLUG, unplugAt: UNPLUG, requestedEnergyKwh: parseDecimal('10') },
    // Linked last, its first state ever a plug-in webhook (no stored state of it yet).
    { oemVehicleRef: `car-c-${suffix}`, accountId: 'acc-c', sourceSessionId: 'c', arrivalAt: LATE_ARRIVAL, requestedDepartureAt: LATE_UNPLUG, unplugAt: LATE_UNPLUG, requestedEnergyKwh: parseDecimal('10') },
  ];

  const sessionsOf = (vehicleId: string): Promise<SessionRow[]> =>
    sut.dataSource.query(
      `SELECT id, evse_id, fleet_id, vehicle_id, arrival_at, actual_departure_at, status, control_channel, source, historical, energy_delivered_kwh::text
         FROM sessions WHERE vehicle_id = $1 ORDER BY arrival_at`,
      [vehicleId],
    );
  const meterValuesOf = (sessionId: string): Promise<{ measured_at: Date; power_kw: string; energy_register_kwh: string }[]> =>
    sut.dataSource.query(`SELECT measured_at, power_kw::text, energy_register_kwh::text FROM meter_values WHERE session_id = $1 ORDER BY measured_at`, [sessionId]);
  const poll = () => sut.app.get(PollVehicleStatesUseCase).execute(OEM);

  beforeAll(async () => {
    cloud = new SimulatedOemCloud({
      vehicles: seeds,
      clientId: `client-${OEM}`,
      clientSecret: 'client-secret',
      webhookUrl: 'http://127.0.0.1:9/unset',
      webhookSecret: WEBHOOK_SECRET,
      rateLimitPerMinute: 1_000,
      commandLatencyMs: 20,
      now: () => simNow,
      // A maker reporting power and SoC only: these registers are derived from power (the counter's case: oem-telemetry).
      reportsChargeEnergyAdded: false,
    });
    const url = await cloud.start();
    const clouds = [
      { name: OEM, baseUrl: url, auth: { type: 'oauth-client-credentials', tokenUrl: `${url}/oauth/token`, clientId: `client-${OEM}`, clientSecret: 'client-secret' }, pollIntervalMs: 60_000, rateLimitPerMinute: 600, webhookSecret: WEBHOOK_SECRET },
    ];
    // The cars' day lies in the past: telemetry retention long enough that its meter values are not quarantined as too old.
    sut = await startPartETestApp([OemConnectorModule, OemApiModule], { OEM_CLOUDS: JSON.stringify(clouds), TELEMETRY_RETENTION_MONTHS: '120' });
    cloud.sendWebhooksTo(`${sut.baseUrl}/oem/webhooks/${OEM}`);
    owner = await seedOrganisation(sut.dataSource, 'fleet_owner');
    const car = await seedVehicle(sut.dataSource, owner.organisationId, `oem-car-${suffix}`);
    carId = car.vehicleId;
    fleetId = car.fleetId;
    noChargerCarId = (await seedVehicle(sut.dataSource, owner.organisationId, `oem-nocharger-${suffix}`)).vehicleId;
    evseId = await sut.dataSource.transaction(async (manager) => {
      const party = { countryCode: 'NL', partyId: `H${suffix}` };
      const home = await new EnsureFleetUseCase().execute(manager, { organisationId: owner.organisationId, name: `part-e fleet oem-car-${suffix}` });
      const { siteId } = await new UpsertExternalLocationUseCase().execute(manager, {
        party, externalLocationId: `home-${suffix}`, organisationId: owner.organisationId, fleetId: home, name: 'home', country: 'NL', innovationCluster: 'home', timezone: 'Europe/Amsterdam',
      });
      const evse = await new UpsertExternalEvseUseCase().execute(manager, {
        party, siteId, externalChargePointId: `wallbox-${suffix}`, chargePoint: { protocol: 'none', ocppVersion: null, vendor: 'sim', model: 'wallbox' },
        externalEvseId: `wallbox-${suffix}-1`, currentType: 'AC', phases: 3, maxPowerKw: PowerKw.of(parseDecimal('11')), bidirectional: false, iso15118_20: false,
      });
      return evse.evseId;
    });
  });

  afterAll(async () => {
    await sut.close();
    await cloud.stop();
  });

  it('links a car to its charger (an EVSE of the tenant only) and a car without one', async () => {
    const stranger = await seedOrganisation(sut.dataSource, 'fleet_owner');
    const strangerCar = await seedVehicle(sut.dataSource, stranger.organisationId, `stranger-${suffix}`);
    const refused = await call(sut.baseUrl, 'POST', `/v1/vehicles/${strangerCar.vehicleId}/oem-link`, { key: stranger.key, body: { oem: OEM, accountId: 'acc-x', oemVehicleRef: `car-x-${suffix}`, evseId } });
    expect(refused.status).toBe(404);
    const linked = await call(sut.baseUrl, 'POST', `/v1/vehicles/${carId}/oem-link`, { key: owner.key, body: { oem: OEM, accountId: 'acc-a', oemVehicleRef: seeds[0].oemVehicleRef, evseId } });
    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({ vehicleId: carId, evseId });
    const bare = await call(sut.baseUrl, 'POST', `/v1/vehicles/${noChargerCarId}/oem-link`, { key: owner.key, body: { oem: OEM, accountId: 'acc-b', oemVehicleRef: seeds[1].oemVehicleRef } });
    expect(bare.status).toBe(201);
    expect(bare.body).toMatchObject({ evseId: null });
  });

  it('an unplugged car opens nothing; the plug-in webhook opens one live oem session at its charger, at the plug-in instant on the cars\' clock', async () => {
    expect(await poll()).toMatchObject({ links: 2, failed: 0, deferred: 0 });
    expect(await sessionsOf(carId)).toHaveLength(0);

    simNow = new Date(ARRIVAL.getTime() + MINUTE);
    expect(await cloud.pushPlugChanges()).toEqual([200, 200]);
    const sessions = await sessionsOf(carId);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      evse_id: evseId, fleet_id: fleetId, vehicle_id: carId, arrival_at: ARRIVAL, actual_departure_at: null,
      status: 'charging', control_channel: 'oem', source: 'oem', historical: false,
    });
    // The car whose link names no charger: its state is kept, no session opens.
    expect(await sessionsOf(noChargerCarId)).toHaveLength(0);
    const kept: { plugged_in: boolean }[] = await sut.dataSource.query(`SELECT plugged_in FROM vehicle_states WHERE vehicle_id = $1`, [noChargerCarId]);
    expect(kept).toEqual([{ plugged_in: true }]);
  });

  it('polls meter the session (power integrated onto the session\'s energy) and repeat polls change nothing', async () => {
    simNow = new Date(ARRIVAL.getTime() + 11 * MINUTE);
    await poll();
    await poll();
    const [session] = await sessionsOf(carId);
    const rows = await meterValuesOf(session.id);
    expect(rows.map((r) => [r.measured_at.toISOString(), r.power_kw])).toEqual([
      [ARRIVAL.toISOString(), '11.000'],
      [simNow.toISOString(), '11.000'],
    ]);
    // 11 kW for 11 minutes.
    expect(rows[1].energy_register_kwh).toBe('2.016667');
    expect(session.energy_delivered_kwh).toBe('2.016667');
    expect(await sessionsOf(carId)).toHaveLength(1);
  });

  it('a charge limit sent through the OEM takes effect on the cars\' clock and shows in the next reading', async () => {
    const sent = await call(sut.baseUrl, 'POST', `/v1/vehicles/${carId}/oem-commands`, { key: owner.key, body: { type: 'charge-limit', chargeLimitKw: '3.7' } });
    expect(sent.status).toBe(202);
    const until = Date.now() + 5_000;
    let status = '';
    while (Date.now() < until && status !== 'applied') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const rows: { status: string }[] = await sut.dataSource.query(`SELECT c.status FROM oem_commands c JOIN oem_links l ON l.id = c.oem_link_id WHERE l.vehicle_id = $1`, [carId]);
      status = rows[0]?.status ?? '';
    }
    expect(status).toBe('applied');
    expect(cloud.applied).toEqual({ charge_limit: 1 });
    simNow = new Date(ARRIVAL.getTime() + 71 * MINUTE);
    await poll();
    const [session] = await sessionsOf(carId);
    const rows = await meterValuesOf(session.id);
    expect(rows[rows.length - 1]).toMatchObject({ measured_at: simNow, power_kw: '3.700' });
    // The register is DERIVED from the readings, linear between them (trapezoid): 11 kW at +11 min, 3.7 kW at +71 min.
    const expected = new Decimal('2.016667').plus(new Decimal('11').plus('3.7').dividedBy(2)).toFixed(6);
    expect(rows[rows.length - 1].energy_register_kwh).toBe(expected);
    expect(session.energy_delivered_kwh).toBe(expected);
  });

  it('the unplug webhook finishes the session at the cars\' instant and closes its register; later and late states neither reopen nor duplicate it', async () => {
    simNow = new Date(UNPLUG.getTime() - 3 * MINUTE);
    await poll();
    simNow = new Date(UNPLUG.getTime() + 2 * MINUTE);
    expect(await cloud.pushPlugChanges()).toEqual([200, 200]);
    await poll();
    const sessions = await sessionsOf(carId);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ status: 'finished', actual_departure_at: UNPLUG });
    // The closing value at the unplug instant: 0 kW as reported, the last reading's 3.7 kW held for its 3 minutes.
    const values = await meterValuesOf(sessions[0].id);
    const [before, closing] = values.slice(-2);
    expect([before.measured_at, before.power_kw, closing.measured_at, closing.power_kw]).toEqual([new Date(UNPLUG.getTime() - 3 * MINUTE), '3.700', UNPLUG, '0.000']);
    expect(closing.energy_register_kwh).toBe(new Decimal(before.energy_register_kwh).plus('0.185').toFixed(6));
    expect(sessions[0].energy_delivered_kwh).toBe(closing.energy_register_kwh);
    const metered = values.length;

    // A late plugged-in state from inside the finished session (e.g. a slow poll answer) is not a new plug-in.
    const link: { id: string; vehicle_id: string; oem: string; oem_vehicle_ref: string; evse_id: string }[] = await sut.dataSource.query(
      `SELECT id, vehicle_id, oem, oem_vehicle_ref, evse_id FROM oem_links WHERE vehicle_id = $1`,
      [carId],
    );
    const tracker = sut.app.get(OemSessionTracker);
    const ref = { id: link[0].id, vehicleId: link[0].vehicle_id, oem: link[0].oem, oemVehicleRef: link[0].oem_vehicle_ref, evseId: link[0].evse_id };
    const late = await tracker.track(ref, { socPct: parseDecimal('50'), pluggedIn: true, chargingPower: PowerKw.of(parseDecimal('3.7')), observedAt: new Date(UNPLUG.getTime() - 10 * MINUTE) }, new Date());
    expect(late).toEqual({ outcome: 'late', sessionId: null });
    const again = await tracker.track(ref, { socPct: parseDecimal('50'), pluggedIn: false, chargingPower: PowerKw.of(parseDecimal('0')), observedAt: simNow }, new Date());
    expect(again).toEqual({ outcome: 'unchanged', sessionId: null });
    expect(await sessionsOf(carId)).toHaveLength(1);
    expect(await meterValuesOf(sessions[0].id)).toHaveLength(metered);

    // The next plug-in (the next day) is a session of its own.
    const next = await tracker.track(ref, { socPct: parseDecimal('40'), pluggedIn: true, chargingPower: PowerKw.of(parseDecimal('11')), observedAt: new Date(UNPLUG.getTime() + 16 * 60 * MINUTE) }, new Date());
    expect(next.outcome).toBe('opened');
    const both = await sessionsOf(carId);
    expect(both.map((s) => s.status)).toEqual(['finished', 'charging']);
  });

  it('a plug-in webhook that is the car\'s very first state (its stored state inserted in the webhook\'s transaction) opens its session too', async () => {
    const car = await seedVehicle(sut.dataSource, owner.organisationId, `oem-first-${suffix}`);
    const linked = await call(sut.baseUrl, 'POST', `/v1/vehicles/${car.vehicleId}/oem-link`, { key: owner.key, body: { oem: OEM, accountId: 'acc-c', oemVehicleRef: seeds[2].oemVehicleRef, evseId } });
    expect(linked.status).toBe(201);
    simNow = new Date(LATE_ARRIVAL.getTime() + MINUTE);
    const pushed = await cloud.pushState(seeds[2].oemVehicleRef);
    expect(pushed.status).toBe(200);
    const sessions = await sessionsOf(car.vehicleId);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ evse_id: evseId, arrival_at: simNow, status: 'charging', control_channel: 'oem' });
    expect(await meterValuesOf(sessions[0].id)).toHaveLength(1);
  });
});
