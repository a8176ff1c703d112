import { randomUUID } from 'node:crypto';
import { call, seedOrganisation, SeededOrganisation } from '../access/access-test-app';
import { callerFor, eans, FleetApiTestApp, startFleetApiTestApp } from './fleet-api-test-app';

type Json = Record<string, unknown>;

// PUT /v1/sites/{siteId}/grid-connection: a site that has no grid connection (an imported one, an
// OCPI Location's, one created without) gets one; the aggregator may do it on a client's behalf.
describe('a grid connection for a site without one (PUT /v1/sites/{siteId}/grid-connection)', () => {
  let sut: FleetApiTestApp;
  let owner: SeededOrganisation;
  let fleetId: string;

  async function siteWithoutConnection(evseKw?: string): Promise<string> {
    const as = callerFor(sut.baseUrl, owner.key);
    const site = await as('POST', `/v1/fleets/${fleetId}/sites`, { name: `bare ${randomUUID().slice(0, 8)}`, country: 'NL', innovationCluster: 'depot', timezone: 'Europe/Amsterdam' });
    expect(site.status).toBe(201);
    expect((site.body as Json).gridConnection).toBeNull();
    const siteId = (site.body as Json).id as string;
    if (evseKw !== undefined) {
      const cp = await as('POST', `/v1/sites/${siteId}/charge-points`, {
        protocol: 'none', reference: `cp-${randomUUID().slice(0, 8)}`, evses: [{ evseNumber: 1, currentType: 'DC', phases: 3, maxPowerKw: evseKw, bidirectional: false, iso15118_20: false }],
      });
      expect(cp.status).toBe(201);
    }
    return siteId;
  }

  const connectionRows = async (siteId: string): Promise<unknown[]> => sut.dataSource.query(`SELECT ean, import_limit_kw::text, fuse_limit_kw::text, dso, congestion_area FROM grid_connections WHERE site_id = $1`, [siteId]);

  beforeAll(async () => {
    sut = await startFleetApiTestApp();
    owner = await seedOrganisation(sut.dataSource, 'fleet_owner');
    const fleet = await callerFor(sut.baseUrl, owner.key)('POST', '/v1/fleets', { name: `grid ${randomUUID().slice(0, 8)}` });
    fleetId = (fleet.body as Json).id as string;
  });

  afterAll(async () => {
    await sut.close();
  });

  it('connects the site (201, audited); the same again answers 200; another connection is refused with 409 and changes nothing', async () => {
    const as = callerFor(sut.baseUrl, owner.key);
    const siteId = await siteWithoutConnection('50');
    const ean = eans().valid;
    const body = { ean, importLimitKw: '100', exportLimitKw: '80', fuseLimitKw: '120', dso: 'Test DSO', congestionArea: 'area-1' };
    const created = await as('PUT', `/v1/sites/${siteId}/grid-connection`, body);
    expect(created.status).toBe(201);
    expect((created.body as Json).gridConnection).toEqual({ ean, importLimitKw: '100', exportLimitKw: '80', fuseLimitKw: '120', dso: 'Test DSO', congestionArea: 'area-1' });
    const audit: unknown[] = await sut.dataSource.query(`SELECT 1 FROM audit_log WHERE action = 'site.connect_grid' AND entity_id = $1`, [siteId]);
    expect(audit).toHaveLength(1);

    const again = await as('PUT', `/v1/sites/${siteId}/grid-connection`, body);
    expect(again.status).toBe(200);
    expect((again.body as Json).id).toBe(siteId);
    const stored = await connectionRows(siteId);
    const other = await as('PUT', `/v1/sites/${siteId}/grid-connection`, { ...body, importLimitKw: '90' });
    expect(other.status).toBe(409);
    expect((other.body as Json).code).toBe('GRID_CONNECTION_EXISTS');
    expect(await connectionRows(siteId)).toEqual(stored);
  });

  it.each([
    { problem: 'an EAN with a wrong check digit', change: (ean: { badCheckDigit: string }) => ({ ean: ean.badCheckDigit }), status: 400 },
    { problem: 'a site limit above the fuse', change: () => ({ importLimitKw: '130' }), status: 422 },
    { problem: 'a limit below an EVSE of the site', change: () => ({ importLimitKw: '40', exportLimitKw: '40' }), status: 422 },
    { problem: 'a power that is not a decimal string', change: () => ({ importLimitKw: 100 }), status: 400 },
  ])('answers $problem with $status and stores nothing', async ({ change, status }) => {
    const siteId = await siteWithoutConnection('50');
    const ean = eans();
    const response = await callerFor(sut.baseUrl, owner.key)('PUT', `/v1/sites/${siteId}/grid-connection`, { ean: ean.valid, importLimitKw: '100', exportLimitKw: '100', fuseLimitKw: '120', dso: 'Test DSO', ...change(ean) });
    expect(response.status).toBe(status);
    expect(await connectionRows(siteId)).toEqual([]);
  });

  it("refuses an EAN another site has with 409, keeping the other site's connection", async () => {
    const as = callerFor(sut.baseUrl, owner.key);
    const first = await siteWithoutConnection();
    const second = await siteWithoutConnection();
    const ean = eans().valid;
    expect((await as('PUT', `/v1/sites/${first}/grid-connection`, { ean, importLimitKw: '100', exportLimitKw: '100', dso: 'Test DSO' })).status).toBe(201);
    const taken = await as('PUT', `/v1/sites/${second}/grid-connection`, { ean, importLimitKw: '100', exportLimitKw: '100', dso: 'Test DSO' });
    expect(taken.status).toBe(409);
    expect((taken.body as Json).code).toBe('EAN_TAKEN');
    expect(await connectionRows(second)).toEqual([]);
    expect(await connectionRows(first)).toHaveLength(1);
  });

  it("lets the aggregator connect a client's site on its behalf under a delegation, and no one else", async () => {
    const siteId = await siteWithoutConnection();
    const body = { ean: eans().valid, importLimitKw: '100', exportLimitKw: '100', dso: 'Test DSO' };
    const stranger = await seedOrganisation(sut.dataSource, 'fleet_owner');
    expect((await callerFor(sut.baseUrl, stranger.key)('PUT', `/v1/sites/${siteId}/grid-connection`, body)).status).toBe(404);
    const cpo = await seedOrganisation(sut.dataSource, 'cpo');
    expect((await callerFor(sut.baseUrl, cpo.key)('PUT', `/v1/sites/${siteId}/grid-connection`, body)).status).toBe(403);
    const operator = await seedOrganisation(sut.dataSource, 'operator');
    const onBehalf = { key: operator.key, body, headers: { 'x-on-behalf-of': owner.organisationId } };
    expect((await call(sut.baseUrl, 'PUT', `/v1/sites/${siteId}/grid-connection`, onBehalf)).status).toBe(403);
    expect(await connectionRows(siteId)).toEqual([]);

    const delegated = await callerFor(sut.baseUrl, owner.key)('POST', '/v1/delegations', {
      operatorOrganisationId: operator.organisationId, reason: 'grid connection test', validTo: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(delegated.status).toBe(201);
    const connected = await call(sut.baseUrl, 'PUT', `/v1/sites/${siteId}/grid-connection`, onBehalf);
    expect(connected.status).toBe(201);
    expect(await connectionRows(siteId)).toHaveLength(1);
  });
});
