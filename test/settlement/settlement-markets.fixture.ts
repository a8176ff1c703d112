import type { DataSource, EntityManager } from 'typeorm';
import { SettlementContractRepository } from '@vpp/settlement';
import { Block, DeliveryDay } from '@vpp/units';
import { at, contract, ensurePartitions, fixedId, fleet, FLEET_A, OPERATOR_ORG, organisation, OWNER_A_ORG, portfolioWithSite, session } from './settlement-fixture';

// One small NL portfolio on one delivery day, trading FCR, aFRR (capacity and energy), day-ahead,
// IDCONS and a UFTP FlexOrder; the hand computation is in settlement-markets.e2e-spec.ts.
// Prices and labels are test data (ASSUMED), not market data.

export const MARKETS_DAY = DeliveryDay.of('2026-03-10');
export const PORTFOLIO_M = fixedId(150);
export const SESSION_INSIDE = fixedId(400);
export const SESSION_OUTSIDE = fixedId(401);
export const FLEX_ORDER = fixedId(900);
export const CONGESTION_POINT = 'ea1.2026-03.dso.example:cp-1';
const SITE_INSIDE = fixedId(10_060);
const SITE_OUTSIDE = fixedId(10_061);
const EAN_INSIDE = '871687140000000060';
const EAN_OUTSIDE = '871687140000000061';
/** The meter value that arrives late (ISP 2 boundary of the inside session). */
export const LATE_METER_VALUE = { sessionId: SESSION_INSIDE, isp: 2, registerKwh: '16', powerKw: '40' } as const;

const day = MARKETS_DAY;

/** A second site of the portfolio, with one EVSE; returns the EVSE id. */
async function extraSite(manager: EntityManager, portfolioId: string, siteId: string, n: number): Promise<string> {
  const chargePoint = fixedId(11_000 + n);
  const evse = fixedId(12_000 + n);
  await manager.query(
    `INSERT INTO sites (id, organisation_id, name, country, innovation_cluster, timezone, created_at) VALUES ($1, $2, $3, 'NL', 'depot', 'Europe/Amsterdam', now())`,
    [siteId, OPERATOR_ORG, `site ${n}`],
  );
  await manager.query(`INSERT INTO portfolio_sites (portfolio_id, market, site_id, assigned_at) VALUES ($1, 'day_ahead', $2, now())`, [portfolioId, siteId]);
  await manager.query(`INSERT INTO charge_points (id, site_id, protocol, created_at) VALUES ($1, $2, 'ocpp', now())`, [chargePoint, siteId]);
  await manager.query(
    `INSERT INTO evses (id, charge_point_id, site_id, current_type, phases, max_power_kw, bidirectional, iso15118_20, created_at)
     VALUES ($1, $2, $3, 'AC', 3, 22, false, false, now())`,
    [evse, chargePoint, siteId],
  );
  return evse;
}

async function gridConnection(manager: EntityManager, n: number, siteId: string, ean: string, congestionArea: string | null): Promise<void> {
  await manager.query(
    `INSERT INTO grid_connections (id, site_id, ean, import_limit_kw, export_limit_kw, dso, congestion_area, created_at) VALUES ($1, $2, $3, 100, 0, 'Stedin', $4, now())`,
    [fixedId(13_000 + n), siteId, ean, congestionArea],
  );
}

interface AwardSpec {
  readonly n: number;
  readonly market: string;
  readonly productCode: string;
  readonly direction: string;
  readonly from: Date;
  readonly to: Date;
  readonly mw: string;
  readonly price: string;
  readonly priceUnit: 'EUR/MW/h' | 'EUR/MWh';
  readonly labels: readonly string[];
  readonly idcons?: { readonly side: 'inside' | 'outside'; readonly pairRef: string; readonly ean: string };
}

async function award(manager: EntityManager, spec: AwardSpec): Promise<void> {
  const bidId = fixedId(20_000 + spec.n);
  await manager.query(
    `INSERT INTO bids (id, bid_key, portfolio_id, organisation_id, market, product_code, product_version_id, direction, period_start, period_end, delivery_day,
                       gate_key, location_ean, pair_ref, status, refusal_reasons, known_at, built_from, created_at, status_changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'v1', $7, $8, $9, $10, 'gate.test', $11, $12, 'awarded', '[]', now(), $13, now(), now())`,
    [bidId, `bid-${spec.n}`, PORTFOLIO_M, OPERATOR_ORG, spec.market, spec.productCode, spec.direction, spec.from, spec.to, day.isoDate,
     spec.idcons?.ean ?? null, spec.idcons?.pairRef ?? null, JSON.stringify({ bid: spec.idcons ? { side: spec.idcons.side } : {} })],
  );
  await manager.query(
    `INSERT INTO market_awards (id, bid_id, client_order_id, gate_key, portfolio_id, market, product_code, direction, period_start, period_end,
                                quantity_mw, price, price_unit, pricing, labels, known_at)
     VALUES ($1, $2, $3, 'gate.test', $4, $5, $6, $7, $8, $9, $10, $11, $12, 'pay-as-bid', $13, now())`,
    [fixedId(21_000 + spec.n), bidId, `order-${spec.n}`, PORTFOLIO_M, spec.market, spec.productCode, spec.direction, spec.from, spec.to,
     spec.mw, spec.price, spec.priceUnit, JSON.stringify(spec.labels)],
  );
}

async function tracked(manager: EntityManager, activation: string, isp: number, targetKwh: string, measuredKwh: string): Promise<void> {
  await manager.query(
    `INSERT INTO dispatch_tracking_isps (portfolio_id, activation, isp_start, target_kwh, measured_kwh, abs_error_kwh, cycles, updated_at)
     VALUES ($1, $2, $3, $4, $5, abs($4::numeric - $5::numeric), 15, now())`,
    [PORTFOLIO_M, activation, at(day, isp), targetKwh, measuredKwh],
  );
}

/** A DSO FlexOrder (via request and offer) on the congestion point of area-1: `power` W in UFTP ISP `uftpIsp` (1-based). */
async function flexOrder(manager: EntityManager, uftpIsp: number, powerW: number, price: string): Promise<void> {
  const [participant, point, request, offer] = [fixedId(901), fixedId(902), fixedId(903), fixedId(904)];
  await manager.query(
    `INSERT INTO uftp_participants (id, organisation_id, domain, role, public_key, endpoint_url, created_at) VALUES ($1, $2, 'dso.example', 'DSO', 'test-key', 'http://127.0.0.1:9/', now())`,
    [participant, OPERATOR_ORG],
  );
  await manager.query(`INSERT INTO uftp_congestion_points (id, participant_id, entity_address, congestion_area, created_at) VALUES ($1, $2, $3, 'area-1', now())`, [
    point,
    participant,
    CONGESTION_POINT,
  ]);
  await manager.query(
    `INSERT INTO uftp_flex_requests (id, participant_id, message_id, conversation_id, congestion_point, period, revision, expires_at, channel, message, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, 1, now(), 'json', '{}', now())`,
    [request, participant, fixedId(905), fixedId(906), CONGESTION_POINT, day.isoDate],
  );
  await manager.query(
    `INSERT INTO uftp_flex_offers (id, participant_id, flex_request_id, message_id, conversation_id, congestion_point, period, expires_at, message, inputs, known_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now(), '{}', '{}', now())`,
    [offer, participant, request, fixedId(907), fixedId(906), CONGESTION_POINT, day.isoDate],
  );
  const message = { period: day.isoDate, timeZone: 'Europe/Amsterdam', ispDuration: 'PT15M', congestionPoint: CONGESTION_POINT, isps: [{ start: uftpIsp, duration: 1, power: powerW }] };
  await manager.query(
    `INSERT INTO uftp_flex_orders (id, participant_id, flex_offer_id, message_id, conversation_id, order_reference, option_reference, activation_factor, price, currency, channel, message, received_at)
     VALUES ($1, $2, $3, $4, $5, 'order-1', 'option-1', 1.00, $6, 'EUR', 'json', $7, now())`,
    [FLEX_ORDER, participant, offer, fixedId(908), fixedId(906), price, JSON.stringify(message)],
  );
}

/**
 * Fleet A in portfolio M: the inside session at the site in congestion area-1 (recorded baseline
 * 10 kWh in ISPs 0-4), the outside session at a second site (no baseline, 10 kWh in ISP 3). The
 * inside session's meter value at the ISP 2 boundary is left out: it arrives late
 * (`LATE_METER_VALUE`). Day-ahead 100 EUR/MWh in every ISP.
 */
export async function seedMarketsWorld(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await ensurePartitions(manager, day);
    await organisation(manager, OPERATOR_ORG, 'operator', 'aggregator');
    await organisation(manager, OWNER_A_ORG, 'fleet_owner', 'owner A');
    await fleet(manager, FLEET_A, OWNER_A_ORG);
    await new SettlementContractRepository().save(manager, contract(FLEET_A, OWNER_A_ORG), new Date());

    const evseInside = await portfolioWithSite(manager, PORTFOLIO_M, 60);
    const evseOutside = await extraSite(manager, PORTFOLIO_M, SITE_OUTSIDE, 61);
    await gridConnection(manager, 60, SITE_INSIDE, EAN_INSIDE, 'area-1');
    await gridConnection(manager, 61, SITE_OUTSIDE, EAN_OUTSIDE, null);

    // Bought per ISP 0..6: 10, 6, 10, 2, 4, 10, 8 kWh (registers at the ISP boundaries 0..7), baseline 10 kWh in ISPs 0-4.
    const registers = ['0', '10', '16', '26', '28', '32', '42', '50'];
    await session(manager, {
      id: SESSION_INSIDE,
      fleetId: FLEET_A,
      evseId: evseInside,
      ownerOrg: OWNER_A_ORG,
      arrival: at(day, 0),
      departure: at(day, 7),
      energyNeedKwh: '50',
      baseline: [0, 1, 2, 3, 4].map((isp) => [at(day, isp), '10'] as const),
      meter: registers.flatMap((register, isp) => (isp === LATE_METER_VALUE.isp ? [] : [[at(day, isp), register, '40'] as const])),
    });
    await session(manager, {
      id: SESSION_OUTSIDE,
      fleetId: FLEET_A,
      evseId: evseOutside,
      ownerOrg: OWNER_A_ORG,
      arrival: at(day, 3),
      departure: at(day, 4),
      energyNeedKwh: '10',
      baseline: [[at(day, 3), '0']],
      meter: [
        [at(day, 3), '0', '40'],
        [at(day, 4), '10', '40'],
      ],
    });

    const block0 = Block.of(day, 0).range;
    await award(manager, { n: 1, market: 'fcr', productCode: 'fcr-nl', direction: 'symmetric', from: block0.start, to: block0.end, mw: '0.04', price: '20', priceUnit: 'EUR/MW/h', labels: ['FCR price ASSUMED'] });
    await award(manager, { n: 2, market: 'afrr', productCode: 'afrr-capacity-nl', direction: 'up', from: block0.start, to: block0.end, mw: '0.08', price: '10', priceUnit: 'EUR/MW/h', labels: ['DE auction data used for NL'] });
    await award(manager, { n: 3, market: 'afrr', productCode: 'afrr-energy-nl', direction: 'up', from: at(day, 1), to: at(day, 2), mw: '0.1', price: '150', priceUnit: 'EUR/MWh', labels: ['aFRR energy price ASSUMED'] });
    const pair = 'request-1.isp3';
    await award(manager, { n: 4, market: 'idcons', productCode: 'idcons-nl', direction: 'sell', from: at(day, 3), to: at(day, 4), mw: '0.04', price: '120', priceUnit: 'EUR/MWh', labels: [], idcons: { side: 'inside', pairRef: pair, ean: EAN_INSIDE } });
    await award(manager, { n: 5, market: 'idcons', productCode: 'idcons-nl', direction: 'buy', from: at(day, 3), to: at(day, 4), mw: '0.04', price: '80', priceUnit: 'EUR/MWh', labels: [], idcons: { side: 'outside', pairRef: pair, ean: EAN_OUTSIDE } });
    await tracked(manager, 'afrr', 1, '-8', '-4');
    await tracked(manager, 'fcr', 8, '-4', '-2');
    await flexOrder(manager, 5, -40_000, '5.0000');

    const isps = day.isps();
    await manager.query(
      `INSERT INTO settlement_prices (market, bidding_zone, isp_start, price_eur_per_mwh, source)
       SELECT 'day-ahead', 'NL', t, 100, 'test (ASSUMED)' FROM unnest($1::timestamptz[]) AS u(t)`,
      [isps.map((isp) => isp.start)],
    );
  });
}

export async function addLateMeterValue(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO meter_values (session_id, measured_at, power_kw, energy_register_kwh, source, received_at) VALUES ($1, $2, $3, $4, 'ocpp', now())`,
    [LATE_METER_VALUE.sessionId, at(day, LATE_METER_VALUE.isp), LATE_METER_VALUE.powerKw, LATE_METER_VALUE.registerKwh],
  );
}
