import { randomBytes } from 'node:crypto';
import { MobilityModule } from '@vpp/mobility';
import { OemApiModule } from '@vpp/oem';
import { PrivacyModule } from '@vpp/privacy';
import { call, seedOrganisation, SeededOrganisation } from '../access/access-test-app';
import { PartETestApp, seedSession, startPartETestApp } from '../oem/part-e-test-app';

const suffix = randomBytes(4).toString('hex');
const OEM = `privacy-oem-${suffix}`;
const HOUR = 3_600_000;

interface ExportBody {
  subject: { kind: string; pseudonym: string }[];
  sources: { context: string; table: string; present: boolean; rows: Record<string, unknown>[] }[];
}

describe('personal data: an operator exports and erases what the platform holds about one driver', () => {
  let sut: PartETestApp;
  let operator: SeededOrganisation;
  let owner: SeededOrganisation;
  const driver = { account: `oem-account-${suffix}`, appId: `driver-${suffix}` };
  const other = { account: `oem-account-other-${suffix}`, appId: `driver-other-${suffix}` };
  const identifiers = [
    { kind: 'oem-account', value: driver.account },
    { kind: 'driver', value: driver.appId },
    { kind: 'ocpi-token', value: `TOKEN-${suffix}` },
  ];
  const ids: Record<string, { sessionId: string; vehicleId: string }> = {};

  async function personalRows(): Promise<string> {
    const links: unknown[] = await sut.dataSource.query(`SELECT id, vehicle_id, account_hash FROM oem_links WHERE oem = $1 ORDER BY vehicle_id`, [OEM]);
    const states: unknown[] = await sut.dataSource.query(`SELECT s.vehicle_id FROM vehicle_states s JOIN oem_links l ON l.id = s.oem_link_id WHERE l.oem = $1 ORDER BY 1`, [OEM]);
    const needs: unknown[] = await sut.dataSource.query(`SELECT session_id, driver_hash FROM mobility_needs WHERE session_id = ANY($1::uuid[]) ORDER BY session_id`, [
      [ids.driver.sessionId, ids.other.sessionId],
    ]);
    return JSON.stringify({ links, states, needs });
  }

  beforeAll(async () => {
    sut = await startPartETestApp([PrivacyModule, OemApiModule, MobilityModule], {
      OEM_CLOUDS: JSON.stringify([{ name: OEM, baseUrl: 'http://127.0.0.1:9', auth: { type: 'bearer', token: 'unused' }, webhookSecret: 'whsec-unused-0123456789' }]),
    });
    operator = await seedOrganisation(sut.dataSource, 'operator');
    owner = await seedOrganisation(sut.dataSource, 'fleet_owner');
    for (const [name, person] of [['driver', driver], ['other', other]] as const) {
      ids[name] = await seedSession(sut.dataSource, owner.organisationId, `${name}-${suffix}`, {
        arrivalAt: new Date(Date.now() - HOUR),
        expectedDepartureAt: new Date(Date.now() + 6 * HOUR),
        energyNeedKwh: '20',
      });
      const linked = await call(sut.baseUrl, 'POST', `/v1/vehicles/${ids[name].vehicleId}/oem-link`, {
        key: owner.key,
        body: { oem: OEM, accountId: person.account, oemVehicleRef: `car-${suffix}-${name}` },
      });
      expect(linked.status).toBe(201);
      await sut.dataSource.query(
        `INSERT INTO vehicle_states (oem_link_id, vehicle_id, soc_pct, plugged_in, charging_power_kw, observed_at, received_at, source) VALUES ($1, $2, '50.00', true, '7.400', now(), now(), 'webhook')`,
        [linked.body.id, ids[name].vehicleId],
      );
      const needs = await call(sut.baseUrl, 'PUT', `/v1/sessions/${ids[name].sessionId}/needs`, { key: owner.key, body: { targetSocPct: '80', driverId: person.appId } });
      expect(needs.status).toBe(200);
    }
  });

  afterAll(async () => {
    await sut.close();
  });

  it('exports the driver\'s rows as JSON, found by the keyed hashes, without the raw identifiers', async () => {
    const response = await call(sut.baseUrl, 'POST', '/v1/personal-data/export', { key: operator.key, body: { identifiers } });
    expect(response.status).toBe(200);
    const body = response.body as unknown as ExportBody;
    const byTable = Object.fromEntries(body.sources.map((source) => [source.table, source]));
    expect(byTable.oem_links.rows.map((row) => row.vehicle_id)).toEqual([ids.driver.vehicleId]);
    expect(byTable.mobility_needs.rows.map((row) => row.session_id)).toEqual([ids.driver.sessionId]);
    // libs/ocpi stores token uid hashes now (test/ocpi/personal-data.e2e-spec.ts); none for this driver
    expect(byTable.ocpi_sessions).toMatchObject({ present: true, rows: [] });
    const text = JSON.stringify(body);
    for (const raw of [driver.account, driver.appId, `TOKEN-${suffix}`]) expect(text).not.toContain(raw);
    expect(text).not.toContain(ids.other.vehicleId);
  });

  it('erases the driver (deleting OEM links and states, unlinking needs) in one audited transaction; the other driver keeps everything', async () => {
    const before = JSON.parse(await personalRows()) as { links: unknown[]; states: unknown[]; needs: { session_id: string; driver_hash: string | null }[] };
    expect(before.links).toHaveLength(2);
    const response = await call(sut.baseUrl, 'POST', '/v1/personal-data/erase', { key: operator.key, body: { identifiers } });
    expect(response.status).toBe(200);
    expect(response.body.sources).toEqual(
      expect.arrayContaining([
        { context: 'oem', table: 'oem_links', action: 'delete', present: true, rows: 1 },
        { context: 'mobility', table: 'mobility_needs', action: 'unlink', present: true, rows: 1 },
      ]),
    );
    const after = JSON.parse(await personalRows()) as typeof before;
    expect(after.links).toEqual(before.links.filter((link) => (link as { vehicle_id: string }).vehicle_id === ids.other.vehicleId));
    expect(after.states).toEqual([{ vehicle_id: ids.other.vehicleId }]);
    expect(after.needs).toEqual(
      before.needs.map((row) => (row.session_id === ids.driver.sessionId ? { ...row, driver_hash: null } : row)),
    );
    const audit: { action: string }[] = await sut.dataSource.query(`SELECT action FROM audit_log WHERE organisation_id = $1 ORDER BY chain_position`, [operator.organisationId]);
    expect(audit.map((entry) => entry.action)).toEqual(['personal_data.export', 'personal_data.erase']);

    const again = await call(sut.baseUrl, 'POST', '/v1/personal-data/export', { key: operator.key, body: { identifiers } });
    expect((again.body as unknown as ExportBody).sources.every((source) => source.rows.length === 0)).toBe(true);
  });

  it('is for operator admins only, and refuses bad subjects', async () => {
    const forbidden = await call(sut.baseUrl, 'POST', '/v1/personal-data/export', { key: owner.key, body: { identifiers } });
    expect(forbidden.status).toBe(403);
    const badKind = await call(sut.baseUrl, 'POST', '/v1/personal-data/erase', { key: operator.key, body: { identifiers: [{ kind: 'email', value: 'jan@example.com' }] } });
    expect(badKind.status).toBe(400);
    const empty = await call(sut.baseUrl, 'POST', '/v1/personal-data/erase', { key: operator.key, body: { identifiers: [] } });
    expect(empty.status).toBe(400);
  });
});
