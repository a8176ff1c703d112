import { randomUUID } from 'node:crypto';
import { FlexOfferMessage, UFTP_MESSAGE_PATH } from '@vpp/congestion';
import { SettlementContractRepository } from '@vpp/settlement';
import { eventually } from '@vpp/testing';
import { DeliveryDay } from '@vpp/units';
import { SimulatedDso } from '../../apps/simulator/src/dso/simulated-dso';
import { aFlexOrder, aFlexRequest, aPooledSite, aPortfolio, aStoredPlan, offerFor, PooledSite, responseTo } from '../congestion/congestion-fixtures';
import { at, contract, ensurePartitions, FLEET_A, fixedId, session } from '../settlement/settlement-fixture';
import { countOf, Journey, Party, settleDay, startJourney } from './journey-kit';

jest.setTimeout(120_000);

const AGR = 'agr.journey.example';
// Tomorrow: UFTP takes FlexRequests for periods that are not over, and the order's ISPs lie ahead.
const DAY = DeliveryDay.containing(new Date()).next();
const ORDERED = [49, 50, 51, 52];

// Journey (issue 8, item 3): a DSO, onboarded by the operator, registers a congestion point over
// the API, sends a signed FlexRequest over UFTP (the simulated DSO of apps/simulator), gets a
// FlexOffer, orders it, and reads the FlexOrderSettlement once the order was delivered and the
// day settled by the pipeline (the scheduler's close-day job through the queue). TEST DATA, since
// no public data exists for it: the aggregator's side before the request (a portfolio with a depot
// of 2 x 11 kW behind the point, the stored plan charging them at 11 kW in ISPs 49-52: the
// congestion fixtures) and the delivery after the order (the recorded baselines charging in 49-52,
// the meters showing the charge moved to 53-56, day-ahead 100 EUR/MWh ASSUMED), written as the
// planner, telemetry and price import would leave them. The day is tomorrow, so the settlement
// tick is given an instant after it: the delivery is simulated, not waited for.
describe('journey: a DSO registers a congestion point and gets a flex order delivered and settled', () => {
  let journey: Journey;
  let dsoParty: Party;
  let otherDso: Party;
  let dso: SimulatedDso;
  let site: PooledSite;
  let point: string;
  let offer: FlexOfferMessage;
  let flexOrderId: string;

  beforeAll(async () => {
    journey = await startJourney('dso', { UFTP_AGR_DOMAIN: AGR, UFTP_RETRY_BASE_MS: '100' });
    dsoParty = await journey.onboard('dso', 'Journey DSO');
    otherDso = await journey.onboard('dso', 'Journey Other DSO');
    const portfolioId = await aPortfolio(journey.dataSource, journey.operator.organisationId, ['congestion'], { congestion: '100' });
    site = await aPooledSite(journey.dataSource, journey.operator.organisationId, portfolioId, DAY, { count: 2, evseKw: '11', fromIsp: 41, toIsp: 56, needKwh: '11' });
    await aStoredPlan(journey.dataSource, portfolioId, DAY, new Date(), [{ site, kw: '11', isps: ORDERED }]);
    // The operator publishes 50 kW each way in ISPs 41-56 (what the planner normally writes) over its API.
    const cells = Array.from({ length: 16 }, (_, i) => DAY.ispAt(41 + i).start.toISOString()).flatMap((ispStart) =>
      (['up', 'down'] as const).map((direction) => ({ ispStart, direction, availableKw: '50' })),
    );
    expect((await journey.as(journey.operator.key, 'PUT', `/v1/portfolios/${portfolioId}/ledger/availability`, { cells })).status).toBe(200);
    point = `ean.${site.ean}`;
    dso = new SimulatedDso({ domain: 'dso.journey.example', agrMessageUrl: `${journey.baseUrl}${UFTP_MESSAGE_PATH}` });
    await dso.start();
  });

  afterAll(async () => {
    await dso?.stop();
    await journey?.close();
  });

  it('is registered as a UFTP participant by the operator, trusts our key, and registers its congestion point', async () => {
    const registered = await journey.as(journey.operator.key, 'POST', '/v1/congestion/participants', {
      organisationId: dsoParty.organisationId, domain: dso.domain, publicKey: dso.publicKey, endpointUrl: dso.endpointUrl,
    });
    expect(registered.status).toBe(201);
    const key = await journey.as(dsoParty.key, 'GET', '/v1/congestion/agr-key');
    expect(key.status).toBe(200);
    dso.trustAggregator(String(key.body.publicKey));

    const created = await journey.as(dsoParty.key, 'POST', '/v1/congestion/congestion-points', { entityAddress: point });
    expect(created.status).toBe(201);
    // Only DSOs register points; a DSO without a UFTP participant has none to register under; nothing written.
    const points = `SELECT count(*) AS n FROM uftp_congestion_points`;
    expect((await journey.as(journey.operator.key, 'POST', '/v1/congestion/congestion-points', { entityAddress: 'ean.871000000000000000' })).status).toBe(403);
    expect((await journey.as(otherDso.key, 'POST', '/v1/congestion/congestion-points', { entityAddress: point })).status).toBe(404);
    expect(await countOf(journey.dataSource, points)).toBe(1);
  });

  it('sends a FlexRequest over UFTP and gets a FlexOffer from the stored plan', async () => {
    const request = aFlexRequest(dso, AGR, DAY, point, 1, [{ start: ORDERED[0], duration: ORDERED.length, disposition: 'Requested', minPower: -30_000, maxPower: -10_000 }]);
    expect((await dso.send(request)).status).toBe(200);
    offer = await offerFor(dso, request);
    expect(dso.refused).toEqual([]);
    // 2 EVs x 11 kW planned in 49-52: 22 kW less, within the 50 kW free; priced at the ASSUMED 150 EUR/MWh: 0.022 MWh x 150.
    expect([offer.options[0].optionReference, offer.options[0].price, offer.options[0].isps.map((i) => [i.start, i.power])]).toEqual([
      'max', '3.3000', ORDERED.map((isp) => [isp, -22_000]),
    ]);
    const offers = await journey.as(dsoParty.key, 'GET', '/v1/congestion/flex-offers');
    expect((offers.body as unknown as { messageId: string }[]).map((o) => o.messageId)).toEqual([offer.messageId]);
    expect((await journey.as(otherDso.key, 'GET', '/v1/congestion/flex-offers')).status).toBe(404);
  });

  it('orders the offer over UFTP and the order is accepted', async () => {
    const order = aFlexOrder(dso, AGR, offer, offer.options[0], 'JOURNEY-ORDER-1');
    expect((await dso.send(order)).status).toBe(200);
    expect(await responseTo(dso, order.messageId)).toMatchObject({ type: 'FlexOrderResponse', result: 'Accepted' });
    const rows: { id: string }[] = await journey.dataSource.query(`SELECT id FROM uftp_flex_orders WHERE message_id = $1`, [order.messageId]);
    flexOrderId = rows[0].id;
    expect((await journey.as(dsoParty.key, 'GET', `/v1/congestion/flex-orders/${flexOrderId}/settlement`)).body).toMatchObject({ code: 'UFTP_NOT_SETTLED' });
  });

  it('reads the FlexOrderSettlement once the order was delivered and the day settled: delivered in full, no penalty', async () => {
    await deliver();
    await settleDay(journey, DAY, 1);

    const settlement = await eventually(async () => {
      const answer = await journey.as(dsoParty.key, 'GET', `/v1/congestion/flex-orders/${flexOrderId}/settlement`);
      return answer.status === 200 ? answer.body : undefined;
    }, 'the FlexOrderSettlement');
    expect(settlement).toMatchObject({ price: '3.3000', penalty: '0.0000', netSettlement: '3.3000', currency: 'EUR', period: DAY.isoDate });
    // Per ISP (whole W): the baseline 2 x 11 kW, nothing charged, 22 kW less delivered as ordered.
    expect(settlement.isps).toEqual(
      ORDERED.map((start) => ({ start, duration: 1, baselinePower: 22_000, orderedFlexPower: -22_000, actualPower: 0, deliveredFlexPower: -22_000, powerDeficiency: 0 })),
    );
    const month = await journey.as(dsoParty.key, 'GET', `/v1/settlement/flex-settlements/${DAY.isoDate.slice(0, 7)}`);
    expect(month.body).toEqual([expect.objectContaining({ flexOrderId, orderReference: 'JOURNEY-ORDER-1', netSettlement: '3.3000' })]);
  });

  it('shows another DSO, a UFTP participant of its own, nothing of the order, and refuses its order on the offer without writing', async () => {
    const other = new SimulatedDso({ domain: 'dso2.journey.example', agrMessageUrl: `${journey.baseUrl}${UFTP_MESSAGE_PATH}` });
    const registered = await journey.as(journey.operator.key, 'POST', '/v1/congestion/participants', {
      organisationId: otherDso.organisationId, domain: other.domain, publicKey: other.publicKey, endpointUrl: other.endpointUrl,
    });
    expect(registered.status).toBe(201);
    const month = `/v1/settlement/flex-settlements/${DAY.isoDate.slice(0, 7)}`;

    expect((await journey.as(otherDso.key, 'GET', '/v1/congestion/flex-offers')).body).toEqual([]);
    expect((await journey.as(otherDso.key, 'GET', `/v1/congestion/flex-orders/${flexOrderId}/settlement`)).status).toBe(404);
    expect((await journey.as(otherDso.key, 'GET', month)).body).toEqual([]);
    expect((await journey.as(journey.operator.key, 'GET', month)).status).toBe(403);
    const orders = `SELECT count(*) AS n FROM uftp_flex_orders`;
    const placed = await journey.as(otherDso.key, 'POST', '/v1/congestion/flex-orders', {
      messageId: randomUUID(), flexOfferMessageId: offer.messageId, optionReference: 'max', orderReference: 'NOT-MINE-1', price: '3.3000',
    });
    expect([placed.status, placed.body.code]).toEqual([422, 'UFTP_REJECTED']);
    expect(await countOf(journey.dataSource, orders)).toBe(1);
  });

  /**
   * TEST DATA: the delivery. The two cars' sessions as the meters report them after the day (new
   * session rows at the same EVSEs, as the charge points report them): each recorded baseline
   * charges 2.75 kWh in each ordered ISP; the meters show nothing charged there and the 11 kWh
   * moved to ISPs 53-56. Day-ahead prices of the day 100 EUR/MWh (ASSUMED), and a settlement
   * contract for the fleet.
   */
  async function deliver(): Promise<void> {
    const evses: { evse_id: string; fleet_id: string }[] = await journey.dataSource.query(`SELECT evse_id, fleet_id FROM sessions WHERE id = ANY($1) ORDER BY evse_id`, [site.sessionIds]);
    const owner = journey.operator.organisationId;
    await journey.dataSource.transaction(async (manager) => {
      await ensurePartitions(manager, DAY);
      await new SettlementContractRepository().save(manager, { ...contract(FLEET_A, owner), fleetId: evses[0].fleet_id }, new Date());
      for (const [n, { evse_id: evseId, fleet_id: fleetId }] of evses.entries()) {
        // at(DAY, k) is the start of UFTP ISP k + 1.
        const registers = Array.from({ length: 17 }, (_, k) => [at(DAY, 40 + k), k <= 12 ? '0' : String(2.75 * (k - 12)), k < 12 ? '0' : '11'] as const);
        await session(manager, {
          id: fixedId(4000 + n), fleetId, evseId, ownerOrg: owner, arrival: at(DAY, 40), departure: at(DAY, 56), energyNeedKwh: '11',
          baseline: ORDERED.map((isp) => [at(DAY, isp - 1), '2.75'] as const),
          meter: registers,
        });
      }
      await manager.query(
        `INSERT INTO settlement_prices (market, bidding_zone, isp_start, price_eur_per_mwh, source)
         SELECT 'day-ahead', 'NL', g, 100, 'journey test data (ASSUMED)' FROM generate_series($1::timestamptz, $2::timestamptz - interval '15 minutes', interval '15 minutes') g`,
        [DAY.start, DAY.end],
      );
    });
  }
});
