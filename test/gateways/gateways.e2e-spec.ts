import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { AuditLogRepository } from '@vpp/access';
import { AppConfig, loadConfig } from '@vpp/config';
import { ReservationLedger } from '@vpp/flexibility';
import {
  AwardStore,
  BidPreparer,
  BidQueries,
  BidStatusUpdater,
  clientOrderIdFor,
  CollectGateResultsUseCase,
  CounterpartyGateways,
  GateBidSubmitter,
  GatewaySubmissionStore,
  HttpExchangeGateway,
  HttpTradingPlatformGateway,
  HttpTsoBalancingGateway,
  MarketCalendarProcessor,
  MarketGate,
  MarketGateStore,
  MarketProductCatalog,
  MarketProductRepository,
  MissedGateAlerts,
  PlanMarketCalendarUseCase,
  PrepareMarketGateUseCase,
  readDayAheadPrices,
  StoredGateBids,
  SubmittingBidPreparer,
} from '@vpp/markets';
import { JobName, QueueName } from '@vpp/queues';
import { DeliveryDay, parseDecimal, TimeRange } from '@vpp/units';
import { SimulatedExchange } from '../../apps/simulator/src/exchange/simulated-exchange';
import { readAfrrMarginalPrices } from '../../apps/simulator/src/tso-market/afrr-capacity-auction.reader';
import { SimulatedTsoMarket } from '../../apps/simulator/src/tso-market/simulated-tso-market';
import { createScratchDatabase, ScratchDatabase } from '../../libs/queues/test/queue-test-kit';
import { seedOrganisation } from '../access/access-test-app';
import { hour, makeAvailable, planGate, seedPortfolio, SetClock, storeReservedBid } from './gateways-fixtures';

Logger.overrideLogger(false);
jest.setTimeout(60_000);

export const BRP_CODE = '8712423010208';

/** Bid building's part, replaced by a step that lets a test move the markets clock during the gate job. */
class TestBuilder implements BidPreparer {
  readonly name = 'test-builder';
  onPrepare: () => void = () => undefined;
  async prepare(): Promise<void> {
    this.onPrepare();
  }
}

// Gateways and awards on real PostgreSQL with the simulated exchange and TSO over loopback HTTP
// (issue 5, items 4 and 5). Own database: the gate jobs write outbox rows that no relay of another
// test file may claim. Bids are stored as bid building stores them (`bids`, status reserved, with
// real ledger reservations); the calendar's PrepareMarketGateUseCase runs the gate.
describe('market gateways and awards', () => {
  let db: ScratchDatabase;
  let config: AppConfig;
  let exchange: SimulatedExchange;
  let tso: SimulatedTsoMarket;
  let ledger: ReservationLedger;
  let prepare: PrepareMarketGateUseCase;
  let collect: CollectGateResultsUseCase;
  let processor: MarketCalendarProcessor;
  let portfolioId: string;
  let organisationId: string;
  const clock = new SetClock(new Date('2023-03-14T10:45:00Z'));
  const builder = new TestBuilder();
  const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);
  const statusOf = async (bidId: string): Promise<string> => (await query<{ status: string }>(`SELECT status FROM bids WHERE id = $1`, [bidId]))[0].status;
  const reservationStatusOf = async (bidId: string): Promise<string> =>
    (await query<{ status: string }>(`SELECT r.status FROM reservations r JOIN bids b ON b.reservation_id = r.id WHERE b.id = $1`, [bidId]))[0].status;

  beforeAll(async () => {
    const dataDir = loadConfig().dataDir;
    exchange = new SimulatedExchange(readDayAheadPrices(join(dataDir, 'prices-nl-dayahead-2023.csv')));
    const fcrPrices = loadConfig().gateways.sim.fcrPricesEurPerMwH.map(parseDecimal);
    tso = new SimulatedTsoMarket(readAfrrMarginalPrices(join(dataDir, 'afrr-capacity-auction-de-2021-2023.csv')), fcrPrices);
    const [exchangeUrl, tsoUrl] = [await exchange.server.start(), await tso.server.start()];
    config = loadConfig({ GATEWAYS_EXCHANGE_URL: exchangeUrl, GATEWAYS_TSO_URL: tsoUrl, GATEWAYS_REQUEST_TIMEOUT_MS: '2000', GATEWAYS_REQUEST_ATTEMPTS: '2' });
    db = await createScratchDatabase();
    const ds = db.dataSource;
    ledger = new ReservationLedger(ds);
    const store = new MarketGateStore();
    const alerts = new MissedGateAlerts(ds, store);
    const bids = new StoredGateBids(new BidQueries(ds), new BidStatusUpdater(ds, new AuditLogRepository(ds)));
    const gateways = new CounterpartyGateways(new HttpTsoBalancingGateway(config), new HttpExchangeGateway(config), new HttpTradingPlatformGateway(config));
    const submissions = new GatewaySubmissionStore();
    const submitter = new GateBidSubmitter(gateways, submissions, bids, clock, config);
    prepare = new PrepareMarketGateUseCase(ds, store, alerts, new SubmittingBidPreparer(builder, submitter), clock);
    collect = new CollectGateResultsUseCase(ds, store, submissions, new AwardStore(), gateways, bids, clock, config);
    const plan = new PlanMarketCalendarUseCase(ds, new MarketProductCatalog(ds, new MarketProductRepository(), config), store, alerts, config);
    processor = new MarketCalendarProcessor(ds, plan, prepare, alerts, clock, config);
    organisationId = (await seedOrganisation(ds, 'fleet_owner')).organisationId;
    portfolioId = await seedPortfolio(ds, organisationId, BRP_CODE);
    for (const day of ['2023-03-15', '2023-03-16', '2021-01-01']) await makeAvailable(ledger, portfolioId, DeliveryDay.of(day));
  });

  afterAll(async () => {
    await exchange.server.stop();
    await tso.server.stop();
    await db.drop();
  });

  // Delivery day 2023-03-15 (CET, starts 2023-03-14T23:00Z); historical NL prices of the hours used
  // (prices-nl-dayahead-2023.csv, EUR/MWh): 23:00Z 155.80, 00:00Z 114.20, 01:00Z 115.90, 02:00Z 108.21,
  // 17:00Z 182.30, 18:00Z 199.11. Buy curve (price EUR/MWh, MW): (50.0, 2.0) (120.0, 1.2) (160.0, 0.4);
  // sell curve (110.0, 0.3) (150.0, 0.8). Hand-computed, step-wise:
  //   A buy  23:00Z at 155.80: points >= 155.80 -> (160.0, 0.4)            -> 0.4 MW awarded at 155.80
  //   B buy  00:00Z at 114.20: (120.0, 1.2) (160.0, 0.4) -> largest        -> 1.2 MW at 114.20
  //   C buy  01:00Z at 115.90: same                                         -> 1.2 MW at 115.90
  //   D sell 02:00Z at 108.21: no sell point <= 108.21                      -> not awarded, reservation released
  //   E sell 17:00Z at 182.30: (110.0, 0.3) (150.0, 0.8) -> largest        -> 0.8 MW sold at 182.30
  //   F buy  18:00Z at 199.11: no buy point >= 199.11                       -> not awarded, reservation released
  const BUY = [['50.0', '2.0'], ['120.0', '1.2'], ['160.0', '0.4']] as const;
  const SELL = [['110.0', '0.3'], ['150.0', '0.8']] as const;
  let daGate: MarketGate;
  const da: Record<string, string> = {};

  it('submits a day-ahead gate by bid status and clears it into hand-computed awards at the historical NL prices', async () => {
    const day = DeliveryDay.of('2023-03-15');
    daGate = await planGate(db.dataSource, 'day-ahead', 'sdac-nl', day, new Date('2023-03-14T11:00:00Z'));
    const bid = (direction: 'buy' | 'sell', start: string, points: typeof BUY | typeof SELL): Promise<string> =>
      storeReservedBid(db.dataSource, ledger, portfolioId, daGate, { productCode: 'sdac-nl', market: 'day-ahead', direction, period: hour(start), points });
    da.A = await bid('buy', '2023-03-14T23:00:00Z', BUY);
    da.B = await bid('buy', '2023-03-15T00:00:00Z', BUY);
    da.C = await bid('buy', '2023-03-15T01:00:00Z', BUY);
    da.D = await bid('sell', '2023-03-15T02:00:00Z', SELL);
    da.E = await bid('sell', '2023-03-15T17:00:00Z', SELL);
    da.F = await bid('buy', '2023-03-15T18:00:00Z', BUY);

    clock.set(new Date('2023-03-14T10:45:00Z'));
    expect(await prepare.execute(daGate.key)).toEqual({ outcome: 'prepared', gate: daGate });
    expect(exchange.book.size).toBe(6);
    for (const id of Object.values(da)) expect(await statusOf(id)).toBe('submitted');
    // Results are collected 45 min after the gate (11:45Z), 60 min after this run.
    const collectJobs = await query<{ idempotency_key: string; delay_s: string }>(
      `SELECT idempotency_key, extract(epoch FROM available_at - created_at)::bigint::text AS delay_s FROM outbox WHERE job_name = $1`,
      [JobName.CollectGateResults],
    );
    expect(collectJobs).toEqual([{ idempotency_key: `collect.${daGate.key}`, delay_s: '3600' }]);

    clock.set(new Date('2023-03-14T11:50:00Z'));
    expect(await collect.execute(daGate.key)).toEqual({ gateKey: daGate.key, awards: 4, awardedBids: 4, notAwardedBids: 2 });
    const awards = await query<{ bid_id: string; period_start: Date; direction: string; quantity_mw: string; price: string; price_unit: string; pricing: string }>(
      `SELECT bid_id, period_start, direction, quantity_mw::text, price::text, price_unit, pricing FROM market_awards WHERE gate_key = $1 ORDER BY period_start`,
      [daGate.key],
    );
    expect(awards.map((a) => [a.bid_id, a.period_start.toISOString(), a.direction, a.quantity_mw, a.price])).toEqual([
      [da.A, '2023-03-14T23:00:00.000Z', 'buy', '0.400', '155.8000'],
      [da.B, '2023-03-15T00:00:00.000Z', 'buy', '1.200', '114.2000'],
      [da.C, '2023-03-15T01:00:00.000Z', 'buy', '1.200', '115.9000'],
      [da.E, '2023-03-15T17:00:00.000Z', 'sell', '0.800', '182.3000'],
    ]);
    expect(new Set(awards.map((a) => `${a.price_unit} ${a.pricing}`))).toEqual(new Set(['EUR/MWh pay-as-cleared']));
    for (const id of [da.A, da.B, da.C, da.E]) expect([await statusOf(id), await reservationStatusOf(id)]).toEqual(['awarded', 'held']);
    for (const id of [da.D, da.F]) expect([await statusOf(id), await reservationStatusOf(id)]).toEqual(['rejected', 'released']);
    // The awards go to dispatch planning: one planning job per portfolio and gate.
    const planning = await query<{ queue: string; payload: { portfolioId: string; deliveryDay: string } }>(`SELECT queue, payload FROM outbox WHERE job_name = $1`, [
      JobName.PlanAwardedDispatch,
    ]);
    expect(planning.map((p) => [p.queue, p.payload.portfolioId, p.payload.deliveryDay])).toEqual([[QueueName.Planning, portfolioId, '2023-03-15']]);
  });

  it('releases each non-awarded reservation exactly once and stores nothing twice when results are read again', async () => {
    const freeKwAt = async (isoStart: string, direction: string): Promise<string> =>
      (await query<{ reserved_kw: string }>(`SELECT reserved_kw::text FROM ledger_capacity WHERE portfolio_id = $1 AND isp_start = $2 AND direction = $3`, [portfolioId, isoStart, direction]))[0]
        .reserved_kw;
    expect(await freeKwAt('2023-03-15T02:00:00Z', 'up')).toBe('0.000');
    expect(await freeKwAt('2023-03-15T18:00:00Z', 'down')).toBe('0.000');
    expect(await freeKwAt('2023-03-15T00:00:00Z', 'down')).toBe('2000.000');
    expect(await collect.execute(daGate.key)).toEqual({ gateKey: daGate.key, awards: 0, awardedBids: 0, notAwardedBids: 0 });
    expect(await freeKwAt('2023-03-15T02:00:00Z', 'up')).toBe('0.000');
    expect((await query<{ n: string }>(`SELECT count(*)::text AS n FROM market_awards WHERE gate_key = $1`, [daGate.key]))[0].n).toBe('4');
    expect((await query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_log WHERE entity_id = $1 AND action = 'bid.rejected'`, [da.D]))[0].n).toBe('1');
  });

  it('resends after a crash under the same client order id: the exchange replaces, never doubles, the order', async () => {
    const rows = await query<{ client_order_id: string }>(`SELECT client_order_id FROM gateway_submissions WHERE bid_id = $1`, [da.B]);
    const bid = {
      bidId: da.B,
      portfolioId,
      market: 'day-ahead' as const,
      productCode: 'sdac-nl',
      direction: 'buy' as const,
      period: hour('2023-03-15T00:00:00Z'),
      points: BUY.map(([price, mw]) => ({ price: parseDecimal(price), quantityMw: parseDecimal(mw) })),
      locationEan: null,
      reservationId: null,
    };
    expect(rows[0].client_order_id).toBe(clientOrderIdFor(daGate.key, bid));
    const acks = await new HttpExchangeGateway(config).submitCurveOrders([{ clientOrderId: rows[0].client_order_id, bid }], new Date(Date.now() + 10_000));
    expect(acks).toEqual([{ clientOrderId: rows[0].client_order_id, accepted: true, reason: null }]);
    expect(exchange.book.size).toBe(6);
  });

  // Delivery day 2021-01-01; DE aFRR capacity marginal prices (de_marginal_capacity_price_eur_per_mw_h,
  // EUR/MW/h) of the blocks used: POS 00-04 1.5650, POS 04-08 2.2500, NEG 00-04 5.5825. Pay-as-bid:
  //   up 00-04, 2 MW at 1.50 <= 1.5650 -> 2 MW awarded at 1.50; up 04-08, 1 MW at 2.30 > 2.25 -> not awarded;
  //   down 00-04, 1 MW at 5.5825 = marginal -> 1 MW at 5.5825.
  // FCR against the configured (ASSUMED) series 14,12,15,16,13,17 EUR/MW/h, pay-as-cleared:
  //   00-04, 1 MW at 10.00 <= 14 -> 1 MW at 14; 04-08, 1 MW at 12.50 > 12 -> not awarded.
  it('clears aFRR capacity against the real block marginal price and FCR against the assumed price, labelled', async () => {
    const day = DeliveryDay.of('2021-01-01');
    const block0 = TimeRange.of(new Date('2020-12-31T23:00:00Z'), new Date('2021-01-01T03:00:00Z'));
    const block1 = TimeRange.of(new Date('2021-01-01T03:00:00Z'), new Date('2021-01-01T07:00:00Z'));
    const afrrGate = await planGate(db.dataSource, 'afrr', 'afrr-capacity-nl', day, new Date('2020-12-31T08:00:00Z'));
    const fcrGate = await planGate(db.dataSource, 'fcr', 'fcr-nl', day, new Date('2020-12-31T07:00:00Z'));
    const afrr = (direction: 'up' | 'down', period: TimeRange, price: string, mw: string): Promise<string> =>
      storeReservedBid(db.dataSource, ledger, portfolioId, afrrGate, { productCode: 'afrr-capacity-nl', market: 'afrr', direction, period, points: [[price, mw]] });
    const fcr = (period: TimeRange, price: string): Promise<string> =>
      storeReservedBid(db.dataSource, ledger, portfolioId, fcrGate, { productCode: 'fcr-nl', market: 'fcr', direction: 'symmetric', period, points: [[price, '1']] });
    const upAwarded = await afrr('up', block0, '1.50', '2');
    const upNot = await afrr('up', block1, '2.30', '1');
    const downAtMarginal = await afrr('down', block0, '5.5825', '1');
    const fcrAwarded = await fcr(block0, '10.00');
    const fcrNot = await fcr(block1, '12.50');

    clock.set(new Date('2020-12-31T06:40:00Z'));
    expect(await prepare.execute(fcrGate.key)).toMatchObject({ outcome: 'prepared' });
    expect(await prepare.execute(afrrGate.key)).toMatchObject({ outcome: 'prepared' });
    clock.set(new Date('2020-12-31T09:00:00Z'));
    expect(await collect.execute(fcrGate.key)).toMatchObject({ awardedBids: 1, notAwardedBids: 1 });
    expect(await collect.execute(afrrGate.key)).toMatchObject({ awardedBids: 2, notAwardedBids: 1 });

    const awards = await query<{ bid_id: string; quantity_mw: string; price: string; pricing: string; labels: string[] }>(
      `SELECT bid_id, quantity_mw::text, price::text, pricing, labels FROM market_awards WHERE gate_key = ANY($1) ORDER BY product_code, direction DESC`,
      [[fcrGate.key, afrrGate.key]],
    );
    expect(awards.map((a) => [a.bid_id, a.quantity_mw, a.price, a.pricing])).toEqual([
      [upAwarded, '2.000', '1.5000', 'pay-as-bid'],
      [downAtMarginal, '1.000', '5.5825', 'pay-as-bid'],
      [fcrAwarded, '1.000', '14.0000', 'pay-as-cleared'],
    ]);
    expect(awards[0].labels.join(' ')).toContain('DE auction data used for NL');
    expect(awards[2].labels.join(' ')).toContain('ASSUMED');
    for (const id of [upNot, fcrNot]) expect([await statusOf(id), await reservationStatusOf(id)]).toEqual(['rejected', 'released']);
  });

  it('retries a counterparty that is down until the gate, then raises the calendar missed-gate alert; nothing is sent', async () => {
    const day = DeliveryDay.of('2023-03-16');
    const gate = await planGate(db.dataSource, 'day-ahead', 'sdac-nl', day, new Date('2023-03-15T11:00:00Z'));
    const bidId = await storeReservedBid(db.dataSource, ledger, portfolioId, gate, {
      productCode: 'sdac-nl',
      market: 'day-ahead',
      direction: 'buy',
      period: hour('2023-03-16T08:00:00Z'),
      points: BUY,
    });
    exchange.server.setDown(true);
    try {
      const payload = { schemaVersion: 1 as const, correlationId: 'test', idempotencyKey: `prepare.${gate.key}`, gateKey: gate.key, round: '1' };
      const context = { queue: QueueName.Bidding, jobName: JobName.PrepareMarketGate, jobId: 'test', attempt: 5 };
      // Round 1, last attempt, before the gate: the exchange answers 503; the next round is enqueued.
      clock.set(new Date('2023-03-15T10:45:00Z'));
      expect(await processor.prepareGate(payload, context)).toBe('done');
      const [afterRound1] = await query<{ status: string; last_error: string }>(`SELECT status, last_error FROM market_gates WHERE gate_key = $1`, [gate.key]);
      expect(afterRound1.status).toBe('scheduled');
      expect(afterRound1.last_error).toContain('HTTP 503');
      expect(await query(`SELECT 1 FROM outbox WHERE idempotency_key = $1`, [`${gate.key}.r2`])).toHaveLength(1);
      // Round 2 runs while the gate closes: still failing, so the calendar's alert fires.
      builder.onPrepare = () => clock.set(new Date('2023-03-15T11:00:00Z'));
      expect(await processor.prepareGate({ ...payload, idempotencyKey: `${gate.key}.r2`, round: '2' }, { ...context, attempt: 1 })).toBe('done');
    } finally {
      exchange.server.setDown(false);
      builder.onPrepare = () => undefined;
    }
    const events = await query<{ reason: string }>(`SELECT reason FROM market_events WHERE gate_key = $1`, [gate.key]);
    expect(events).toEqual([{ reason: 'counterparty-down-until-gate' }]);
    expect((await query<{ status: string }>(`SELECT status FROM market_gates WHERE gate_key = $1`, [gate.key]))[0].status).toBe('missed');
    expect(await statusOf(bidId)).toBe('reserved');
    expect(await query(`SELECT 1 FROM gateway_submissions WHERE gate_key = $1`, [gate.key])).toHaveLength(0);
    expect(exchange.book.ofDay(day)).toHaveLength(0);
  });
});
