import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { OemApiModule, OemConnectorModule, PollVehicleStatesUseCase } from '@vpp/oem';
import { eventually } from '@vpp/testing';
import { readAcnSimVehicles } from '../../apps/simulator/src/oem/acn-sim-vehicles.reader';
import { SimulatedOemCloud } from '../../apps/simulator/src/oem/simulated-oem-cloud';
import { call, seedOrganisation, SeededOrganisation } from '../access/access-test-app';
import { PartETestApp, seedVehicle, startPartETestApp } from './part-e-test-app';

const ACN_FILE = join(__dirname, '../../../shared/data/ev-sessions-acn-caltech-2020-12-to-2021-06.csv');
const suffix = randomBytes(3).toString('hex');
const OEM_A = `sim-a-${suffix}`;
const OEM_B = `sim-b-${suffix}`;
const WEBHOOK_SECRET = 'whsec-simulated-oem-0123456789';

interface StateBody {
  state: { socPct: string; pluggedIn: boolean; chargingPowerKw: string; observedAt: string; source: string; ageSeconds: number } | null;
  oemStatus: { backingOffUntil: string | null; consecutiveFailures: number; lastErrorCode: string | null };
}

function cloudConfig(name: string, baseUrl: string): Record<string, unknown> {
  return {
    name,
    baseUrl,
    auth: { type: 'oauth-client-credentials', tokenUrl: `${baseUrl}/oauth/token`, clientId: `client-${name}`, clientSecret: 'client-secret' },
    pollIntervalMs: 60_000,
    rateLimitPerMinute: 600,
    webhookSecret: WEBHOOK_SECRET,
  };
}

describe('OEM vehicle state by polling and by signed webhook (simulated OEM cloud over HTTP)', () => {
  let sut: PartETestApp;
  let cloudA: SimulatedOemCloud;
  let cloudB: SimulatedOemCloud;
  let owner: SeededOrganisation;
  let vehicleA: string;
  let vehicleB: string;
  const { vehicles } = readAcnSimVehicles(ACN_FILE, 2);

  async function stateRow(vehicleId: string): Promise<Record<string, unknown>[]> {
    return sut.dataSource.query(`SELECT soc_pct, plugged_in, charging_power_kw, observed_at, received_at, source FROM vehicle_states WHERE vehicle_id = $1`, [vehicleId]);
  }

  async function getState(vehicleId: string): Promise<StateBody> {
    const response = await call(sut.baseUrl, 'GET', `/v1/vehicles/${vehicleId}/oem-state`, { key: owner.key });
    expect(response.status).toBe(200);
    return response.body as unknown as StateBody;
  }

  beforeAll(async () => {
    const simOptions = (name: string) => ({
      vehicles,
      clientId: `client-${name}`,
      clientSecret: 'client-secret',
      webhookUrl: 'http://127.0.0.1:9/unset',
      webhookSecret: WEBHOOK_SECRET,
      rateLimitPerMinute: 1_000,
      commandLatencyMs: 200,
      timeScale: 60,
    });
    cloudA = new SimulatedOemCloud(simOptions(OEM_A));
    cloudB = new SimulatedOemCloud(simOptions(OEM_B));
    const [urlA, urlB] = [await cloudA.start(), await cloudB.start()];
    sut = await startPartETestApp([OemConnectorModule, OemApiModule], { OEM_CLOUDS: JSON.stringify([cloudConfig(OEM_A, urlA), cloudConfig(OEM_B, urlB)]) });
    cloudA.sendWebhooksTo(`${sut.baseUrl}/oem/webhooks/${OEM_A}`);
    owner = await seedOrganisation(sut.dataSource, 'fleet_owner');
    vehicleA = (await seedVehicle(sut.dataSource, owner.organisationId, `veh-a-${suffix}`)).vehicleId;
    vehicleB = (await seedVehicle(sut.dataSource, owner.organisationId, `veh-b-${suffix}`)).vehicleId;
    for (const [vehicleId, oem] of [[vehicleA, OEM_A], [vehicleB, OEM_B]] as const) {
      const linked = await call(sut.baseUrl, 'POST', `/v1/vehicles/${vehicleId}/oem-link`, {
        key: owner.key,
        body: { oem, accountId: `driver-account-${suffix}`, oemVehicleRef: vehicles[0].oemVehicleRef },
      });
      expect(linked.status).toBe(201);
    }
  });

  afterAll(async () => {
    await sut.close();
    await cloudA.stop();
    await cloudB.stop();
  });

  it('stores only a keyed hash of the OEM account id', async () => {
    const rows: { account_hash: string }[] = await sut.dataSource.query(`SELECT account_hash FROM oem_links WHERE vehicle_id = $1`, [vehicleA]);
    expect(rows[0].account_hash).toMatch(/^[0-9a-f]{64}$/);
    const text = JSON.stringify(await sut.dataSource.query(`SELECT * FROM oem_links WHERE vehicle_id = $1`, [vehicleA]));
    expect(text).not.toContain(`driver-account-${suffix}`);
  });

  it('reads SoC, plug and power by polling through OAuth client credentials', async () => {
    const round = await sut.app.get(PollVehicleStatesUseCase).execute(OEM_A);
    expect(round).toMatchObject({ links: 1, updated: 1, deferred: 0, failed: 0, backingOffUntil: null });
    expect(cloudA.requests.token).toBe(1);
    const body = await getState(vehicleA);
    expect(body.state).toMatchObject({ pluggedIn: true, chargingPowerKw: '6.600', source: 'poll' });
    // ACN row 1 requested 15.5 kWh: 80 % - 15.5/60 = 54.16 % at arrival (rounded down), rising while charging
    expect(Number.parseInt(body.state?.socPct ?? '0', 10)).toBeGreaterThanOrEqual(54);
  });

  it('takes a signed webhook and refuses a tampered or replayed one, storing nothing', async () => {
    const pushed = await cloudA.pushState(vehicles[0].oemVehicleRef);
    expect(pushed.status).toBe(200);
    const afterWebhook = await stateRow(vehicleA);
    expect(afterWebhook[0]).toMatchObject({ source: 'webhook' });

    const tampered = await fetch(`${sut.baseUrl}/oem/webhooks/${OEM_A}`, {
      method: 'POST',
      headers: pushed.headers,
      body: pushed.body.replace(/"soc_percent":"[^"]+"/, '"soc_percent":"99.00"'),
    });
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { code: string }).code).toBe('OEM_WEBHOOK_SIGNATURE_INVALID');

    const replayed = await fetch(`${sut.baseUrl}/oem/webhooks/${OEM_A}`, { method: 'POST', headers: pushed.headers, body: pushed.body });
    expect(replayed.status).toBe(409);
    expect(((await replayed.json()) as { code: string }).code).toBe('OEM_WEBHOOK_REPLAYED');

    const unsigned = await fetch(`${sut.baseUrl}/oem/webhooks/${OEM_A}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: pushed.body.replace(/"delivery_id":"[^"]+"/, '"delivery_id":"fresh"') });
    expect(unsigned.status).toBe(401);

    const oversized = await fetch(`${sut.baseUrl}/oem/webhooks/${OEM_A}`, { method: 'POST', headers: pushed.headers, body: JSON.stringify({ pad: 'x'.repeat(sut.config.http.bodyLimitBytes) }) });
    expect(oversized.status).toBe(413);
    expect(((await oversized.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    expect(await stateRow(vehicleA)).toEqual(afterWebhook);
  });

  it('sends a charge limit and learns the oem channel latency from the result webhook', async () => {
    const sent = await call(sut.baseUrl, 'POST', `/v1/vehicles/${vehicleA}/oem-commands`, { key: owner.key, body: { type: 'charge-limit', chargeLimitKw: '3.7' } });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ commandType: 'charge-limit', chargeLimitKw: '3.7', status: 'accepted' });
    const applied = await eventually(async () => {
      const rows: { status: string; latency_ms: number }[] = await sut.dataSource.query(`SELECT status, latency_ms FROM oem_commands WHERE id = $1 AND status = 'applied'`, [sent.body.id]);
      return rows[0];
    }, 'the OEM command applied', 15_000);
    expect(applied.latency_ms).toBeGreaterThanOrEqual(200);
    const latency: { sample_count: number }[] = await sut.dataSource.query(`SELECT sample_count FROM channel_latency WHERE channel = 'oem' AND party = $1`, [OEM_A]);
    expect(latency[0].sample_count).toBe(1);
    // The state webhook that follows the command shows the limited power.
    await eventually(async () => ((await getState(vehicleA)).state?.chargingPowerKw === '3.700' ? true : null), 'the limited power in the state webhook', 15_000);
    process.stdout.write(`measured oem command-to-effect latency (simulated OEM, 200 ms configured): ${applied.latency_ms} ms\n`);
  });

  it('backs off after 429 with Retry-After and keeps the last known state with its age', async () => {
    const before = await getState(vehicleA);
    cloudA.injectFault(429, 1, 120);
    const round = await sut.app.get(PollVehicleStatesUseCase).execute(OEM_A);
    expect(round).toMatchObject({ updated: 0, deferred: 1 });
    // Retry-After: 120 s
    expect(new Date(round.backingOffUntil ?? 0).getTime()).toBeGreaterThan(Date.now() + 100_000);
    const stateCalls = cloudA.requests.state;
    const again = await sut.app.get(PollVehicleStatesUseCase).execute(OEM_A);
    expect(again.deferred).toBe(1);
    expect(cloudA.requests.state).toBe(stateCalls);
    const after = await getState(vehicleA);
    expect(after.state?.observedAt).toBe(before.state?.observedAt);
    expect(after.state?.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(after.oemStatus).toMatchObject({ lastErrorCode: 'OEM_RATE_LIMITED', consecutiveFailures: 1 });
  });

  it('backs off after a 500 and keeps the last known state', async () => {
    expect((await sut.app.get(PollVehicleStatesUseCase).execute(OEM_B)).updated).toBe(1);
    const before = await getState(vehicleB);
    cloudB.injectFault(500, 1);
    const round = await sut.app.get(PollVehicleStatesUseCase).execute(OEM_B);
    expect(round).toMatchObject({ updated: 0, deferred: 1 });
    expect(round.backingOffUntil).not.toBeNull();
    const stateCalls = cloudB.requests.state;
    await sut.app.get(PollVehicleStatesUseCase).execute(OEM_B);
    expect(cloudB.requests.state).toBe(stateCalls);
    const after = await getState(vehicleB);
    expect(after.state).toEqual({ ...before.state, ageSeconds: after.state?.ageSeconds });
    expect(after.oemStatus).toMatchObject({ lastErrorCode: 'OEM_UNAVAILABLE', consecutiveFailures: 1 });
  });

  it('answers another tenant 404 for the vehicle', async () => {
    const intruder = await seedOrganisation(sut.dataSource, 'fleet_owner');
    const response = await call(sut.baseUrl, 'GET', `/v1/vehicles/${vehicleA}/oem-state`, { key: intruder.key });
    expect(response.status).toBe(404);
  });
});
