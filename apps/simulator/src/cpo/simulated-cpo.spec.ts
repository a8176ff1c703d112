import { cpoRequest } from './cpo-http';
import { ReplayedSession } from './cpo-replay';
import { SimulatedCpo } from './simulated-cpo';

const T0 = new Date('2023-06-28T13:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
// Nobody listens there: the CPO's async result fails, which it ignores (the limit is applied first).
const NOWHERE = 'http://127.0.0.1:9/results';

/** A 3.4 kW car plugged in at T0 for 4 hours, needing 20 kWh (more than it can take). */
function car(sessionId: string): ReplayedSession {
  return { sessionId, locationId: 'LOC1', evseUid: `EVSE-${sessionId}`, arrival: T0, departure: at(240), energyKwh: '20', maxPowerKw: '3.4' };
}

describe('SimulatedCpo on a simulated clock', () => {
  let cpo: SimulatedCpo;
  let simNow = T0;
  let url = '';
  let token = '';

  beforeEach(async () => {
    simNow = T0;
    cpo = new SimulatedCpo({ countryCode: 'NL', partyId: 'SIM', name: 'Sim CPO', commandLatencyMs: 20, ignoreShare: 0, random: () => 0.5, clock: () => simNow });
    url = await cpo.start();
    token = cpo.issueTokenA().tokenA;
  });

  afterEach(async () => {
    await cpo.stop();
  });

  /** PUT SetChargingProfile (a 0 W cap), then the day jumps to `jumpTo` before the latency ends. */
  async function capAndJump(sessionId: string, startDateTime: string | undefined, jumpTo: Date): Promise<void> {
    const profile = { ...(startDateTime === undefined ? {} : { start_date_time: startDateTime }), charging_rate_unit: 'W', charging_profile_period: [{ start_period: 0, limit: 0 }] };
    const answer = await cpoRequest('PUT', `${url}/ocpi/2.2.1/chargingprofiles/${sessionId}`, token, { charging_profile: profile, response_url: NOWHERE });
    expect(answer.body?.data).toEqual({ result: 'ACCEPTED', timeout: 30 });
    simNow = jumpTo;
    await cpo.settled();
    expect(cpo.limitOf(sessionId)).toBe(0);
  }

  it('applies an absolute profile from its start_date_time, not from where the day had jumped when the latency ended', async () => {
    cpo.holdSessions([car('S1')], T0);
    simNow = at(10);
    // Decided at 13:10; the day moves on to 13:15 (a 5-minute step) while the profile is in flight.
    await capAndJump('S1', '2023-06-28T13:10:00Z', at(15));
    // 10 minutes at 3.4 kW, then capped: 0.566 kWh (not the 15 minutes, 0.850 kWh, of a cap applied at 13:15).
    expect(cpo.deliveredKwhOf('S1', at(60))).toBe('0.566');
  });

  it('applies a profile without start_date_time (relative to the start of charging) from when it is applied', async () => {
    cpo.holdSessions([car('S2')], T0);
    simNow = at(10);
    await capAndJump('S2', undefined, at(15));
    expect(cpo.deliveredKwhOf('S2', at(60))).toBe('0.850');
  });

  it('never applies a profile before what the CPO already reported: the kWh it told stays true', async () => {
    // Taken in (its kWh told) at 13:05; a profile claiming to start at 13:02 holds from 13:05 only.
    cpo.holdSessions([car('S3')], at(5));
    simNow = at(10);
    await capAndJump('S3', '2023-06-28T13:02:00Z', at(15));
    expect(cpo.deliveredKwhOf('S3', at(60))).toBe('0.283');
  });
});
