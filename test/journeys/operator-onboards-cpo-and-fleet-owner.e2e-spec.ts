import { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { eans } from '../fleet-api/fleet-api-test-app';
import { aPartyId, realSessions } from '../ocpi/ocpi-test-app';
import { countOf, Journey, Party, startJourney } from './journey-kit';

jest.setTimeout(120_000);

// Journey (issue 8, item 3): the aggregator's operator onboards a CPO, which registers over OCPI
// 2.2.1 (credentials handshake with the simulated CPO of apps/simulator) and pushes its sessions,
// and a fleet owner, which sets up its fleet; each then delegates to the operator. Everything over
// HTTP with API keys on the whole platform app; the database is only looked at.
describe('journey: the operator onboards a CPO (OCPI) and a fleet owner', () => {
  let journey: Journey;
  let cpoParty: Party;
  let fleetOwner: Party;
  let cpo: SimulatedCpo;
  let cpoFleetId: string;
  let fleetId: string;
  const partyId = aPartyId();
  const validTo = new Date(Date.now() + 86_400_000).toISOString();

  beforeAll(async () => {
    journey = await startJourney('onboarding');
    cpo = new SimulatedCpo({ countryCode: 'NL', partyId, name: 'Journey CPO', commandLatencyMs: 10, ignoreShare: 0 });
    await cpo.start();
  });

  afterAll(async () => {
    await cpo?.stop();
    await journey?.close();
  });

  it('onboards the CPO organisation with its first admin, who makes its own API key', async () => {
    cpoParty = await journey.onboard('cpo', 'Journey CPO');

    const seen = await journey.as(cpoParty.key, 'GET', '/v1/organisations');
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual([expect.objectContaining({ id: cpoParty.organisationId, kind: 'cpo', name: 'Journey CPO' })]);
    // A client cannot onboard organisations: refused, nothing written.
    const before = await countOf(journey.dataSource, `SELECT count(*) AS n FROM organisations`);
    const refused = await journey.as(cpoParty.key, 'POST', '/v1/organisations', { name: 'Rogue', kind: 'cpo', country: 'NL' });
    expect(refused.status).toBe(403);
    expect(await countOf(journey.dataSource, `SELECT count(*) AS n FROM organisations`)).toBe(before);
  });

  it('issues token A, the CPO registers with it (token B/C), and token A opens nothing afterwards', async () => {
    const issued = await journey.as(journey.operator.key, 'POST', '/v1/ocpi/parties', { organisationId: cpoParty.organisationId, countryCode: 'NL', partyId });
    expect(issued.status).toBe(201);
    const { tokenA, versionsUrl } = issued.body as { tokenA: string; versionsUrl: string };
    expect(versionsUrl).toBe(`${journey.baseUrl}/ocpi/versions`);

    const answer = await cpo.register(versionsUrl, tokenA);
    expect([answer.status, answer.body?.status_code]).toEqual([200, 1000]);
    expect(answer.body?.data).toMatchObject({ roles: [{ role: 'SCSP' }] });
    const reuse = await cpo.send('GET', 'credentials', undefined, { token: tokenA });
    expect([reuse.status, reuse.body?.status_code]).toEqual([401, 2000]);
    const parties = await journey.as(journey.operator.key, 'GET', '/v1/ocpi/parties');
    expect(parties.body).toEqual([expect.objectContaining({ organisationId: cpoParty.organisationId, partyId, status: 'registered', version: '2.2.1' })]);
    // Only operators manage OCPI parties.
    expect((await journey.as(cpoParty.key, 'GET', '/v1/ocpi/parties')).status).toBe(403);
  });

  it('takes the CPO\'s real sessions (ElaadNL) into its fleet, which the operator reads once the CPO delegates', async () => {
    await cpo.pushSessions(realSessions(3), new Date());
    const delegation = await journey.as(cpoParty.key, 'POST', '/v1/delegations', { operatorOrganisationId: journey.operator.organisationId, reason: 'journey: aggregation', validTo });
    expect(delegation.status).toBe(201);

    const fleets = await journey.as(journey.operator.key, 'GET', '/v1/fleets', undefined, cpoParty.organisationId);
    expect(fleets.status).toBe(200);
    const cpoFleets = fleets.body as unknown as { id: string }[];
    expect(cpoFleets).toHaveLength(1);
    cpoFleetId = cpoFleets[0].id;
    const sessions = await journey.as(journey.operator.key, 'GET', `/v1/fleets/${cpoFleetId}/sessions`, undefined, cpoParty.organisationId);
    expect(sessions.status).toBe(200);
    const items = (sessions.body as unknown as { items: { controlChannel: string; status: string }[] }).items;
    expect(items.map((s) => [s.controlChannel, s.status])).toEqual([['ocpi', 'charging'], ['ocpi', 'charging'], ['ocpi', 'charging']]);
    // Without X-On-Behalf-Of the operator sees its own (empty) tenant, not the CPO's fleet.
    expect((await journey.as(journey.operator.key, 'GET', `/v1/fleets/${cpoFleetId}`)).status).toBe(404);
  });

  it('onboards a fleet owner, who sets up its fleet, depot and vehicle over /v1', async () => {
    fleetOwner = await journey.onboard('fleet_owner', 'Journey Fleet Owner');
    const fleet = await journey.as(fleetOwner.key, 'POST', '/v1/fleets', { name: 'vans' });
    expect(fleet.status).toBe(201);
    fleetId = fleet.body.id as string;
    const site = await journey.as(fleetOwner.key, 'POST', `/v1/fleets/${fleetId}/sites`, {
      name: 'Depot Noord', reference: 'depot-noord', country: 'NL', innovationCluster: 'depot', timezone: 'Europe/Amsterdam',
      gridConnection: { ean: eans().valid, importLimitKw: '150', exportLimitKw: '0', fuseLimitKw: null, dso: 'Liander' },
    });
    expect(site.status).toBe(201);
    const vehicle = await journey.as(fleetOwner.key, 'POST', `/v1/fleets/${fleetId}/vehicles`, { pseudonymousId: 'van-journey-0000000001', batteryKwh: '75', maxAcChargeKw: '11', v2gCapable: false });
    expect(vehicle.status).toBe(201);

    expect((await journey.as(fleetOwner.key, 'GET', '/v1/fleets')).body).toEqual([expect.objectContaining({ id: fleetId, name: 'vans' })]);
    expect(((await journey.as(fleetOwner.key, 'GET', `/v1/fleets/${fleetId}/sites`)).body as unknown as unknown[]).length).toBe(1);
  });

  it('keeps the CPO and the fleet owner apart: each other\'s ids are not found and nothing is written', async () => {
    const sites = `SELECT count(*) AS n FROM sites`;
    const before = await countOf(journey.dataSource, sites);
    // The fleet owner asks for the CPO's fleet and organisation; the CPO may not use fleet routes at all.
    expect((await journey.as(fleetOwner.key, 'GET', `/v1/fleets/${cpoFleetId}`)).status).toBe(404);
    expect((await journey.as(fleetOwner.key, 'GET', `/v1/fleets/${cpoFleetId}/sessions`)).status).toBe(404);
    expect((await journey.as(fleetOwner.key, 'GET', `/v1/organisations/${cpoParty.organisationId}`)).status).toBe(404);
    const intoOther = await journey.as(fleetOwner.key, 'POST', `/v1/fleets/${cpoFleetId}/sites`, { name: 'Not mine', country: 'NL', innovationCluster: 'depot', timezone: 'Europe/Amsterdam' });
    expect(intoOther.status).toBe(404);
    expect((await journey.as(cpoParty.key, 'GET', `/v1/fleets/${fleetId}`)).status).toBe(403);
    // The operator, delegated by the CPO only, cannot reach the fleet owner's fleet through that delegation.
    expect((await journey.as(journey.operator.key, 'GET', `/v1/fleets/${fleetId}`, undefined, cpoParty.organisationId)).status).toBe(404);
    expect((await journey.as(journey.operator.key, 'GET', `/v1/fleets/${fleetId}`, undefined, fleetOwner.organisationId)).status).toBe(403);
    expect(await countOf(journey.dataSource, sites)).toBe(before);

    // Once the fleet owner delegates, the operator reads its fleet.
    const delegation = await journey.as(fleetOwner.key, 'POST', '/v1/delegations', { operatorOrganisationId: journey.operator.organisationId, reason: 'journey: aggregation', validTo });
    expect(delegation.status).toBe(201);
    const read = await journey.as(journey.operator.key, 'GET', `/v1/fleets/${fleetId}`, undefined, fleetOwner.organisationId);
    expect([read.status, read.body.id]).toEqual([200, fleetId]);
  });
});
