import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AccessModule } from '@vpp/access';
import { loadConfig } from '@vpp/config';
import { Award, AwardStore, MarketsApiModule } from '@vpp/markets';
import { baseUrlOf, databaseModules, startHttpTestApp } from '@vpp/testing';
import { TimeRange } from '@vpp/units';
import { SeededOrganisation, call, seedOrganisation } from '../access/access-test-app';
import { anAward, seedPortfolio } from './gateways-fixtures';

Logger.overrideLogger(false);
jest.setTimeout(60_000);

// The BRP API (issue 5, item 5) behind the production HTTP setup: per portfolio and ISP of a
// delivery day, nominated schedule, awarded positions per market and the imbalance adjustment,
// as JSON and CSV, only for the portfolios whose BRP reference is one of the BRP's party codes.
describe('BRP API (/v1/brp)', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let dataSource: DataSource;
  let operator: SeededOrganisation;
  let brp: SeededOrganisation;
  let otherBrp: SeededOrganisation;
  let fleetOwner: SeededOrganisation;
  let portfolioId: string;
  let otherPortfolioId: string;
  const code = `871${randomUUID().replace(/\D/g, '').slice(0, 10)}`;

  const award = (direction: Award['direction'], market: Award['market'], start: string, end: string, mw: string, labels: string[] = []): Award =>
    anAward(portfolioId, market, direction, TimeRange.of(new Date(start), new Date(end)), mw, labels);

  beforeAll(async () => {
    const config = loadConfig();
    app = await startHttpTestApp([...databaseModules(4), AccessModule, MarketsApiModule], { appName: 'brp-api-test', config });
    baseUrl = baseUrlOf(app);
    dataSource = app.get<DataSource>(getDataSourceToken());
    operator = await seedOrganisation(dataSource, 'operator');
    brp = await seedOrganisation(dataSource, 'brp');
    otherBrp = await seedOrganisation(dataSource, 'brp');
    fleetOwner = await seedOrganisation(dataSource, 'fleet_owner');
    portfolioId = await seedPortfolio(dataSource, fleetOwner.organisationId, code);
    otherPortfolioId = await seedPortfolio(dataSource, fleetOwner.organisationId, `${code}9`);
    // Delivery day 2023-03-15 (96 ISPs from 2023-03-14T23:00Z): 0.4 MW bought 23:00-00:00Z, 0.8 MW sold
    // 17:00-18:00Z, FCR 1 MW in block 00-04 (23:00-03:00Z, labelled assumed).
    await dataSource.transaction((manager) =>
      new AwardStore().insert(
        manager,
        'gate.sdac-nl.20230314T2300Z',
        [
          award('buy', 'day-ahead', '2023-03-14T23:00:00Z', '2023-03-15T00:00:00Z', '0.4'),
          award('sell', 'day-ahead', '2023-03-15T17:00:00Z', '2023-03-15T18:00:00Z', '0.8'),
          award('symmetric', 'fcr', '2023-03-14T23:00:00Z', '2023-03-15T03:00:00Z', '1', ['FCR clearing price ASSUMED']),
        ],
        new Date(),
      ),
    );
  });

  afterAll(async () => {
    await app.close();
  });

  it('lets operators link a BRP to its party code, and only BRP organisations', async () => {
    const linked = await call(baseUrl, 'POST', '/v1/brp-party-codes', { key: operator.key, body: { organisationId: brp.organisationId, code } });
    expect(linked.status).toBe(201);
    expect((await call(baseUrl, 'POST', '/v1/brp-party-codes', { key: operator.key, body: { organisationId: brp.organisationId, code } })).status).toBe(201);
    expect((await call(baseUrl, 'POST', '/v1/brp-party-codes', { key: operator.key, body: { organisationId: otherBrp.organisationId, code } })).status).toBe(409);
    expect((await call(baseUrl, 'POST', '/v1/brp-party-codes', { key: operator.key, body: { organisationId: fleetOwner.organisationId, code: `${code}7` } })).status).toBe(404);
    expect((await call(baseUrl, 'POST', '/v1/brp-party-codes', { key: brp.key, body: { organisationId: brp.organisationId, code: `${code}8` } })).status).toBe(403);
  });

  it('answers per ISP with the awarded positions per market and flags what is not recorded', async () => {
    const listed = await call(baseUrl, 'GET', '/v1/brp/portfolios', { key: brp.key });
    expect(listed.status).toBe(200);
    expect((listed.body.portfolios as { portfolioId: string }[]).map((p) => p.portfolioId)).toEqual([portfolioId]);

    const response = await call(baseUrl, 'GET', `/v1/brp/portfolios/${portfolioId}/positions?deliveryDay=2023-03-15`, { key: brp.key });
    expect(response.status).toBe(200);
    const body = response.body as unknown as { flags: string[]; labels: string[]; brpReference: string; isps: { isp: number; ispStart: string; nominatedKw: string | null; dayAheadMw: string; fcrMw: string; imbalanceAdjustmentKwh: string }[] };
    expect(body.brpReference).toBe(code);
    expect(body.flags).toEqual(['no_plan_stored', 'no_activations_recorded']);
    expect(body.labels).toEqual(['FCR clearing price ASSUMED']);
    expect(body.isps).toHaveLength(96);
    const at = (n: number): (typeof body.isps)[number] => body.isps[n - 1];
    expect([at(1).ispStart, at(1).dayAheadMw, at(1).fcrMw, at(1).nominatedKw, at(1).imbalanceAdjustmentKwh]).toEqual(['2023-03-14T23:00:00.000Z', '0.4', '1', null, '0']);
    expect([at(4).dayAheadMw, at(5).dayAheadMw, at(16).fcrMw, at(17).fcrMw]).toEqual(['0.4', '0', '1', '0']);
    // 17:00Z is 18 h after the day's start: ISPs 73..76 carry the sale, negative = feed-in.
    expect([at(72).dayAheadMw, at(73).dayAheadMw, at(76).dayAheadMw, at(77).dayAheadMw]).toEqual(['0', '-0.8', '-0.8', '0']);
  });

  it('serves the same positions as CSV', async () => {
    const response = await fetch(`${baseUrl}/v1/brp/portfolios/${portfolioId}/positions?deliveryDay=2023-03-15&format=csv`, { headers: { 'x-api-key': brp.key } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(97);
    expect(lines[0]).toBe('isp,isp_start,isp_end,nominated_kw,day_ahead_mw,idcons_mw,fcr_mw,afrr_up_mw,afrr_down_mw,imbalance_adjustment_kwh,flags,labels');
    expect(lines[1]).toBe('1,2023-03-14T23:00:00.000Z,2023-03-14T23:15:00.000Z,,0.4,0,1,0,0,0,no_plan_stored;no_activations_recorded,FCR clearing price ASSUMED');
    expect(lines[73].split(',').slice(0, 5)).toEqual(['73', '2023-03-15T17:00:00.000Z', '2023-03-15T17:15:00.000Z', '', '-0.8']);
  });

  it('keeps other BRPs, other roles and bad days out', async () => {
    const path = `/v1/brp/portfolios/${portfolioId}/positions?deliveryDay=2023-03-15`;
    expect((await call(baseUrl, 'GET', path, { key: otherBrp.key })).status).toBe(404);
    expect((await call(baseUrl, 'GET', `/v1/brp/portfolios/${otherPortfolioId}/positions?deliveryDay=2023-03-15`, { key: brp.key })).status).toBe(404);
    expect((await call(baseUrl, 'GET', '/v1/brp/portfolios', { key: otherBrp.key })).body.portfolios).toEqual([]);
    expect((await call(baseUrl, 'GET', path, { key: fleetOwner.key })).status).toBe(403);
    expect((await call(baseUrl, 'GET', path)).status).toBe(401);
    expect((await call(baseUrl, 'GET', `/v1/brp/portfolios/${portfolioId}/positions?deliveryDay=2023-02-30`, { key: brp.key })).status).toBe(400);
    expect((await call(baseUrl, 'GET', `/v1/brp/portfolios/${portfolioId}/positions?deliveryDay=2023-03-15&format=xml`, { key: brp.key })).status).toBe(400);
  });
});
