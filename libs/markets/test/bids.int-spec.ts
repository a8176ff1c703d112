import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditLogRepository } from '@vpp/access';
import { loadConfig } from '@vpp/config';
import { ReservationLedger } from '@vpp/flexibility';
import { createDataSource } from '@vpp/persistence';
import { Block, Decimal, DeliveryDay, Isp } from '@vpp/units';
import { BidRecorder } from '../src/application/bids/bid-recorder';
import { BidStatusUpdater } from '../src/application/bids/bid-status-updater';
import { BuildingBidPreparer } from '../src/application/bids/building-bid-preparer';
import type { PortfolioPlanSource } from '../src/application/bids/portfolio-plan-source';
import { PrepareCongestionBidsUseCase } from '../src/application/bids/prepare-congestion-bids.use-case';
import { MarketProductCatalog } from '../src/application/market-product-catalog';
import type { BuiltBid } from '../src/domain/bids/built-bid';
import { aPlan } from '../src/domain/bids/plan.fixture';
import type { PortfolioDayPlan } from '../src/domain/bids/portfolio-day-plan';
import { marketGateKey, type MarketGate } from '../src/domain/calendar/market-gate';
import type { Market } from '../src/domain/products/market-product';
import { productGateClosure } from '../src/domain/products/product-gate';
import { resolveProductRules } from '../src/domain/products/resolve-product-rules';
import { MarketProductRepository } from '../src/infrastructure/products/market-product.repository';

// Bid building on the migrated vpp_test database: the real catalog (seeded product versions), the
// real reservation ledger and audit log. Plans are given in memory: the builders take plain inputs.
describe('bids: built, validated, reserved, stored and audited', () => {
  let dataSource: DataSource;
  let catalog: MarketProductCatalog;
  let recorder: BidRecorder;
  let ledger: ReservationLedger;
  let updater: BidStatusUpdater;
  const plans = new Map<string, PortfolioDayPlan>();
  const planSource: PortfolioPlanSource = { planFor: async (_manager, portfolioId, day) => (plans.get(`${portfolioId}/${day.isoDate}`)) };
  let now = new Date('2026-06-09T04:00:00Z');
  const clock = { now: () => now };
  let preparer: BuildingBidPreparer;

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig());
    await dataSource.initialize();
    catalog = new MarketProductCatalog(dataSource, new MarketProductRepository(), loadConfig());
    const auditLog = new AuditLogRepository(dataSource);
    recorder = new BidRecorder(auditLog);
    ledger = new ReservationLedger(dataSource);
    updater = new BidStatusUpdater(dataSource, auditLog);
    preparer = new BuildingBidPreparer(catalog, recorder, planSource, clock);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  async function aPortfolio(markets: string[], prequalifiedKw: Record<string, string>): Promise<{ portfolioId: string; organisationId: string }> {
    const organisationId = randomUUID();
    const portfolioId = randomUUID();
    await dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, $2, 'operator', 'NL', now())`, [organisationId, `bids-test ${organisationId}`]);
      await manager.query(`INSERT INTO portfolios (id, organisation_id, name, bidding_zone, created_at, updated_at) VALUES ($1, $2, 'pool', 'NL', now(), now())`, [portfolioId, organisationId]);
      await manager.query(`INSERT INTO portfolio_markets (portfolio_id, market) SELECT $1, unnest($2::text[])`, [portfolioId, markets]);
      for (const [product, kw] of Object.entries(prequalifiedKw)) {
        await manager.query(`INSERT INTO portfolio_prequalifications (portfolio_id, product, capacity_kw, updated_at) VALUES ($1, $2, $3, now())`, [portfolioId, product, kw]);
      }
    });
    return { portfolioId, organisationId };
  }

  const available = (portfolioId: string, day: DeliveryDay, upKw: string, downKw: string) =>
    ledger.setAvailability(portfolioId, day.isps().flatMap((isp) => [
      { ispStart: isp.start, direction: 'up' as const, availableKw: new Decimal(upKw) },
      { ispStart: isp.start, direction: 'down' as const, availableKw: new Decimal(downKw) },
    ]));

  async function gateOf(market: Market, productCode: string, day: DeliveryDay): Promise<MarketGate> {
    const rules = resolveProductRules(await catalog.versions(), market, productCode, day.start);
    const gateClosureAt = productGateClosure(rules, day)!;
    return { key: marketGateKey(productCode, day.start), market, productCode, productVersionId: rules.id, deliveryDay: day.isoDate, period: day.range, gateClosureAt, prepareAt: gateClosureAt };
  }

  const storedBids = (portfolioId: string) =>
    dataSource.query(
      `SELECT b.id, b.status, b.direction, b.period_start, b.refusal_reasons, b.reservation_id, b.known_at, b.built_from, b.pair_ref, b.location_ean,
              coalesce(json_agg(json_build_array(p.price::text, p.quantity_mw::text) ORDER BY p.point_index) FILTER (WHERE p.bid_id IS NOT NULL), '[]') AS points
         FROM bids b LEFT JOIN bid_points p ON p.bid_id = b.id WHERE b.portfolio_id = $1 GROUP BY b.id ORDER BY b.period_start, b.direction, b.bid_key`,
      [portfolioId],
    ) as Promise<{ id: string; status: string; direction: string; period_start: Date; refusal_reasons: { code: string }[]; reservation_id: string | null; known_at: Date; built_from: Record<string, unknown>; pair_ref: string | null; location_ean: string | null; points: [string, string][] }[]>;

  const num = (text: string): string => new Decimal(text).toFixed();

  describe('refusals', () => {
    const DAY = DeliveryDay.of('2026-06-10');
    const mtu = DAY.isps()[40];
    const points = (...pairs: [string, string][]) => pairs.map(([price, quantityMw]) => ({ price: new Decimal(price), quantityMw: new Decimal(quantityMw) }));
    const sdac = (variant: string, p: ReturnType<typeof points>): BuiltBid => ({
      draft: { market: 'day-ahead', productCode: 'sdac-nl', direction: 'buy', period: mtu.range, points: p },
      variant,
      reservation: null,
      basis: { case: variant },
    });
    const fcr = (variant: string, mw: string, block = Block.of(DAY, 2)): BuiltBid => ({
      draft: { market: 'fcr', productCode: 'fcr-nl', direction: 'symmetric', period: block.range, points: points(['10', mw]) },
      variant,
      reservation: { product: 'fcr', isps: block.isps().map((isp) => ({ ispStart: isp.start, kw: new Decimal(mw).times(1000) })) },
      basis: { case: variant },
    });

    async function record(owner: { portfolioId: string; organisationId: string }, bids: BuiltBid[], at: Date) {
      const versions = await catalog.versions();
      return dataSource.transaction((manager) =>
        recorder.record(manager, {
          owner,
          bids,
          rulesFor: (bid) => resolveProductRules(versions, bid.draft.market, bid.draft.productCode, bid.draft.period.start),
          knownAt: new Date('2026-06-09T03:00:00Z'),
          now: at,
          gateKey: null,
          builtFrom: { test: 'refusals' },
        }),
      );
    }

    it('refuses, stores with every broken rule and never reserves: below minimum, off tick, beyond limits, too many points, after the gate', async () => {
      const owner = await aPortfolio(['fcr', 'day_ahead'], { fcr: '10000', day_ahead: '10000' });
      await available(owner.portfolioId, DAY, '5000', '5000');
      const tooMany = Array.from({ length: 257 }, (_, i): [string, string] => [`${i}`, '0.1']);
      const beforeGates = new Date('2026-06-09T04:00:00Z');
      const results = await record(owner, [
        fcr('below-minimum', '0.5'),
        sdac('off-tick', points(['-500', '1'], ['40.05', '0'])),
        sdac('above-limit', points(['-500', '1'], ['4000.1', '0'])),
        sdac('below-limit', points(['-500.1', '1'], ['4000', '0'])),
        sdac('too-many-points', points(...tooMany)),
        fcr('fine', '1'),
      ], beforeGates);
      expect(results.map((r) => [r.status, r.refusals.map((x) => x.code)])).toEqual([
        ['refused', ['QUANTITY_BELOW_MINIMUM', 'QUANTITY_OFF_STEP']],
        ['refused', ['PRICE_OFF_TICK']],
        ['refused', ['PRICE_ABOVE_LIMIT']],
        ['refused', ['PRICE_BELOW_LIMIT']],
        ['refused', ['TOO_MANY_CURVE_POINTS']],
        ['reserved', []],
      ]);
      const afterFcrGate = new Date('2026-06-09T06:00:00Z');
      const late = await record(owner, [fcr('late', '1', Block.of(DAY, 3))], afterFcrGate);
      expect(late.map((r) => [r.status, r.refusals.map((x) => x.code)])).toEqual([['refused', ['GATE_CLOSED']]]);
      const stored = await storedBids(owner.portfolioId);
      expect(stored.filter((b) => b.status === 'refused').every((b) => b.reservation_id === null && b.refusal_reasons.length > 0)).toBe(true);
      const held: { n: string }[] = await dataSource.query(`SELECT count(*)::text AS n FROM reservations WHERE portfolio_id = $1 AND status = 'held'`, [owner.portfolioId]);
      expect(held[0].n).toBe('1');
      const audit: { action: string; n: string }[] = await dataSource.query(
        `SELECT action, count(*)::text AS n FROM audit_log WHERE organisation_id = $1 GROUP BY action ORDER BY action`,
        [owner.organisationId],
      );
      expect(audit).toEqual([{ action: 'bid.refused', n: '6' }, { action: 'bid.reserved', n: '1' }]);
    });

    it('refuses with CAPACITY_ALREADY_RESERVED when the ledger has sold the kW already, holding nothing', async () => {
      const owner = await aPortfolio(['fcr', 'afrr'], { fcr: '10000', afrr_up: '10000' });
      await available(owner.portfolioId, DAY, '1500', '1500');
      const block = Block.of(DAY, 4);
      await ledger.reserve(owner.portfolioId, { product: 'afrr_up', reference: 'earlier aFRR', idempotencyKey: randomUUID(), isps: block.isps().map((isp) => ({ ispStart: isp.start, kw: new Decimal(1000) })) });
      const [result] = await record(owner, [fcr('second-sale', '1', block)], new Date('2026-06-09T04:00:00Z'));
      expect([result.status, result.refusals.map((r) => r.code)]).toEqual(['refused', ['CAPACITY_ALREADY_RESERVED']]);
      const reserved: { direction: string; kw: string }[] = await dataSource.query(
        `SELECT direction, max(reserved_kw)::text AS kw FROM ledger_capacity WHERE portfolio_id = $1 GROUP BY direction ORDER BY direction`,
        [owner.portfolioId],
      );
      expect(reserved.map((r) => [r.direction, num(r.kw)])).toEqual([['down', '0'], ['up', '1000']]);
    });
  });

  it('prepares a day-ahead gate: the hand-computed curve, the extra charging reserved, inputs and known_at stored; preparing again adds nothing', async () => {
    const day = DeliveryDay.of('2026-06-10');
    const owner = await aPortfolio(['day_ahead'], { day_ahead: '100000' });
    await available(owner.portfolioId, day, '0', '600');
    plans.set(`${owner.portfolioId}/${day.isoDate}`, aPlan(day, (s) => {
      s.pricesEurPerMwh.fill(40, 8, 10).fill(50, 10, 12);
      s.plannedKw.fill(400, 8, 12);
      s.plannedKw[40] = 200;
      s.latestEnergyKwh.fill(450, 40);
    }, { portfolioId: owner.portfolioId }));
    const gate = await gateOf('day-ahead', 'sdac-nl', day);
    now = new Date('2026-06-09T08:00:00Z');
    const first = await dataSource.transaction((manager) => preparer.prepareGate(gate, manager));
    const mine = first.bids.filter((b) => b.created);
    expect(mine.length).toBeGreaterThanOrEqual(96);
    const stored = await storedBids(owner.portfolioId);
    expect(stored).toHaveLength(96);
    // ISP 8: 0.4 MW flexible up to 50.0; room min(1000 - 400, 600 free in the ledger) = 600 kW -> 0.6 MW more at 40.0.
    expect(stored[8].points.map(([price, mw]) => [num(price), num(mw)])).toEqual([['-500', '1'], ['40', '1'], ['40.1', '0.4'], ['50', '0.4'], ['50.1', '0'], ['4000', '0']]);
    // Every MTU has 600 kW of room in the ledger: every bid holds it (down).
    expect(stored.every((b) => b.status === 'reserved')).toBe(true);
    expect(stored[40].points.map(([price, mw]) => [num(price), num(mw)])).toEqual([['-500', '0.8'], ['40', '0.8'], ['40.1', '0.2'], ['4000', '0.2']]);
    expect(stored[8].known_at.toISOString()).toBe('2026-06-09T04:00:00.000Z');
    expect(stored[8].built_from).toMatchObject({ planRunId: null, aggregateVersion: 'test fixture', priceSource: 'test prices', assumptions: ['test fixture'], bid: { marginalPriceEurPerMwh: 50 } });
    const cells: { kw: string }[] = await dataSource.query(`SELECT DISTINCT reserved_kw::text AS kw FROM ledger_capacity WHERE portfolio_id = $1 AND direction = 'down'`, [owner.portfolioId]);
    expect(cells.map((c) => num(c.kw))).toEqual(['600']);

    now = new Date('2026-06-09T08:20:00Z');
    const again = await dataSource.transaction((manager) => preparer.prepareGate(gate, manager));
    expect(again.bids.filter((b) => b.created)).toEqual([]);
    expect(await storedBids(owner.portfolioId)).toHaveLength(96);
    const reservations: { n: string }[] = await dataSource.query(`SELECT count(*)::text AS n FROM reservations WHERE portfolio_id = $1`, [owner.portfolioId]);
    expect(reservations[0].n).toBe('96');
  }, 60_000);

  it('covers the DST days: 92 and 100 day-ahead MTUs; FCR whole MW per block with the 3- and 5-hour first blocks', async () => {
    for (const [iso, mtus, firstBlockIsps] of [['2026-03-29', 92, 12], ['2026-10-25', 100, 20]] as const) {
      const day = DeliveryDay.of(iso);
      const owner = await aPortfolio(['day_ahead', 'fcr'], { day_ahead: '100000', fcr: '100000' });
      await available(owner.portfolioId, day, '3000', '3000');
      plans.set(`${owner.portfolioId}/${day.isoDate}`, aPlan(day, (s) => {
        s.firmUpKw.fill(2400);
        s.firmDownKw.fill(2400);
      }, { portfolioId: owner.portfolioId, reserves: Block.allOf(day).map((block) => ({ block, fcrMw: 2, afrrUpMw: 0, afrrDownMw: 0 })) }));
      now = new Date(day.start.getTime() - 30 * 3_600_000);
      const fcrGate = await gateOf('fcr', 'fcr-nl', day);
      const daGate = await gateOf('day-ahead', 'sdac-nl', day);
      await dataSource.transaction(async (manager) => {
        await preparer.prepareGate(fcrGate, manager);
        await preparer.prepareGate(daGate, manager);
      });
      const stored = await storedBids(owner.portfolioId);
      const fcr = stored.filter((b) => b.direction === 'symmetric');
      expect({ iso, fcr: fcr.map((b) => [b.status, b.points[0][1]]), buy: stored.filter((b) => b.direction === 'buy').length }).toEqual({
        iso,
        fcr: Array.from({ length: 6 }, () => ['reserved', '2.000']),
        buy: mtus,
      });
      const lines: { n: string }[] = await dataSource.query(
        `SELECT count(*)::text AS n FROM reservation_lines l JOIN bids b ON b.reservation_id = l.reservation_id WHERE b.id = $1 AND l.direction = 'up'`,
        [fcr[0].id],
      );
      expect(lines[0].n).toBe(`${firstBlockIsps}`);
    }
  }, 60_000);

  it('answers a congestion request with paired inside/outside orders per connection EAN, reserved up and down', async () => {
    const owner = await aPortfolio(['congestion'], { congestion: '100000' });
    const day = DeliveryDay.of('2026-06-10');
    await available(owner.portfolioId, day, '5000', '5000');
    const isps = [Isp.startingAt(new Date('2026-06-10T15:00:00Z'))];
    now = new Date('2026-06-10T12:00:00Z');
    const useCase = new PrepareCongestionBidsUseCase(dataSource, catalog, recorder, clock);
    const command = {
      portfolioId: owner.portfolioId,
      request: { id: `req-${randomUUID()}`, congestionPointEan: '871685900000000001', areaEans: new Set(['871685900000000011']), isps, insideDirection: 'sell' as const, requestedMw: new Decimal(2) },
      connections: [
        { ean: '871685900000000011', upKw: [2500], downKw: [0], sessionIds: ['a', 'b'] },
        { ean: '871685900000000021', upKw: [0], downKw: [3000], sessionIds: ['c'] },
      ],
      priceEurPerMwh: () => 80,
      knownAt: new Date('2026-06-10T11:55:00Z'),
      builtFrom: { flexibility: 'test connections' },
    };
    const first = await useCase.execute(command);
    expect(first.map((r) => r.status)).toEqual(['reserved', 'reserved']);
    const stored = await storedBids(owner.portfolioId);
    expect(stored.map((b) => [b.direction, b.location_ean, num(b.points[0][1]), b.pair_ref === stored[0].pair_ref])).toEqual([
      ['buy', '871685900000000021', '2', true],
      ['sell', '871685900000000011', '2', true],
    ]);
    expect((await useCase.execute(command)).map((r) => r.created)).toEqual([false, false]);
  });

  it('moves bids on for the gateways: submitted, then rejected releases the reservation; other moves are refused', async () => {
    const day = DeliveryDay.of('2026-06-11');
    const owner = await aPortfolio(['fcr'], { fcr: '100000' });
    await available(owner.portfolioId, day, '2000', '2000');
    plans.set(`${owner.portfolioId}/${day.isoDate}`, aPlan(day, (s) => {
      s.firmUpKw.fill(1000);
      s.firmDownKw.fill(1000);
    }, { portfolioId: owner.portfolioId, reserves: [{ block: Block.of(day, 0), fcrMw: 1, afrrUpMw: 0, afrrDownMw: 0 }] }));
    now = new Date('2026-06-10T04:00:00Z');
    await dataSource.transaction(async (manager) => preparer.prepareGate(await gateOf('fcr', 'fcr-nl', day), manager));
    const [bid] = await storedBids(owner.portfolioId);
    expect(bid.status).toBe('reserved');
    const at = new Date('2026-06-10T05:00:00Z');
    expect(await updater.update(bid.id, { status: 'submitted', externalRef: 'tso-1' }, at)).toEqual({ bidId: bid.id, from: 'reserved', to: 'submitted', changed: true });
    expect((await updater.update(bid.id, { status: 'submitted', externalRef: 'tso-1' }, at)).changed).toBe(false);
    await updater.update(bid.id, { status: 'rejected', note: 'not cleared' }, at);
    const reservation: { status: string }[] = await dataSource.query(`SELECT status FROM reservations WHERE id = $1`, [bid.reservation_id]);
    expect(reservation[0].status).toBe('released');
    await expect(updater.update(bid.id, { status: 'awarded' }, at)).rejects.toMatchObject({ code: 'BID_STATUS_TRANSITION_REFUSED' });
  });
});
