import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JobName } from '@vpp/queues';
import { IssuePortfolioStatementsUseCase, SettlementMeterRepository } from '@vpp/settlement';
import type { PutSettlementPricesOutcome, SettlementContractView, SettlementDayPricesView } from '@vpp/settlement';
import { DeliveryDay } from '@vpp/units';
import { createScratchDatabase, ScratchDatabase } from '../../libs/queues/test/queue-test-kit';
import { seedOrganisation, SeededOrganisation } from '../access/access-test-app';
import { fleet, FLEET_A, PORTFOLIO_0, seedWorld } from './settlement-fixture';
import { startSettlementHttpApp } from './settlement-http-app';

// The operator API of settlement contracts and prices on a database of its own: HTTP with API
// keys, delegations over the API, everything read back from the tables.
const SETTLED_DAY = DeliveryDay.containing(new Date()).plusDays(-2);
const PRICE_DAY = DeliveryDay.of('2026-06-10');
const SHORT_DAY = DeliveryDay.of('2026-03-29');

interface Reply<T> {
  readonly status: number;
  readonly body: T;
}

describe('settlement contracts and prices (/v1, operator API)', () => {
  let db: ScratchDatabase;
  let app: NestFastifyApplication;
  let baseUrl: string;
  let operator: SeededOrganisation;
  let operatorMember: SeededOrganisation;
  let ownerA: SeededOrganisation;
  let ownerB: SeededOrganisation;
  const fleetA = randomUUID();
  const fleetB = randomUUID();

  async function call<T = Record<string, unknown>>(method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const text = typeof body === 'string';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': text ? 'text/csv' : 'application/json' }), ...headers },
      body: body === undefined ? undefined : text ? body : JSON.stringify(body),
    });
    const raw = await response.text();
    return { status: response.status, body: (raw.length > 0 ? JSON.parse(raw) : {}) as T };
  }
  const onBehalfOf = (organisationId: string) => ({ 'x-on-behalf-of': organisationId });
  const count = async (sql: string, parameters: unknown[] = []): Promise<number> => {
    const [row]: { n: string }[] = await db.dataSource.query(sql, parameters);
    return Number.parseInt(row.n, 10);
  };
  const contractRows = (fleetId: string) => count(`SELECT count(*) AS n FROM settlement_contracts WHERE fleet_id = $1`, [fleetId]);
  const auditRows = (action: string) => count(`SELECT count(*) AS n FROM audit_log WHERE action = $1`, [action]);

  const contract = (overrides: Record<string, unknown> = {}) => ({
    validFrom: '2026-01-01T00:00:00Z',
    validTo: '2026-07-01T00:00:00Z',
    aggregatorRef: operator.organisationId,
    vehicleOwnerRef: ownerA.organisationId,
    terms: [
      { kind: 'cpo-fee-per-session', payee: { role: 'cpo', partyRef: 'cpo-org-1' }, rate: '0.25' },
      { kind: 'driver-reward-per-plugged-hour', payee: null, rate: '0.010000' },
      { kind: 'revenue-share', payee: { role: 'aggregator', partyRef: operator.organisationId }, rate: '60.5' },
      { kind: 'revenue-share', payee: { role: 'fleet-owner', partyRef: ownerA.organisationId }, rate: '39.5' },
    ],
    ...overrides,
  });
  const dayPrices = (day: DeliveryDay, price: (i: number) => string) => ({
    source: 'test: ASSUMED prices',
    prices: day.isps().map((isp, i) => ({ intervalStart: isp.start.toISOString(), priceEurPerMwh: price(i) })),
  });

  beforeAll(async () => {
    db = await createScratchDatabase();
    await seedWorld(db.dataSource, SETTLED_DAY, 0);
    operator = await seedOrganisation(db.dataSource, 'operator');
    operatorMember = await seedOrganisation(db.dataSource, 'operator', 'member');
    ownerA = await seedOrganisation(db.dataSource, 'fleet_owner');
    ownerB = await seedOrganisation(db.dataSource, 'fleet_owner');
    await db.dataSource.transaction(async (manager) => {
      await fleet(manager, fleetA, ownerA.organisationId);
      await fleet(manager, fleetB, ownerB.organisationId);
    });

    ({ app, baseUrl } = await startSettlementHttpApp(db.url, 'settlement-admin-api-test'));

    // Owner A delegates to the operator (over the API); owner B does too, for the isolation checks.
    const validTo = new Date(Date.now() + 86_400_000).toISOString();
    for (const owner of [ownerA, ownerB]) {
      const granted = await call('POST', '/v1/delegations', owner.key, { operatorOrganisationId: operator.organisationId, reason: 'settlement admin test', validTo });
      expect(granted.status).toBe(201);
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('contracts', () => {
    const id1 = randomUUID();
    const path = (fleetId: string, contractId = id1) => `/v1/fleets/${fleetId}/settlement-contracts/${contractId}`;

    it('puts a contract on the owner\'s behalf (201), answers the same body again with 200 and writes it once, audited', async () => {
      const created = await call<SettlementContractView>('PUT', path(fleetA), operator.key, contract(), onBehalfOf(ownerA.organisationId));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: id1, fleetId: fleetA, validFrom: '2026-01-01T00:00:00.000Z', validTo: '2026-07-01T00:00:00.000Z' });
      expect(created.body.terms.map((t) => t.rate)).toEqual(['0.25', '0.01', '60.5', '39.5']);
      // The same contract, rates written differently (0.250 = 0.25): the stored one, 200, nothing written.
      const terms = contract().terms.map((t) => (t.rate === '0.25' ? { ...t, rate: '0.250' } : t));
      const again = await call<SettlementContractView>('PUT', path(fleetA), operator.key, contract({ terms }), onBehalfOf(ownerA.organisationId));
      expect([again.status, again.body]).toEqual([200, created.body]);
      expect(await contractRows(fleetA)).toBe(1);
      const [audit]: { organisation_id: string; on_behalf_of_organisation_id: string }[] = await db.dataSource.query(
        `SELECT organisation_id, on_behalf_of_organisation_id FROM audit_log WHERE action = 'settlement_contract.create' AND entity_id = $1`,
        [id1],
      );
      expect(audit).toEqual({ organisation_id: ownerA.organisationId, on_behalf_of_organisation_id: ownerA.organisationId });
      expect(await auditRows('settlement_contract.create')).toBe(1);
      // Stored as numeric: the rate column holds the decimal, not a float.
      const rates: { rate: string }[] = await db.dataSource.query(`SELECT rate::text AS rate FROM settlement_contract_terms WHERE contract_id = $1 ORDER BY term_no`, [id1]);
      expect(rates.map((r) => r.rate)).toEqual(['0.250000', '0.010000', '60.500000', '39.500000']);

      // Operator and owner read it back; the list is ordered by validFrom.
      const list = await call<SettlementContractView[]>('GET', `/v1/fleets/${fleetA}/settlement-contracts`, ownerA.key);
      expect([list.status, list.body]).toEqual([200, [created.body]]);
      const one = await call<SettlementContractView>('GET', path(fleetA), operator.key, undefined, onBehalfOf(ownerA.organisationId));
      expect([one.status, one.body]).toEqual([200, created.body]);
      expect((await call('GET', path(fleetA, randomUUID()), ownerA.key)).status).toBe(404);
    });

    it('refuses an overlapping validity and other content under a stored id (409), and takes the next version from where the last ends', async () => {
      const who = onBehalfOf(ownerA.organisationId);
      const overlap = await call<{ code: string }>('PUT', path(fleetA, randomUUID()), operator.key, contract({ validFrom: '2026-06-30T22:00:00Z', validTo: null }), who);
      expect([overlap.status, overlap.body.code]).toEqual([409, 'SETTLEMENT_CONTRACT_OVERLAP']);
      const edited = await call<{ code: string }>('PUT', path(fleetA), operator.key, contract({ validTo: '2026-08-01T00:00:00Z' }), who);
      expect([edited.status, edited.body.code]).toEqual([409, 'SETTLEMENT_CONTRACT_EXISTS']);
      // The id of fleet A's contract under fleet B (B's owner delegated too): refused, not moved.
      const moved = await call<{ code: string }>('PUT', path(fleetB), operator.key, contract({ vehicleOwnerRef: ownerB.organisationId }), onBehalfOf(ownerB.organisationId));
      expect([moved.status, moved.body.code]).toEqual([409, 'SETTLEMENT_CONTRACT_EXISTS']);
      expect(await contractRows(fleetA)).toBe(1);
      expect(await contractRows(fleetB)).toBe(0);

      const next = await call('PUT', path(fleetA, randomUUID()), operator.key, contract({ validFrom: '2026-07-01T00:00:00Z', validTo: null }), who);
      expect(next.status).toBe(201);
      const list = await call<SettlementContractView[]>('GET', `/v1/fleets/${fleetA}/settlement-contracts`, operator.key, undefined, who);
      expect(list.body.map((c) => [c.validFrom, c.validTo])).toEqual([
        ['2026-01-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'],
        ['2026-07-01T00:00:00.000Z', null],
      ]);
    });

    it.each([
      ['shares summing to 90', { terms: [{ kind: 'revenue-share', payee: { role: 'aggregator', partyRef: 'x' }, rate: '90' }] }, 400],
      ['a negative rate', { terms: [{ kind: 'revenue-share', payee: { role: 'aggregator', partyRef: 'x' }, rate: '-5' }, { kind: 'revenue-share', payee: { role: 'fleet-owner', partyRef: 'y' }, rate: '105' }] }, 400],
      ['a rate as a JSON number', { terms: [{ kind: 'revenue-share', payee: { role: 'aggregator', partyRef: 'x' }, rate: 100 }] }, 400],
      ['a rate with 7 decimals', { terms: [{ kind: 'cpo-fee-per-session', payee: { role: 'cpo', partyRef: 'c' }, rate: '0.0000001' }, { kind: 'revenue-share', payee: { role: 'aggregator', partyRef: 'x' }, rate: '100' }] }, 400],
      ['a payee role outside the vocabulary', { terms: [{ kind: 'revenue-share', payee: { role: 'landlord', partyRef: 'x' }, rate: '100' }] }, 400],
      ['an unknown term kind', { terms: [{ kind: 'bonus', payee: { role: 'aggregator', partyRef: 'x' }, rate: '100' }] }, 400],
      ['validTo before validFrom', { validFrom: '2027-02-01T00:00:00Z', validTo: '2027-01-01T00:00:00Z' }, 400],
      ['a local time without Z', { validFrom: '2027-02-01T00:00:00', validTo: null }, 400],
      ['an unknown field', { discount: '5' }, 400],
      ['a CPO fee paid to the aggregator', { validFrom: '2027-01-01T00:00:00Z', validTo: null, terms: [{ kind: 'cpo-fee-per-session', payee: { role: 'aggregator', partyRef: 'x' }, rate: '1' }, { kind: 'revenue-share', payee: { role: 'aggregator', partyRef: 'x' }, rate: '100' }] }, 422],
      ['a driver reward with a payee', { validFrom: '2027-01-01T00:00:00Z', validTo: null, terms: [{ kind: 'driver-reward-per-kwh-shifted', payee: { role: 'driver', partyRef: 'd' }, rate: '1' }, { kind: 'revenue-share', payee: { role: 'aggregator', partyRef: 'x' }, rate: '100' }] }, 422],
      ['two shares for one payee', { validFrom: '2027-01-01T00:00:00Z', validTo: null, terms: [{ kind: 'revenue-share', payee: { role: 'aggregator', partyRef: 'x' }, rate: '50' }, { kind: 'revenue-share', payee: { role: 'aggregator', partyRef: 'x' }, rate: '50' }] }, 422],
    ])('refuses %s with nothing written', async (_label, overrides, status) => {
      const before = [await contractRows(fleetB), await auditRows('settlement_contract.create')];
      const refused = await call<{ code: string }>('PUT', path(fleetB, randomUUID()), operator.key, contract({ vehicleOwnerRef: ownerB.organisationId, ...overrides }), onBehalfOf(ownerB.organisationId));
      expect(refused.status).toBe(status);
      expect(refused.body.code).toBe(status === 400 ? 'VALIDATION_FAILED' : 'SETTLEMENT_CONTRACT_INVALID');
      expect([await contractRows(fleetB), await auditRows('settlement_contract.create')]).toEqual(before);
    });

    it('keeps tenants apart: another tenant\'s fleet is not found, non-operators and non-admins are refused', async () => {
      const body = contract({ validFrom: '2028-01-01T00:00:00Z', validTo: null });
      const fresh = () => path(fleetA, randomUUID());
      // The operator in its own tenant, and under owner B's delegation, does not see owner A's fleet.
      expect((await call('PUT', fresh(), operator.key, body)).status).toBe(404);
      expect((await call('PUT', fresh(), operator.key, body, onBehalfOf(ownerB.organisationId))).status).toBe(404);
      expect((await call('GET', `/v1/fleets/${fleetA}/settlement-contracts`, operator.key, undefined, onBehalfOf(ownerB.organisationId))).status).toBe(404);
      expect((await call('GET', `/v1/fleets/${fleetA}/settlement-contracts`, ownerB.key)).status).toBe(404);
      expect((await call('GET', `/v1/fleets/${randomUUID()}/settlement-contracts`, ownerA.key)).status).toBe(404);
      // The fleet owner itself does not write contracts, nor does an operator's non-admin.
      expect((await call('PUT', fresh(), ownerA.key, body)).status).toBe(403);
      expect((await call('PUT', fresh(), operatorMember.key, body)).status).toBe(403);
      expect((await fetch(`${baseUrl}${fresh()}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status).toBe(401);
      expect((await call('PUT', `/v1/fleets/${fleetA}/settlement-contracts/not-a-uuid`, operator.key, body, onBehalfOf(ownerA.organisationId))).status).toBe(400);
      expect(await contractRows(fleetA)).toBe(2);
    });
  });

  describe('prices', () => {
    const path = (day: DeliveryDay, market = 'day-ahead', zone = 'NL') => `/v1/settlement-prices/${market}/${zone}/${day.isoDate}`;
    const stored = async (day: DeliveryDay, market = 'day-ahead'): Promise<string[]> =>
      (
        await db.dataSource.query(
          `SELECT concat(isp_start, '=', price_eur_per_mwh, '|', source) AS row FROM settlement_prices WHERE market = $1 AND bidding_zone = 'NL' AND isp_start >= $2 AND isp_start < $3 ORDER BY isp_start`,
          [market, day.start, day.end],
        )
      ).map((r: { row: string }) => r.row);

    it('takes every ISP of the day once (201), the same again changes nothing (200), and CSV hourly prices replace the day', async () => {
      const created = await call<PutSettlementPricesOutcome>('PUT', path(PRICE_DAY), operator.key, dayPrices(PRICE_DAY, (i) => `${i - 20}.125`));
      expect(created.status).toBe(201);
      expect([created.body.status, created.body.resolutionMinutes, created.body.isps.length, created.body.restatement]).toEqual(['created', 15, 96, null]);
      expect(await stored(PRICE_DAY)).toHaveLength(96);
      expect((await stored(PRICE_DAY))[0]).toMatch(/=-20\.12500\|test: ASSUMED prices$/);

      const again = await call<PutSettlementPricesOutcome>('PUT', path(PRICE_DAY), operator.key, dayPrices(PRICE_DAY, (i) => `${i - 20}.12500`));
      expect([again.status, again.body.status]).toEqual([200, 'unchanged']);
      expect(await auditRows('settlement_prices.replace_day')).toBe(1);

      // ARCHITECTURE.md section 6 layout, hourly: each hour's price on its four ISPs.
      const csv = ['timestamp_utc,price_eur_mwh', ...PRICE_DAY.isps().filter((_, i) => i % 4 === 0).map((isp, h) => `${isp.start.toISOString()},${h * 10}`)].join('\n');
      const replaced = await call<PutSettlementPricesOutcome>('PUT', `${path(PRICE_DAY)}?source=${encodeURIComponent('EPEX NL hourly (test)')}`, operator.key, `${csv}\n`);
      expect([replaced.status, replaced.body.status, replaced.body.resolutionMinutes, replaced.body.restatement]).toEqual([200, 'replaced', 60, null]);
      const read = await call<SettlementDayPricesView>('GET', path(PRICE_DAY), operator.key);
      expect(read.body.source).toBe('EPEX NL hourly (test)');
      expect(read.body.isps.map((p) => p.priceEurPerMwh).slice(0, 6)).toEqual(['0', '0', '0', '0', '10', '10']);
      expect(read.body.isps).toHaveLength(96);
      expect(await auditRows('settlement_prices.replace_day')).toBe(2);

      // The 23-hour day has 92 ISPs; an aFRR energy market is its own series.
      const short = await call<PutSettlementPricesOutcome>('PUT', path(SHORT_DAY, 'afrr-energy-up'), operator.key, dayPrices(SHORT_DAY, () => '150'));
      expect([short.status, short.body.isps.length]).toEqual([201, 92]);
      expect(await stored(SHORT_DAY, 'afrr-energy-up')).toHaveLength(92);
    });

    it.each([
      ['a missing ISP', (b: ReturnType<typeof dayPrices>) => ({ ...b, prices: b.prices.slice(1) }), 422],
      ['a repeated ISP', (b: ReturnType<typeof dayPrices>) => ({ ...b, prices: [...b.prices.slice(1), b.prices[2]] }), 422],
      ['the next day\'s first ISP', (b: ReturnType<typeof dayPrices>) => ({ ...b, prices: [...b.prices.slice(1), { intervalStart: PRICE_DAY.end.toISOString(), priceEurPerMwh: '1' }] }), 422],
      ['a price as a JSON number', (b: ReturnType<typeof dayPrices>) => ({ ...b, prices: b.prices.map((p, i) => (i === 0 ? { ...p, priceEurPerMwh: 12 } : p)) }), 400],
      ['a price with 6 decimals', (b: ReturnType<typeof dayPrices>) => ({ ...b, prices: b.prices.map((p, i) => (i === 0 ? { ...p, priceEurPerMwh: '1.000001' } : p)) }), 400],
      ['no source', (b: ReturnType<typeof dayPrices>) => ({ prices: b.prices }), 400],
    ])('refuses %s with the day left as it was', async (_label, broken, status) => {
      const before = await stored(PRICE_DAY);
      const refused = await call<{ code: string }>('PUT', path(PRICE_DAY), operator.key, broken(dayPrices(PRICE_DAY, () => '77')));
      expect([refused.status, refused.body.code]).toEqual([status, status === 400 ? 'VALIDATION_FAILED' : 'SETTLEMENT_PRICES_INVALID']);
      expect(await stored(PRICE_DAY)).toEqual(before);
    });

    it('refuses a bad path, bad CSV, and anyone but an operator admin acting for itself', async () => {
      const before = await stored(PRICE_DAY);
      const body = dayPrices(PRICE_DAY, () => '77');
      expect((await call('PUT', path(PRICE_DAY, 'fcr'), operator.key, body)).status).toBe(400);
      expect((await call('PUT', path(PRICE_DAY, 'day-ahead', 'nl'), operator.key, body)).status).toBe(400);
      expect((await call('PUT', '/v1/settlement-prices/day-ahead/NL/2026-02-30', operator.key, body)).status).toBe(400);
      expect((await call('PUT', `${path(PRICE_DAY)}?source=x`, operator.key, 'timestamp_utc,price\n2026-06-09T22:00:00Z,1\n')).status).toBe(400);
      expect((await call('PUT', `${path(PRICE_DAY)}?source=x`, operator.key, 'timestamp_utc,price_eur_mwh\n2026-06-09 22:00,1\n')).status).toBe(400);
      expect((await call('PUT', path(PRICE_DAY), operator.key, 'timestamp_utc,price_eur_mwh\n2026-06-09T22:00:00Z,1\n')).status).toBe(400);
      expect((await call('PUT', path(PRICE_DAY), ownerA.key, body)).status).toBe(403);
      expect((await call('PUT', path(PRICE_DAY), operatorMember.key, body)).status).toBe(403);
      expect((await call('PUT', path(PRICE_DAY), operator.key, body, onBehalfOf(ownerA.organisationId))).status).toBe(403);
      expect((await call('GET', path(PRICE_DAY), ownerA.key)).status).toBe(403);
      expect(await stored(PRICE_DAY)).toEqual(before);
    });

    it('restates a settled day whose prices change: a close-day job under a new revision, then a new statement version of delta lines', async () => {
      const meter = app.get(SettlementMeterRepository);
      const issue = app.get(IssuePortfolioStatementsUseCase);
      const settle = () =>
        db.dataSource.transaction(async (manager) => {
          await meter.aggregate(manager, PORTFOLIO_0, SETTLED_DAY.range, true);
          return issue.execute(manager, PORTFOLIO_0, SETTLED_DAY);
        });
      expect(await settle()).toMatchObject({ kind: 'settled', issued: 2 });
      const closeDays = () => count(`SELECT count(*) AS n FROM outbox WHERE job_name = $1 AND payload->>'deliveryDay' = $2`, [JobName.CloseDay, SETTLED_DAY.isoDate]);
      expect(await closeDays()).toBe(0);

      // The fixture's prices (ISPs 0-1 at 100, 2-3 at 40, then a pattern) put again: unchanged, no restatement.
      const fixture: { isp_start: Date; price: string }[] = await db.dataSource.query(
        `SELECT isp_start, price_eur_per_mwh::text AS price FROM settlement_prices WHERE market = 'day-ahead' AND bidding_zone = 'NL' AND isp_start >= $1 AND isp_start < $2 ORDER BY isp_start`,
        [SETTLED_DAY.start, SETTLED_DAY.end],
      );
      const same = { source: 'test (ASSUMED)', prices: fixture.map((row) => ({ intervalStart: row.isp_start.toISOString(), priceEurPerMwh: row.price })) };
      const unchanged = await call<PutSettlementPricesOutcome>('PUT', path(SETTLED_DAY), operator.key, same);
      expect([unchanged.status, unchanged.body.status, unchanged.body.restatement, await closeDays()]).toEqual([200, 'unchanged', null, 0]);

      // ISP 0 and 1 now at 200 EUR/MWh: the day is restated.
      const changed = { source: 'test: corrected publication', prices: same.prices.map((p, i) => (i < 2 ? { ...p, priceEurPerMwh: '200' } : p)) };
      const replaced = await call<PutSettlementPricesOutcome>('PUT', path(SETTLED_DAY), operator.key, changed);
      expect([replaced.status, replaced.body.status, replaced.body.restatement?.statementsAffected]).toEqual([200, 'replaced', 2]);
      const revision = replaced.body.restatement?.revision ?? '';
      expect(revision).toMatch(/^[1-9]\d+$/);
      const jobs: { payload: { revision: string; idempotencyKey: string } }[] = await db.dataSource.query(`SELECT payload FROM outbox WHERE job_name = $1 AND payload->>'deliveryDay' = $2`, [
        JobName.CloseDay,
        SETTLED_DAY.isoDate,
      ]);
      expect(jobs.map((j) => j.payload.revision)).toEqual([revision]);
      const [audit]: { after: { restatementRevision: string; source: string } }[] = await db.dataSource.query(
        `SELECT after FROM audit_log WHERE action = 'settlement_prices.replace_day' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
        [`day-ahead/NL/${SETTLED_DAY.isoDate}`],
      );
      expect(audit.after).toMatchObject({ restatementRevision: revision, source: 'test: corrected publication' });

      // What that job's statement stage does: fleet A (which charged in ISPs 0-1) gets version 2 with delta lines.
      expect(await settle()).toMatchObject({ kind: 'settled' });
      const versions: { fleet_id: string; version: number; deltas: string }[] = await db.dataSource.query(
        `SELECT s.fleet_id, s.version, (SELECT count(*) FROM settlement_ledger_entries e WHERE e.statement_id = s.id AND e.corrects_statement_id IS NOT NULL)::text AS deltas
           FROM settlement_statements s WHERE s.portfolio_id = $1 AND s.status = 'issued' ORDER BY s.fleet_id, s.version`,
        [PORTFOLIO_0],
      );
      const ofA = versions.filter((v) => v.fleet_id === FLEET_A);
      expect(ofA.map((v) => v.version)).toEqual([1, 2]);
      expect(Number.parseInt(ofA[1].deltas, 10)).toBeGreaterThan(0);
    });
  });
});
