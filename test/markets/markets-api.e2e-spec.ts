import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AccessModule } from '@vpp/access';
import { loadConfig } from '@vpp/config';
import { MarketsApiModule } from '@vpp/markets';
import { baseUrlOf, databaseModules, startHttpTestApp } from '@vpp/testing';
import { SeededOrganisation, call, seedOrganisation } from '../access/access-test-app';

Logger.overrideLogger(false);

// The operator routes of libs/markets behind the production HTTP setup and access control.
describe('markets API (/v1/market-products, /v1/market-events)', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let operator: SeededOrganisation;
  let fleetOwner: SeededOrganisation;

  beforeAll(async () => {
    const config = loadConfig();
    app = await startHttpTestApp([...databaseModules(4), AccessModule, MarketsApiModule], { appName: 'markets-test', config });
    baseUrl = baseUrlOf(app);
    const dataSource = app.get<DataSource>(getDataSourceToken());
    operator = await seedOrganisation(dataSource, 'operator');
    fleetOwner = await seedOrganisation(dataSource, 'fleet_owner');
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists every product version with its unverified fields and decimal strings', async () => {
    const response = await call(baseUrl, 'GET', '/v1/market-products', { key: operator.key });
    expect(response.status).toBe(200);
    const products = response.body.products as { productCode: string; validity: { from: string }; priceMax: string | null; verified: boolean; unverifiedFields: string[] }[];
    expect(products).toHaveLength(12);
    // GOPACS product terms v1.0 (2020-11), v2.0 (2023-05-09), v3.0 (2024-10-02), the earlier two unverified in their numbers.
    const idcons = products.filter((p) => p.productCode === 'idcons-nl').map((p) => [p.validity.from, p.verified]);
    expect(idcons).toEqual([
      ['2020-10-31T23:00:00.000Z', false],
      ['2023-05-08T22:00:00.000Z', false],
      ['2024-10-01T22:00:00.000Z', false],
    ]);
    const sdac = products.filter((p) => p.productCode === 'sdac-nl').map((p) => [p.validity.from, p.priceMax]);
    expect(sdac).toEqual([
      ['2014-02-03T23:00:00.000Z', '3000'],
      ['2022-05-10T22:00:00.000Z', '4000'],
      ['2025-09-30T22:00:00.000Z', '4000'],
    ]);
    expect(products.every((p) => p.verified === (p.unverifiedFields.length === 0))).toBe(true);
  });

  it('shows market events to operators only', async () => {
    const ok = await call(baseUrl, 'GET', '/v1/market-events?since=2026-01-01T00:00:00%2B01:00&limit=5', { key: operator.key });
    expect(ok.status).toBe(200);
    expect(Array.isArray(ok.body.events)).toBe(true);
    expect((await call(baseUrl, 'GET', '/v1/market-events', { key: fleetOwner.key })).status).toBe(403);
    expect((await call(baseUrl, 'GET', '/v1/market-events')).status).toBe(401);
    expect((await call(baseUrl, 'GET', '/v1/market-events?limit=0', { key: operator.key })).status).toBe(400);
  });
});
