import { randomUUID } from 'node:crypto';
import { FlexibilityModule } from '@vpp/flexibility';
import { DeliveryDay } from '@vpp/units';
import { call, seedOrganisation, SeededOrganisation } from '../access/access-test-app';
import { aSite } from '../fleet/fleet-test-kit';
import { PartETestApp, startPartETestApp } from '../oem/part-e-test-app';

const DAY = DeliveryDay.of('2026-11-27');
const ISP = (n: number): string => DAY.ispAt(n).start.toISOString();

describe('portfolios and the reservation ledger API (/v1): operators pool sites and trade by hand', () => {
  let sut: PartETestApp;
  let operator: SeededOrganisation;
  let delegatedSiteId: string;
  let foreignSiteId: string;
  let portfolioId: string;

  const as = (who: SeededOrganisation, method: string, path: string, body?: unknown) => call(sut.baseUrl, method, path, { key: who.key, body });

  /** Every row the API could write for the portfolio: equal before and after means nothing was written. */
  async function snapshot(): Promise<string> {
    const tables = ['portfolios WHERE id = $1', 'portfolio_sites WHERE portfolio_id = $1', 'portfolio_prequalifications WHERE portfolio_id = $1', 'ledger_capacity WHERE portfolio_id = $1', 'reservations WHERE portfolio_id = $1'];
    const rows = await Promise.all(tables.map((from) => sut.dataSource.query(`SELECT * FROM ${from} ORDER BY 1, 2`, [portfolioId])));
    return JSON.stringify(rows);
  }

  beforeAll(async () => {
    sut = await startPartETestApp([FlexibilityModule]);
    operator = await seedOrganisation(sut.dataSource, 'operator');
    const delegating = await aSite(sut.dataSource);
    delegatedSiteId = delegating.siteId;
    foreignSiteId = (await aSite(sut.dataSource)).siteId;
    // The fleet owner lets the operator act for it: the operator may pool its site.
    await sut.dataSource.query(
      `INSERT INTO delegations (id, operator_organisation_id, client_organisation_id, granted_by_type, granted_by_id, reason, valid_from, valid_to, created_at)
       VALUES ($1, $2, $3, 'client', $4, 'pooling', now() - interval '1 hour', now() + interval '30 days', now())`,
      [randomUUID(), operator.organisationId, delegating.organisationId, randomUUID()],
    );
  });

  afterAll(async () => {
    await sut.close();
  });

  it('creates a portfolio, refuses a second one of the same name, and validates at the edge', async () => {
    const created = await as(operator, 'POST', '/v1/portfolios', { name: 'NL balancing pool', biddingZone: 'NL', brpReference: '8712423000005', markets: ['fcr', 'afrr'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'NL balancing pool', biddingZone: 'NL', markets: ['afrr', 'fcr'], sites: [], prequalifiedKw: {} });
    portfolioId = created.body.id as string;
    const list = await as(operator, 'GET', '/v1/portfolios');
    expect((list.body as unknown as { id: string }[]).map((p) => p.id)).toEqual([portfolioId]);

    const cases: [unknown, number, string][] = [
      [{ name: 'NL balancing pool', biddingZone: 'NL', markets: ['fcr'] }, 409, 'PORTFOLIO_NAME_TAKEN'],
      [{ name: 'x', biddingZone: 'nl', markets: ['fcr'] }, 422, 'PORTFOLIO_INVALID'],
      [{ name: 'x', biddingZone: 'NL', markets: ['intraday'] }, 400, 'VALIDATION_FAILED'],
      [{ name: 'x', biddingZone: 'NL', markets: ['fcr'], owner: 'me' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const response = await as(operator, 'POST', '/v1/portfolios', body);
      expect({ status: response.status, code: response.body.code, type: response.headers.get('content-type') }).toEqual({ status, code, type: expect.stringContaining('application/problem+json') });
    }
  });

  it("pools a delegating client's site per market, keeps it out of a second pool for the same market, and hides other sites", async () => {
    const assigned = await as(operator, 'PUT', `/v1/portfolios/${portfolioId}/sites/${delegatedSiteId}`);
    expect(assigned.status).toBe(200);
    expect(assigned.body.sites).toEqual([{ siteId: delegatedSiteId, name: 'Depot', markets: ['afrr', 'fcr'] }]);
    expect((await as(operator, 'PUT', `/v1/portfolios/${portfolioId}/sites/${delegatedSiteId}`)).status).toBe(200);
    const foreign = await as(operator, 'PUT', `/v1/portfolios/${portfolioId}/sites/${foreignSiteId}`);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);

    const second = await as(operator, 'POST', '/v1/portfolios', { name: 'NL day-ahead and FCR', biddingZone: 'NL', markets: ['fcr', 'day_ahead'] });
    const clash = await as(operator, 'PUT', `/v1/portfolios/${second.body.id as string}/sites/${delegatedSiteId}`);
    expect([clash.status, clash.body.code]).toEqual([409, 'PORTFOLIO_SITE_ALREADY_POOLED']);
    // All or nothing: not even its day-ahead membership was kept.
    expect((await as(operator, 'GET', `/v1/portfolios/${second.body.id as string}`)).body.sites).toEqual([]);
  });

  it('sets prequalified capacity only for products of its markets', async () => {
    const set = await as(operator, 'PUT', `/v1/portfolios/${portfolioId}/prequalifications`, { capacities: [{ product: 'fcr', capacityKw: '100' }, { product: 'afrr_up', capacityKw: '50.5' }] });
    expect([set.status, set.body.prequalifiedKw]).toEqual([200, { afrr_up: '50.5', fcr: '100' }]);
    const wrong = await as(operator, 'PUT', `/v1/portfolios/${portfolioId}/prequalifications`, { capacities: [{ product: 'day_ahead', capacityKw: '10' }] });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'PORTFOLIO_MARKET_NOT_HELD']);
  });

  it('reserves by hand (201, 200 on a repeated key), refuses what is not free, shows the ledger per ISP and releases', async () => {
    const cells = [1, 2].flatMap((n) => ['up', 'down'].map((direction) => ({ ispStart: ISP(n), direction, availableKw: '80' })));
    const availability = await as(operator, 'PUT', `/v1/portfolios/${portfolioId}/ledger/availability`, { cells });
    expect([availability.status, availability.body]).toEqual([200, { cells: 4 }]);

    const fcr = { product: 'fcr', reference: 'manual FCR trade', idempotencyKey: 'fcr-1', isps: [{ ispStart: ISP(1), kw: '60' }, { ispStart: ISP(2), kw: '60' }] };
    const first = await as(operator, 'POST', `/v1/portfolios/${portfolioId}/reservations`, fcr);
    expect([first.status, first.body.status, (first.body.lines as unknown[]).length]).toEqual([201, 'held', 4]);
    const repeat = await as(operator, 'POST', `/v1/portfolios/${portfolioId}/reservations`, fcr);
    expect([repeat.status, repeat.body.id]).toEqual([200, first.body.id]);
    const tooMuch = await as(operator, 'POST', `/v1/portfolios/${portfolioId}/reservations`, { product: 'afrr_up', reference: 'x', idempotencyKey: 'afrr-1', isps: [{ ispStart: ISP(1), kw: '20.001' }] });
    expect([tooMuch.status, tooMuch.body.code]).toEqual([409, 'LEDGER_INSUFFICIENT_CAPACITY']);
    const afrr = await as(operator, 'POST', `/v1/portfolios/${portfolioId}/reservations`, { product: 'afrr_up', reference: 'x', idempotencyKey: 'afrr-2', isps: [{ ispStart: ISP(1), kw: '20' }] });
    expect(afrr.status).toBe(201);
    const offGrid = await as(operator, 'POST', `/v1/portfolios/${portfolioId}/reservations`, { product: 'afrr_up', reference: 'x', idempotencyKey: 'afrr-3', isps: [{ ispStart: '2026-11-27T10:05:00Z', kw: '1' }] });
    expect([offGrid.status, offGrid.body.code]).toEqual([422, 'LEDGER_INVALID_REQUEST']);

    const ledger = await as(operator, 'GET', `/v1/portfolios/${portfolioId}/ledger/2026-11-27`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.ispCount).toBe(96);
    const isps = ledger.body.isps as { isp: number; up: unknown; down: unknown }[];
    expect(isps[0]).toMatchObject({
      isp: 1,
      up: { availableKw: '80', reservedKw: '80', freeKw: '0', reservedByProductKw: { fcr: '60', afrr_up: '20' } },
      down: { availableKw: '80', reservedKw: '60', freeKw: '20', reservedByProductKw: { fcr: '60' } },
    });
    expect(isps[2]).toMatchObject({ isp: 3, up: { availableKw: '0', reservedKw: '0', freeKw: '0' } });
    expect((await as(operator, 'GET', `/v1/portfolios/${portfolioId}/ledger/2026-02-30`)).status).toBe(400);

    const below = await as(operator, 'PUT', `/v1/portfolios/${portfolioId}/ledger/availability`, { cells: [{ ispStart: ISP(1), direction: 'up', availableKw: '79' }] });
    expect([below.status, below.body.code]).toEqual([409, 'LEDGER_AVAILABLE_BELOW_RESERVED']);

    const released = await as(operator, 'POST', `/v1/portfolios/${portfolioId}/reservations/${first.body.id as string}/release`, { reason: 'not awarded' });
    expect([released.status, released.body.status, released.body.releaseReason]).toEqual([200, 'released', 'not awarded']);
    const after = await as(operator, 'GET', `/v1/portfolios/${portfolioId}/ledger/2026-11-27`);
    expect((after.body.isps as { up: unknown }[])[0]).toMatchObject({ up: { reservedKw: '20', freeKw: '60', reservedByProductKw: { afrr_up: '20' } } });
  });

  it('answers another operator 404 and other roles 403 on every route, and writes nothing', async () => {
    const intruder = await seedOrganisation(sut.dataSource, 'operator');
    const fleetOwner = await seedOrganisation(sut.dataSource, 'fleet_owner');
    const reservation: { id: string }[] = await sut.dataSource.query(`SELECT id FROM reservations WHERE portfolio_id = $1 LIMIT 1`, [portfolioId]);
    const routes: [string, string, unknown][] = [
      ['GET', `/v1/portfolios/${portfolioId}`, undefined],
      ['PUT', `/v1/portfolios/${portfolioId}/sites/${delegatedSiteId}`, undefined],
      ['DELETE', `/v1/portfolios/${portfolioId}/sites/${delegatedSiteId}`, undefined],
      ['PUT', `/v1/portfolios/${portfolioId}/prequalifications`, { capacities: [{ product: 'fcr', capacityKw: '1' }] }],
      ['GET', `/v1/portfolios/${portfolioId}/ledger/2026-11-27`, undefined],
      ['PUT', `/v1/portfolios/${portfolioId}/ledger/availability`, { cells: [{ ispStart: ISP(5), direction: 'up', availableKw: '1' }] }],
      ['POST', `/v1/portfolios/${portfolioId}/reservations`, { product: 'afrr_up', reference: 'x', idempotencyKey: 'steal', isps: [{ ispStart: ISP(1), kw: '1' }] }],
      ['GET', `/v1/portfolios/${portfolioId}/reservations/${reservation[0].id}`, undefined],
      ['POST', `/v1/portfolios/${portfolioId}/reservations/${reservation[0].id}/release`, {}],
    ];
    const before = await snapshot();
    const answers: string[] = [];
    for (const [method, path, body] of routes) {
      answers.push(`${(await as(intruder, method, path, body)).status}/${(await as(fleetOwner, method, path, body)).status}`);
    }
    expect(answers).toEqual(routes.map(() => '404/403'));
    expect((await as(intruder, 'GET', '/v1/portfolios')).body).toEqual([]);
    expect(await snapshot()).toBe(before);
  });
});
