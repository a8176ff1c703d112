import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig } from '@vpp/config';
import { LedgerDayQuery, ReservationLedger } from '@vpp/flexibility';
import { CollectGateResultsUseCase, MARKETS_CLOCK, MarketsClock } from '@vpp/markets';
import { Decimal, DeliveryDay, parseDecimal } from '@vpp/units';
import {
  FlexOfferMessage,
  FlexOrderMessage,
  FlexRequestIsp,
  FlexRequestMessage,
  OfferNotExpiredYet,
  OfferReservations,
  UFTP_MESSAGE_PATH,
  UftpResponseMessage,
} from '@vpp/congestion';
import { seedOrganisation, SeededOrganisation } from '../access/access-test-app';
import { SimulatedDso } from '../../apps/simulator/src/dso/simulated-dso';
import { readClearedBuckets } from '../../apps/simulator/src/exchange/gopacs-buckets.reader';
import { SimulatedTradingPlatform } from '../../apps/simulator/src/exchange/simulated-trading-platform';
import { CongestionTestApp, eventually, startCongestionTestApp } from '../../libs/congestion/test/congestion-test-app';
import { aFlexOrder, aFlexRequest, aPooledSite, aPortfolio, aStoredPlan, offerFor as offerOf, PooledSite, responseTo as responseOf } from './congestion-fixtures';

jest.setTimeout(180_000);

const AGR = 'agr.vpp-test.example';

/**
 * Congestion management end to end on real PostgreSQL and Redis over loopback, on a database of
 * its own (the app runs the outbox relay and the connector's workers):
 * - UFTP: the simulated DSO posts signed FlexRequests for a point whose sites are in a portfolio
 *   with a stored plan and an FCR reservation; the offer is the plan's flexibility capped by the
 *   ledger, and holds its kW; the order keeps them, expiry releases the unordered offer's.
 * - IDCONS: an event replayed from the real GOPACS cleared buckets of 2019-01-28 -> paired orders
 *   from the portfolio's plan within its ledger headroom -> submitted to the simulated trading
 *   platform -> awards stored through the gateways' result collection.
 */
describe('congestion management end to end: UFTP offers and IDCONS orders from the plan and the ledger', () => {
  const platform = new SimulatedTradingPlatform(readClearedBuckets(join(loadConfig().dataDir, 'gopacs-cleared-buckets-nl-2018-2023.csv')), parseDecimal('5'));
  // The markets read "now" here: the IDCONS part replays a historical day, so it is set before it.
  let marketsNow: Date | null = null;
  const marketsClock: MarketsClock = { now: () => marketsNow ?? new Date() };
  let test: CongestionTestApp;
  let operator: SeededOrganisation;
  let dsoOrg: SeededOrganisation;
  let dso: SimulatedDso;
  let ledger: ReservationLedger;

  const kw = (text: string): Decimal => parseDecimal(text);
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  async function api(method: string, path: string, key: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(`${test.baseUrl}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : {} };
  }

  /** Availability as the plan job writes it, and an FCR reservation (both directions) in the same ISPs. */
  async function ledgerWithFcr(portfolioId: string, day: DeliveryDay, isps: number[], availableKw: string, fcrKw: string): Promise<void> {
    await ledger.setAvailability(
      portfolioId,
      isps.flatMap((isp) => (['up', 'down'] as const).map((direction) => ({ ispStart: day.ispAt(isp).start, direction, availableKw: kw(availableKw) }))),
    );
    await ledger.reserve(portfolioId, { product: 'fcr', reference: 'FCR bid (test)', idempotencyKey: `fcr-${portfolioId}`, isps: isps.map((isp) => ({ ispStart: day.ispAt(isp).start, kw: kw(fcrKw) })) });
  }

  async function cell(portfolioId: string, day: DeliveryDay, isp: number, direction: 'up' | 'down') {
    return (await test.app.get(LedgerDayQuery).view(portfolioId, day)).isps[isp - 1][direction];
  }

  beforeAll(async () => {
    const tradingPlatformUrl = await platform.server.start();
    test = await startCongestionTestApp('congestion_e2e', { GATEWAYS_TRADING_PLATFORM_URL: tradingPlatformUrl }, (builder) =>
      builder.overrideProvider(MARKETS_CLOCK).useValue(marketsClock),
    );
    ledger = test.app.get(ReservationLedger);
    operator = await seedOrganisation(test.dataSource, 'operator');
    dsoOrg = await seedOrganisation(test.dataSource, 'dso');
    dso = new SimulatedDso({ domain: 'dso.congestion-e2e.example', agrMessageUrl: `${test.baseUrl}${UFTP_MESSAGE_PATH}` });
    await dso.start();
    const registered = await api('POST', '/v1/congestion/participants', operator.key, { organisationId: dsoOrg.organisationId, domain: dso.domain, publicKey: dso.publicKey, endpointUrl: dso.endpointUrl });
    expect(registered.status).toBe(201);
    dso.trustAggregator(String((await api('GET', '/v1/congestion/agr-key', dsoOrg.key)).json.publicKey));
  });

  afterAll(async () => {
    await dso?.stop();
    await test?.close();
    await platform.server.stop();
  });

  describe('UFTP: FlexOffer from the stored plan, capped by the ledger, held until ordered or expired', () => {
    // Two days ahead (always a future Period). 3 EVs of 11 kW plugged in ISPs 41..56, each needing
    // 11 kWh; the stored plan charges them at 11 kW in ISPs 49..52. Each can stop in 49..52 (11 kW)
    // and charge early in 41..48 (11 kW): 33 kW each way (see planned-session-flexibility.spec).
    // The ledger has 33 kW up and down in 41..56, of which FCR holds 15 kW both ways: 18 kW free.
    const day = DeliveryDay.containing(new Date()).plusDays(2);
    let portfolioId: string;
    let site: PooledSite;
    let point: string;
    let offerDown: FlexOfferMessage;
    let offerUp: FlexOfferMessage;

    const flexRequest = (revision: number, isps: FlexRequestIsp[]): FlexRequestMessage => aFlexRequest(dso, AGR, day, point, revision, isps);
    const offerFor = (request: FlexRequestMessage) => offerOf(dso, request);
    const responseTo = (messageId: string) => responseOf(dso, messageId);

    beforeAll(async () => {
      portfolioId = await aPortfolio(test.dataSource, operator.organisationId, ['fcr', 'congestion'], { fcr: '100', congestion: '100' });
      site = await aPooledSite(test.dataSource, operator.organisationId, portfolioId, day, { count: 3, evseKw: '11', fromIsp: 41, toIsp: 56, needKwh: '11' });
      await aStoredPlan(test.dataSource, portfolioId, day, new Date(), [{ site, kw: '11', isps: [49, 50, 51, 52] }]);
      await ledgerWithFcr(portfolioId, day, range(41, 56), '33', '15');
      point = `ean.${site.ean}`;
      expect((await api('POST', '/v1/congestion/congestion-points', dsoOrg.key, { entityAddress: point })).status).toBe(201);
    });

    it('offers the plan flexibility capped by the FCR reservation, and holds it in the ledger as congestion', async () => {
      const request = flexRequest(1, [{ start: 49, duration: 4, disposition: 'Requested', minPower: -30_000, maxPower: -10_000 }]);
      expect((await dso.send(request)).status).toBe(200);
      offerDown = await offerFor(request);
      expect(dso.refused).toEqual([]);
      // The plan could give 33 kW less; the ledger lets congestion have 33 - 15 (FCR) = 18 kW.
      expect(offerDown.options.map((o) => [o.optionReference, o.price, o.isps.map((i) => [i.start, i.power])])).toEqual([
        ['max', '2.7000', range(49, 52).map((isp) => [isp, -18_000])],
        ['min', '1.5000', range(49, 52).map((isp) => [isp, -10_000])],
      ]);
      expect(await cell(portfolioId, day, 49, 'up')).toEqual({ availableKw: '33', reservedKw: '33', freeKw: '0', reservedByProductKw: { fcr: '15', congestion: '18' } });
      const stored: { inputs: Record<string, unknown> }[] = await test.dataSource.query(`SELECT inputs FROM uftp_flex_offers WHERE message_id = $1`, [offerDown.messageId]);
      expect(stored[0].inputs).toMatchObject({
        flexibilityMethod: 'stored-plan-envelope-v1+ledger-capped',
        sessionCount: 3,
        priceAssumed: expect.stringContaining('ASSUMED'),
        reservations: [expect.objectContaining({ portfolioId, direction: 'up' })],
      });
    });

    it('offers consume-more in the ISPs before the plan, held as ledger down', async () => {
      const request = flexRequest(2, [{ start: 41, duration: 4, disposition: 'Requested', minPower: 5_000, maxPower: 20_000 }]);
      expect((await dso.send(request)).status).toBe(200);
      offerUp = await offerFor(request);
      expect(offerUp.options.map((o) => [o.optionReference, o.isps.map((i) => [i.start, i.power])])).toEqual([
        ['max', range(41, 44).map((isp) => [isp, 18_000])],
        ['min', range(41, 44).map((isp) => [isp, 5_000])],
      ]);
      expect((await cell(portfolioId, day, 41, 'down')).reservedByProductKw).toEqual({ fcr: '15', congestion: '18' });
    });

    it('never sells the same kW twice: with the ledger full, a new request gets no offer', async () => {
      const answer = await api('POST', '/v1/congestion/flex-requests', dsoOrg.key, {
        messageId: randomUUID(),
        conversationId: randomUUID(),
        congestionPoint: point,
        period: day.isoDate,
        revision: 3,
        expirationDateTime: day.ispAt(40).start.toISOString(),
        direction: 'down',
        isps: [{ start: 49, duration: 4, minPower: -30_000, maxPower: -10_000 }],
      });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ result: 'Accepted', offers: [] });
    });

    it('keeps the ordered offer held and releases the unordered one when it expires', async () => {
      const option = offerDown.options[0];
      const order: FlexOrderMessage = aFlexOrder(dso, AGR, offerDown, option, 'ORD-E2E-1');
      expect((await dso.send(order)).status).toBe(200);
      expect(await responseTo(order.messageId)).toMatchObject({ type: 'FlexOrderResponse', result: 'Accepted' });

      // Each held offer scheduled its expiry job (outbox) at its ExpirationDateTime.
      const expiries: { offer_id: string }[] = await test.dataSource.query(`SELECT payload->>'offerId' AS offer_id FROM outbox WHERE job_name = 'connector.expire-uftp-offer'`);
      expect(expiries).toHaveLength(2);
      // What the expiry job runs, at an instant after both offers expired (they are valid 60 minutes).
      const afterExpiry = new Date(Date.now() + 2 * 3_600_000);
      const offerIds: { id: string; message_id: string }[] = await test.dataSource.query(`SELECT id, message_id FROM uftp_flex_offers WHERE message_id = ANY($1::uuid[])`, [
        [offerDown.messageId, offerUp.messageId],
      ]);
      const idOf = (messageId: string): string => offerIds.find((o) => o.message_id === messageId)?.id ?? '';
      expect(expiries.map((e) => e.offer_id).sort()).toEqual([idOf(offerDown.messageId), idOf(offerUp.messageId)].sort());
      const reservations = test.app.get(OfferReservations);
      // A job firing before the expiry is retried, not taken as done.
      await expect(reservations.releaseIfExpiredUnordered(idOf(offerUp.messageId), new Date())).rejects.toThrow(OfferNotExpiredYet);
      expect(await reservations.releaseIfExpiredUnordered(idOf(offerDown.messageId), afterExpiry)).toBe(0);
      expect(await reservations.releaseIfExpiredUnordered(idOf(offerUp.messageId), afterExpiry)).toBe(1);
      expect(await reservations.releaseExpired(afterExpiry)).toBe(0);

      expect(await cell(portfolioId, day, 49, 'up')).toMatchObject({ freeKw: '0', reservedByProductKw: { fcr: '15', congestion: '18' } });
      expect(await cell(portfolioId, day, 41, 'down')).toMatchObject({ freeKw: '18', reservedByProductKw: { fcr: '15' } });
      const held: { status: string; direction: string }[] = await test.dataSource.query(
        `SELECT r.status, l.direction FROM reservations r JOIN reservation_lines l ON l.reservation_id = r.id
          WHERE r.product = 'congestion' AND r.portfolio_id = $1 GROUP BY r.id, r.status, l.direction ORDER BY l.direction`,
        [portfolioId],
      );
      expect(held).toEqual([
        { status: 'released', direction: 'down' },
        { status: 'held', direction: 'up' },
      ]);
    });
  });

  describe('UFTP: an offer the DSO rejects', () => {
    it('gives its kW back once the FlexOfferResponse is stored', async () => {
      // A portfolio, site, plan and point of its own, three days ahead.
      const day = DeliveryDay.containing(new Date()).plusDays(3);
      const portfolioId = await aPortfolio(test.dataSource, operator.organisationId, ['congestion'], { congestion: '100' });
      const site = await aPooledSite(test.dataSource, operator.organisationId, portfolioId, day, { count: 2, evseKw: '11', fromIsp: 41, toIsp: 56, needKwh: '11' });
      await aStoredPlan(test.dataSource, portfolioId, day, new Date(), [{ site, kw: '11', isps: [49, 50, 51, 52] }]);
      await ledger.setAvailability(portfolioId, range(41, 56).flatMap((isp) => (['up', 'down'] as const).map((direction) => ({ ispStart: day.ispAt(isp).start, direction, availableKw: kw('50') }))));
      const point = `ean.${site.ean}`;
      expect((await api('POST', '/v1/congestion/congestion-points', dsoOrg.key, { entityAddress: point })).status).toBe(201);
      const request = aFlexRequest(dso, AGR, day, point, 1, [{ start: 49, duration: 2, disposition: 'Requested', minPower: -30_000, maxPower: -10_000 }]);
      expect((await dso.send(request)).status).toBe(200);
      const offer = await offerOf(dso, request);
      // 2 EVs x 11 kW planned in 49..52: 22 kW less, within the 50 kW free.
      expect(offer.options[0].isps.map((i) => [i.start, i.power])).toEqual([[49, -22_000], [50, -22_000]]);
      expect((await cell(portfolioId, day, 49, 'up')).reservedByProductKw).toEqual({ congestion: '22' });
      const rejection: UftpResponseMessage = { type: 'FlexOfferResponse', ...dso.metadata(AGR, offer.conversationId), result: 'Rejected', rejectionReason: 'not needed any more', referenceMessageId: offer.messageId };
      expect((await dso.send(rejection)).status).toBe(200);
      await eventually(async () => ((await cell(portfolioId, day, 49, 'up')).reservedKw === '0' ? true : undefined), 'the rejected offer released');
      expect(await cell(portfolioId, day, 50, 'up')).toMatchObject({ freeKw: '50', reservedByProductKw: {} });
    });
  });

  describe('UFTP: sessions whose departure only the driver declared, planned just in time', () => {
    it('offers to consume less in the planned ISPs, made up by charging earlier than planned', async () => {
      // Like a CPO's (OCPI) sessions: no departure nor need reported, both declared by the driver
      // (mobility_needs), which is where the planner takes them from. 2 EVs of 11 kW plugged in
      // ISPs 41..56; the plan charges their 11 kWh just in time (53..56). The request is answered
      // before the day, so each can charge earlier in 41..52 and stop in any of 53..56.
      const day = DeliveryDay.containing(new Date()).plusDays(4);
      const portfolioId = await aPortfolio(test.dataSource, operator.organisationId, ['congestion'], { congestion: '100' });
      const site = await aPooledSite(test.dataSource, operator.organisationId, portfolioId, day, { count: 2, evseKw: '11', fromIsp: 41, toIsp: 56, needKwh: '11' });
      await test.dataSource.query(`UPDATE sessions SET expected_departure_at = NULL, energy_need_kwh = NULL WHERE id = ANY($1::uuid[])`, [site.sessionIds]);
      for (const sessionId of site.sessionIds) {
        await test.dataSource.query(
          `INSERT INTO mobility_needs (id, organisation_id, session_id, departure_at, energy_need_kwh, source, set_by_type, set_by_id, set_at, version)
           VALUES ($1, $2, $3, $4, 11, 'driver-app', 'client', $5, now(), 1)`,
          [randomUUID(), operator.organisationId, sessionId, day.ispAt(56).end, randomUUID()],
        );
      }
      await aStoredPlan(test.dataSource, portfolioId, day, new Date(), [{ site, kw: '11', isps: [53, 54, 55, 56] }]);
      await ledger.setAvailability(portfolioId, range(41, 56).flatMap((isp) => (['up', 'down'] as const).map((direction) => ({ ispStart: day.ispAt(isp).start, direction, availableKw: kw('50') }))));
      const point = `ean.${site.ean}`;
      expect((await api('POST', '/v1/congestion/congestion-points', dsoOrg.key, { entityAddress: point })).status).toBe(201);
      const request = aFlexRequest(dso, AGR, day, point, 1, [{ start: 53, duration: 4, disposition: 'Requested', minPower: -30_000, maxPower: -10_000 }]);
      expect((await dso.send(request)).status).toBe(200);
      const offer = await offerOf(dso, request);
      expect(offer.options[0].isps.map((i) => [i.start, i.power])).toEqual(range(53, 56).map((isp) => [isp, -22_000]));
      expect((await cell(portfolioId, day, 53, 'up')).reservedByProductKw).toEqual({ congestion: '22' });
    });
  });

  describe('IDCONS: a replayed GOPACS event -> paired orders from the plan within the ledger -> submitted -> awarded', () => {
    // The real cleared buckets of 2019-01-28: TenneT cleared 12.5 MW buy and sell per PTU 15:00Z-17:00Z.
    // The simulated platform scales the day's largest bucket to 5 MW, so 5 MW can match per PTU.
    const day = DeliveryDay.of('2019-01-28');
    const buckets = readClearedBuckets(join(loadConfig().dataDir, 'gopacs-cleared-buckets-nl-2018-2023.csv'))
      .filter((b) => day.contains(b.ptuStart))
      .sort((a, b) => a.ptuStart.getTime() - b.ptuStart.getTime());
    let portfolioId: string;
    let inside: PooledSite;
    let outside: PooledSite;

    beforeAll(async () => {
      marketsNow = new Date('2019-01-28T12:00:00Z');
      // The seeded idcons-nl rules start with the product terms v1.0 (2020-11-01); the event is of 2019.
      // To replay it, this database gets an earlier version with the same rules, up to v1.0:
      // test data, labelled so (no product terms are public for that time).
      await test.dataSource.query(
        `INSERT INTO market_products
         SELECT gen_random_uuid(), market, product_code, name, '2018-11-30T23:00:00Z', valid_from, directions, delivery_period, mtu_minutes, gate_kind,
                gate_closure_rule, gate_closure_zone, gate_opens_rule, pricing_rule, price_unit, min_quantity_mw, quantity_step_mw, price_tick, price_min,
                price_max, min_curve_points, max_curve_points, full_activation_seconds, setpoint_interval_seconds, ler_minutes, requires_location,
                qualifying_channels, max_latency_p95_ms, discharge_required_for, verified, unverified_fields,
                'TEST DATA for replaying historical GOPACS events: the earliest seeded rules assumed to hold earlier'
           FROM market_products WHERE product_code = 'idcons-nl' AND valid_from = (SELECT min(valid_from) FROM market_products WHERE product_code = 'idcons-nl')`,
      );
      // Two sites of 4 x 350 kW, plugged 14:00Z-17:00Z (ISPs 61..72), each EV needing 175 kWh.
      // Plan: inside charges in 15:00-15:30Z (ISPs 65, 66), outside in 16:00-16:30Z (69, 70).
      // So in 65..66 inside can consume 1,400 kW less and outside 1,400 kW more. The ledger has
      // 2,000 kW each way, FCR holds 1,000: congestion may take 1,000 kW each way.
      portfolioId = await aPortfolio(test.dataSource, operator.organisationId, ['fcr', 'congestion'], { fcr: '5000', congestion: '5000' });
      inside = await aPooledSite(test.dataSource, operator.organisationId, portfolioId, day, { count: 4, evseKw: '350', fromIsp: 61, toIsp: 72, needKwh: '175' });
      outside = await aPooledSite(test.dataSource, operator.organisationId, portfolioId, day, { count: 4, evseKw: '350', fromIsp: 61, toIsp: 72, needKwh: '175' });
      await aStoredPlan(test.dataSource, portfolioId, day, new Date('2019-01-28T06:00:00Z'), [
        { site: inside, kw: '350', isps: [65, 66] },
        { site: outside, kw: '350', isps: [69, 70] },
      ]);
      await ledgerWithFcr(portfolioId, day, range(61, 72), '2000', '1000');
    });

    afterAll(() => {
      marketsNow = null;
    });

    it('orders a sell inside and a buy outside per ISP, capped by the ledger, submits them, and stores the awards', async () => {
      // The event: the day's first two cleared PTUs, announced for the inside site's connection.
      expect(buckets[0].ptuStart.toISOString()).toBe('2019-01-28T15:00:00.000Z');
      const event = {
        eventId: 'gopacs-20190128-1500',
        congestionPointEan: inside.ean,
        start: buckets[0].ptuStart.toISOString(),
        end: new Date(buckets[0].ptuStart.getTime() + 30 * 60_000).toISOString(),
        direction: 'consume-less',
        requestedMw: '2',
      };
      const answer = await api('POST', '/v1/congestion/idcons-events', operator.key, event);
      expect(answer.status).toBe(200);
      const [result] = answer.json.portfolios as { portfolioId: string; gateKey: string; created: boolean; orders: number; flexibilityMethod: string; bids: { id: string; status: string }[] }[];
      expect(result).toMatchObject({ portfolioId, created: true, orders: 4, flexibilityMethod: 'stored-plan-envelope-v1' });
      expect(result.gateKey).toMatch(/^gate\.idcons-nl-gopacs-20190128-1500-[0-9a-f]{8}-[0-9a-f]{8}\.20190128T1500Z$/);

      // 1,400 kW each way scaled into 1,000 kW of headroom: 1.0 MW orders (the 1 MW minimum), both ISPs.
      // Priced from the NL day-ahead price 15:00Z (51.74 EUR/MWh, hourly for both quarters) +/- the ASSUMED 20 EUR/MWh premium.
      const bids: { id: string; direction: string; location_ean: string; period_start: Date; status: string; quantity_mw: string; price: string; client: string }[] = await test.dataSource.query(
        `SELECT b.id, b.direction, b.location_ean, b.period_start, b.status, p.quantity_mw::text, p.price::text, s.client_order_id AS client
           FROM bids b JOIN bid_points p ON p.bid_id = b.id JOIN gateway_submissions s ON s.bid_id = b.id
          WHERE b.gate_key = $1 ORDER BY b.period_start, b.direction DESC`,
        [result.gateKey],
      );
      expect(bids.map((b) => [b.period_start.toISOString(), b.direction, b.location_ean, b.status, parseDecimal(b.quantity_mw).toFixed()])).toEqual([
        ['2019-01-28T15:00:00.000Z', 'sell', inside.ean, 'submitted', '1'],
        ['2019-01-28T15:00:00.000Z', 'buy', outside.ean, 'submitted', '1'],
        ['2019-01-28T15:15:00.000Z', 'sell', inside.ean, 'submitted', '1'],
        ['2019-01-28T15:15:00.000Z', 'buy', outside.ean, 'submitted', '1'],
      ]);
      expect(bids.map((b) => parseDecimal(b.price).toFixed(2))).toEqual(['71.74', '31.74', '71.74', '31.74']);
      expect(new Set(bids.map((b) => b.client)).size).toBe(4);
      // The orders hold their kW: congestion joins FCR, the ledger is full in those cells.
      expect(await cell(portfolioId, day, 65, 'up')).toMatchObject({ freeKw: '0', reservedByProductKw: { fcr: '1000', congestion: '1000' } });
      expect(await cell(portfolioId, day, 66, 'down')).toMatchObject({ freeKw: '0', reservedByProductKw: { fcr: '1000', congestion: '1000' } });

      // The gateways' result collection (what the collect job runs after the gate).
      const collected = await test.app.get(CollectGateResultsUseCase).execute(result.gateKey);
      expect(collected).toMatchObject({ awards: 4, awardedBids: 4, notAwardedBids: 0 });
      const awards: { direction: string; quantity_mw: string; price: string; pricing: string; labels: string[] }[] = await test.dataSource.query(
        `SELECT direction, quantity_mw::text, price::text, pricing, labels FROM market_awards WHERE gate_key = $1 ORDER BY period_start, direction DESC`,
        [result.gateKey],
      );
      expect(awards.map((a) => [a.direction, parseDecimal(a.quantity_mw).toFixed(), parseDecimal(a.price).toFixed(2), a.pricing])).toEqual([
        ['sell', '1', '71.74', 'spread-paid-by-grid-operator'],
        ['buy', '1', '31.74', 'spread-paid-by-grid-operator'],
        ['sell', '1', '71.74', 'spread-paid-by-grid-operator'],
        ['buy', '1', '31.74', 'spread-paid-by-grid-operator'],
      ]);
      expect(awards[0].labels.join(' ')).toContain('scaled');
      const statuses: { status: string }[] = await test.dataSource.query(`SELECT DISTINCT status FROM bids WHERE gate_key = $1`, [result.gateKey]);
      expect(statuses).toEqual([{ status: 'awarded' }]);
      expect((await cell(portfolioId, day, 65, 'up')).reservedByProductKw).toEqual({ fcr: '1000', congestion: '1000' });

      // Announced again: the same gate, nothing built or sent twice.
      const again = await api('POST', '/v1/congestion/idcons-events', operator.key, event);
      expect((again.json.portfolios as { created: boolean; bids: unknown[] }[])[0]).toMatchObject({ created: false, bids: expect.any(Array) });
      const count: { n: string }[] = await test.dataSource.query(`SELECT count(*) AS n FROM bids WHERE gate_key = $1`, [result.gateKey]);
      expect(count[0].n).toBe('4');
    });

    it('refuses an event nobody can answer or that is not a market period', async () => {
      const base = { eventId: 'e-bad', congestionPointEan: '871685900000000000', start: '2019-01-28T15:00:00Z', end: '2019-01-28T15:30:00Z', direction: 'consume-less', requestedMw: '2' };
      expect((await api('POST', '/v1/congestion/idcons-events', operator.key, base)).json).toMatchObject({ code: 'IDCONS_NO_PORTFOLIO' });
      expect((await api('POST', '/v1/congestion/idcons-events', operator.key, { ...base, congestionPointEan: inside.ean, start: '2019-01-28T15:05:00Z' })).json).toMatchObject({
        code: 'IDCONS_INVALID_EVENT',
      });
      expect((await api('POST', '/v1/congestion/idcons-events', dsoOrg.key, { ...base, requestedMw: 'two' })).status).toBe(400);
    });
  });
});
