import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ReservationLedger, type LedgerDirection, type ReservationProduct } from '@vpp/flexibility';
import { MarketGate, MarketGateStore, marketGateKey, type Award, type BidDirection, type Market, type MarketsClock } from '@vpp/markets';
import { Decimal, DeliveryDay, Isp, parseDecimal, TimeRange } from '@vpp/units';

/** The test's "now" on the markets clock; `onNow` lets a test move time while a call is under way. */
export class SetClock implements MarketsClock {
  constructor(private instant: Date) {}
  now(): Date {
    return new Date(this.instant);
  }
  set(instant: Date): void {
    this.instant = instant;
  }
}

/** A portfolio in every capacity and energy market, prequalified far above what the tests reserve. */
export async function seedPortfolio(dataSource: DataSource, organisationId: string, brpReference: string | null): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await dataSource.query(
    `INSERT INTO portfolios (id, organisation_id, name, bidding_zone, brp_reference, created_at, updated_at) VALUES ($1, $2, $3, 'NL', $4, $5, $5)`,
    [id, organisationId, `gateways ${id.slice(0, 8)}`, brpReference, now],
  );
  for (const market of ['fcr', 'afrr', 'day_ahead']) await dataSource.query(`INSERT INTO portfolio_markets (portfolio_id, market) VALUES ($1, $2)`, [id, market]);
  for (const product of ['fcr', 'afrr_up', 'afrr_down', 'day_ahead']) {
    await dataSource.query(`INSERT INTO portfolio_prequalifications (portfolio_id, product, capacity_kw, updated_at) VALUES ($1, $2, 100000, $3)`, [id, product, now]);
  }
  return id;
}

/** 100 MW available up and down in every ISP of the day, so the tests' reservations always fit. */
export async function makeAvailable(ledger: ReservationLedger, portfolioId: string, day: DeliveryDay): Promise<void> {
  await ledger.setAvailability(
    portfolioId,
    day.isps().flatMap((isp) => (['up', 'down'] as const).map((direction) => ({ ispStart: isp.start, direction, availableKw: new Decimal(100_000) }))),
  );
}

/** Plans a gate as the calendar would (market_gates row), for a delivery day and product. */
export async function planGate(
  dataSource: DataSource,
  market: Market,
  productCode: string,
  day: DeliveryDay,
  gateClosureAt: Date,
): Promise<MarketGate> {
  const versions: { id: string }[] = await dataSource.query(
    `SELECT id FROM market_products WHERE product_code = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)`,
    [productCode, day.start],
  );
  const gate: MarketGate = {
    key: marketGateKey(productCode, day.start),
    market,
    productCode,
    productVersionId: versions[0].id,
    deliveryDay: day.isoDate,
    period: day.range,
    gateClosureAt,
    prepareAt: new Date(gateClosureAt.getTime() - 15 * 60_000),
  };
  await dataSource.transaction((manager) => new MarketGateStore().insertPlanned(manager, gate, new Date()));
  return gate;
}

export interface BidFixture {
  readonly productCode: string;
  readonly market: Market;
  readonly direction: BidDirection;
  readonly period: TimeRange;
  /** [price, MW] pairs as decimal strings. */
  readonly points: readonly (readonly [string, string])[];
}

const RESERVATION_OF: Record<string, { product: ReservationProduct; direction?: LedgerDirection }> = {
  'day-ahead/buy': { product: 'day_ahead', direction: 'down' },
  'day-ahead/sell': { product: 'day_ahead', direction: 'up' },
  'fcr/symmetric': { product: 'fcr' },
  'afrr/up': { product: 'afrr_up' },
  'afrr/down': { product: 'afrr_down' },
};

/**
 * A bid as bid building stores it (`bids` + `bid_points`, status `reserved`) with its real ledger
 * reservation of the largest quantity in every ISP of its period.
 */
export async function storeReservedBid(dataSource: DataSource, ledger: ReservationLedger, portfolioId: string, gate: MarketGate, bid: BidFixture): Promise<string> {
  const id = randomUUID();
  const maxMw = bid.points.reduce((max, [, mw]) => Decimal.max(max, new Decimal(mw)), new Decimal(0));
  const isps: { ispStart: Date; kw: Decimal }[] = [];
  for (let isp = Isp.startingAt(bid.period.start); isp.start < bid.period.end; isp = isp.next()) isps.push({ ispStart: isp.start, kw: maxMw.times(1000) });
  const kind = RESERVATION_OF[`${bid.market}/${bid.direction}`];
  const { reservation } = await ledger.reserve(portfolioId, { ...kind, reference: `bid ${id}`, idempotencyKey: `bid.${id}`, isps });
  const organisation: { organisation_id: string }[] = await dataSource.query(`SELECT organisation_id FROM portfolios WHERE id = $1`, [portfolioId]);
  const now = new Date();
  await dataSource.query(
    `INSERT INTO bids (id, bid_key, portfolio_id, organisation_id, market, product_code, product_version_id, direction, period_start, period_end, delivery_day,
       gate_key, location_ean, pair_ref, status, refusal_reasons, reservation_id, known_at, built_from, external_ref, status_note, created_at, status_changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, NULL, 'reserved', '[]', $13, $14, '{"fixture":"gateways test"}', NULL, NULL, $14, $14)`,
    [id, `test.${id}`, portfolioId, organisation[0].organisation_id, bid.market, bid.productCode, gate.productVersionId, bid.direction, bid.period.start, bid.period.end, gate.deliveryDay, gate.key, reservation.id, now],
  );
  for (const [index, [price, mw]] of bid.points.entries()) {
    await dataSource.query(`INSERT INTO bid_points (bid_id, point_index, quantity_mw, price) VALUES ($1, $2, $3, $4)`, [id, index, mw, price]);
  }
  return id;
}

export const hour = (iso: string): TimeRange => TimeRange.of(new Date(iso), new Date(new Date(iso).getTime() + 3_600_000));

/** An award of `portfolioId` as the gateways store a collected result (test data: 100 EUR per MWh or MW/h, pay-as-cleared). */
export function anAward(portfolioId: string, market: Award['market'], direction: Award['direction'], period: TimeRange, mw: string, labels: string[] = []): Award {
  return {
    bidId: randomUUID(),
    clientOrderId: `test-${randomUUID()}`,
    portfolioId,
    market,
    productCode: market === 'day-ahead' ? 'sdac-nl' : market === 'fcr' ? 'fcr-nl' : 'afrr-capacity-nl',
    direction,
    period,
    quantityMw: parseDecimal(mw),
    price: parseDecimal('100'),
    priceUnit: market === 'day-ahead' ? 'EUR/MWh' : 'EUR/MW/h',
    pricing: 'pay-as-cleared',
    labels,
  };
}
