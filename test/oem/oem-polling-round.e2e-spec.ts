import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { OemApiModule, OemConnectorModule, PollVehicleStatesUseCase } from '@vpp/oem';
import { readAcnSimVehicles } from '../../apps/simulator/src/oem/acn-sim-vehicles.reader';
import { SimulatedOemCloud } from '../../apps/simulator/src/oem/simulated-oem-cloud';
import { call, seedOrganisation } from '../access/access-test-app';
import { PartETestApp, seedVehicle, startPartETestApp } from './part-e-test-app';

const ACN_FILE = join(__dirname, '../../../shared/data/ev-sessions-acn-caltech-2020-12-to-2021-06.csv');
const suffix = randomBytes(3).toString('hex');
const OEM = `sim-round-${suffix}`;
const WEBHOOK_SECRET = 'whsec-simulated-oem-0123456789';
const CARS = 20;

describe('an OEM polling round over many linked cars (simulated OEM cloud over HTTP)', () => {
  let sut: PartETestApp;
  let cloud: SimulatedOemCloud;
  const { vehicles } = readAcnSimVehicles(ACN_FILE, CARS);

  beforeAll(async () => {
    cloud = new SimulatedOemCloud({
      vehicles, clientId: `client-${OEM}`, clientSecret: 'client-secret', webhookUrl: 'http://127.0.0.1:9/unset', webhookSecret: WEBHOOK_SECRET,
      rateLimitPerMinute: 10_000, commandLatencyMs: 200, timeScale: 60,
    });
    const url = await cloud.start();
    sut = await startPartETestApp([OemConnectorModule, OemApiModule], {
      OEM_CLOUDS: JSON.stringify([{
        name: OEM, baseUrl: url, pollIntervalMs: 60_000, rateLimitPerMinute: 10_000, webhookSecret: WEBHOOK_SECRET,
        auth: { type: 'oauth-client-credentials', tokenUrl: `${url}/oauth/token`, clientId: `client-${OEM}`, clientSecret: 'client-secret' },
      }]),
    });
    const owner = await seedOrganisation(sut.dataSource, 'fleet_owner');
    for (const [i, car] of vehicles.entries()) {
      const { vehicleId } = await seedVehicle(sut.dataSource, owner.organisationId, `veh-round-${i}-${suffix}`);
      const linked = await call(sut.baseUrl, 'POST', `/v1/vehicles/${vehicleId}/oem-link`, {
        key: owner.key,
        body: { oem: OEM, accountId: `driver-account-${i}-${suffix}`, oemVehicleRef: car.oemVehicleRef },
      });
      expect(linked.status).toBe(201);
    }
  });

  afterAll(async () => {
    await sut.close();
    await cloud.stop();
  });

  it('reads every linked car once in a round', async () => {
    const before = cloud.requests.state;
    const round = await sut.app.get(PollVehicleStatesUseCase).execute(OEM);
    expect(round).toMatchObject({ links: CARS, updated: CARS, unchanged: 0, failed: 0, deferred: 0 });
    expect(cloud.requests.state - before).toBe(CARS);
    const stored: { n: number }[] = await sut.dataSource.query(
      `SELECT count(DISTINCT s.vehicle_id)::int AS n FROM vehicle_states s JOIN oem_links l ON l.vehicle_id = s.vehicle_id WHERE l.oem = $1`,
      [OEM],
    );
    expect(stored[0].n).toBe(CARS);
  });

  it('starts no further car once the cloud answers 429, and counts the rest as deferred', async () => {
    const [answeredBefore, faultedBefore] = [cloud.requests.state, cloud.requests.faulted];
    cloud.injectFault(429, 1, 120);
    const round = await sut.app.get(PollVehicleStatesUseCase).execute(OEM);
    const answered = cloud.requests.state - answeredBefore;
    expect(cloud.requests.faulted - faultedBefore).toBe(1);
    // Only the requests already in flight when the 429 came back were answered; the round stopped there.
    expect(answered).toBeLessThan(CARS - 1);
    expect(round.updated + round.unchanged + round.failed).toBe(answered);
    expect(round.deferred).toBe(CARS - answered);
    expect(round.backingOffUntil).not.toBeNull();
  });
});
