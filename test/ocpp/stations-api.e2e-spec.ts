import { randomUUID } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AccessModule } from '@vpp/access';
import { loadConfig } from '@vpp/config';
import { EnsureFleetUseCase, UpsertExternalLocationUseCase } from '@vpp/fleet';
import { OcppApiModule, OcppStationEntity } from '@vpp/ocpp';
import { baseUrlOf, databaseModules, startHttpTestApp } from '@vpp/testing';
import { call, seedOrganisation, SeededOrganisation } from '../access/access-test-app';

describe('OCPP stations API (/v1/ocpp/stations)', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let dataSource: DataSource;
  let owner: SeededOrganisation;
  let other: SeededOrganisation;
  let fleetId: string;
  let siteId: string;

  beforeAll(async () => {
    const config = loadConfig();
    app = await startHttpTestApp([...databaseModules(4), AccessModule, OcppApiModule], { appName: 'ocpp-api-test', config });
    baseUrl = baseUrlOf(app);
    dataSource = app.get<DataSource>(getDataSourceToken());
    owner = await seedOrganisation(dataSource, 'fleet_owner');
    other = await seedOrganisation(dataSource, 'fleet_owner');
    ({ fleetId, siteId } = await dataSource.transaction(async (manager) => {
      const fleet = await new EnsureFleetUseCase().execute(manager, { organisationId: owner.organisationId, name: 'buses' });
      const site = await new UpsertExternalLocationUseCase().execute(manager, {
        party: { countryCode: 'NL', partyId: owner.organisationId },
        externalLocationId: 'depot-1',
        organisationId: owner.organisationId,
        fleetId: fleet,
        name: 'depot',
        country: 'NL',
        innovationCluster: 'depot',
        timezone: 'Europe/Amsterdam',
      });
      return { fleetId: fleet, siteId: site.siteId };
    }));
  });

  afterAll(async () => {
    await app.close();
  });

  function body(stationId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      stationId,
      password: 'a-long-enough-password-42',
      countryCode: 'NL',
      declaredBidirectional: true,
      fleetId,
      siteId,
      evses: [{ evseNumber: 1, currentType: 'DC', phases: 3, maxPowerKw: '22', bidirectional: true }],
      ...overrides,
    };
  }

  it('registers a station with its password hashed, maps its EVSE into the fleet site, and audits it', async () => {
    const stationId = `API-${randomUUID().slice(0, 8)}`;
    const response = await call(baseUrl, 'POST', '/v1/ocpp/stations', { key: owner.key, body: body(stationId) });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ stationId, connected: false, ocppVersion: null, declaredBidirectional: true, fleetId, siteId });
    const row = await dataSource.getRepository(OcppStationEntity).findOneByOrFail({ stationId });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain('a-long-enough-password-42');
    const evses: unknown[] = await dataSource.query(`SELECT 1 FROM external_ids WHERE entity_type = 'evse' AND party_id = $1 AND external_id = $2`, [owner.organisationId, `${stationId}/1`]);
    expect(evses).toHaveLength(1);
    const audit: unknown[] = await dataSource.query(`SELECT 1 FROM audit_log WHERE action = 'ocpp_station.register' AND entity_id = $1`, [row.id]);
    expect(audit).toHaveLength(1);

    const read = await call(baseUrl, 'GET', `/v1/ocpp/stations/${stationId}`, { key: owner.key });
    expect(read.status).toBe(200);
    expect((await call(baseUrl, 'GET', `/v1/ocpp/stations/${stationId}`, { key: other.key })).status).toBe(404);
    expect((await call(baseUrl, 'POST', '/v1/ocpp/stations', { key: owner.key, body: body(stationId) })).status).toBe(409);
  });

  it.each([
    { problem: 'a short password', change: { password: 'short' }, status: 400 },
    { problem: 'a station id with a colon', change: { stationId: 'bad:id' }, status: 400 },
    { problem: 'a power that is not a decimal string', change: { evses: [{ evseNumber: 1, currentType: 'DC', phases: 3, maxPowerKw: 22, bidirectional: true }] }, status: 400 },
  ])('answers $problem with $status and stores nothing', async ({ change, status }) => {
    const stationId = `API-${randomUUID().slice(0, 8)}`;
    const response = await call(baseUrl, 'POST', '/v1/ocpp/stations', { key: owner.key, body: { ...body(stationId), ...change } });
    expect(response.status).toBe(status);
    expect(await dataSource.getRepository(OcppStationEntity).countBy({ organisationId: owner.organisationId, stationId })).toBe(0);
  });

  it("refuses another tenant's fleet and site as not found, storing nothing", async () => {
    const stationId = `API-${randomUUID().slice(0, 8)}`;
    const response = await call(baseUrl, 'POST', '/v1/ocpp/stations', { key: other.key, body: body(stationId) });
    expect(response.status).toBe(404);
    expect(await dataSource.getRepository(OcppStationEntity).countBy({ stationId })).toBe(0);
  });
});
