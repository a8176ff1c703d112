import { parseDecimal } from '@vpp/units';
import { SimulatedOemCloud } from './simulated-oem-cloud';

const T0 = new Date('2023-06-28T13:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const REF = 'car-1';

describe('SimulatedOemCloud on a simulated clock', () => {
  let cloud: SimulatedOemCloud;
  let simNow = T0;
  let url = '';
  let token = '';

  beforeEach(async () => {
    simNow = T0;
    cloud = new SimulatedOemCloud({
      // A 10 kW car with a 100 kWh battery plugged in at T0 for 4 hours, far from full.
      vehicles: [{ oemVehicleRef: REF, accountId: 'acct-1', sourceSessionId: 's1', arrivalAt: T0, requestedDepartureAt: at(240), unplugAt: at(240), requestedEnergyKwh: parseDecimal('60'), batteryKwh: parseDecimal('100'), maxPowerKw: parseDecimal('10') }],
      clientId: 'client', clientSecret: 'secret', webhookUrl: 'http://127.0.0.1:9/unset', webhookSecret: 'whsec-simulated-oem-0123456789',
      rateLimitPerMinute: 1_000, commandLatencyMs: 20, now: () => simNow,
    });
    url = await cloud.start();
    const answer = await fetch(`${url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=client&client_secret=secret' });
    token = ((await answer.json()) as { access_token: string }).access_token;
  });

  afterEach(async () => {
    await cloud.stop();
  });

  async function addedKwh(): Promise<string> {
    const answer = await fetch(`${url}/vehicles/${REF}/state`, { headers: { authorization: `Bearer ${token}` } });
    return ((await answer.json()) as { charge_energy_added_kwh: string }).charge_energy_added_kwh;
  }

  it('applies a command the latency after it reached the cloud, not from where the day had jumped when the timer fired', async () => {
    simNow = at(10);
    const sent = await fetch(`${url}/vehicles/${REF}/commands`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ request_id: 'r1', type: 'stop' }),
    });
    expect(sent.status).toBe(202);
    // The day moves on to 13:15 (a 5-minute step) while the command is in flight.
    simNow = at(15);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cloud.applied.stop).toBe(1);
    simNow = at(60);
    // 10 minutes (and the 20-ms latency) at 10 kW, then stopped: 1.666 kWh (the counter rounds down to 1 Wh), not the 2.5 kWh of a stop at 13:15.
    expect(await addedKwh()).toBe('1.666');
  });
});
