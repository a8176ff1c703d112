import { Block, DeliveryDay, Decimal, TimeRange } from '@vpp/units';
import { AFRR_CAPACITY_NL, AFRR_ENERGY_NL, FCR_NL, IDCONS_NL, SDAC_NL } from '../test-support/products.fixture';
import type { BidDraft, BidPoint } from './bid-draft';
import type { BidRuleCode } from './bid-rule-violation';
import type { MarketProductRules } from './market-product';
import { validateBid } from './validate-bid';

const at = (iso: string): Date => new Date(iso);
const point = (quantityMw: string, price: string): BidPoint => ({ quantityMw: new Decimal(quantityMw), price: new Decimal(price) });
const codes = (bid: BidDraft, rules: MarketProductRules, now: Date): BidRuleCode[] => validateBid(bid, rules, now).map((v) => v.code);

// 2026-06-10 is a normal CEST day: SDAC gate D-1 12:00 = 2026-06-09T10:00Z; FCR gate D-1 08:00 = 2026-06-09T06:00Z.
const DAY = DeliveryDay.of('2026-06-10');
const SDAC_15 = SDAC_NL[2];
const BEFORE_SDAC_GATE = at('2026-06-09T09:00:00Z');
const BEFORE_FCR_GATE = at('2026-06-09T05:00:00Z');

function aSdacBid(overrides: Partial<BidDraft> = {}): BidDraft {
  const mtu = DAY.ispAt(41); // 10:00-10:15 local
  return { market: 'day-ahead', productCode: 'sdac-nl', direction: 'buy', period: mtu.range, points: [point('2.5', '-500'), point('0', '4000')], ...overrides };
}

function anFcrBid(overrides: Partial<BidDraft> = {}): BidDraft {
  return { market: 'fcr', productCode: 'fcr-nl', direction: 'symmetric', period: Block.of(DAY, 2).range, points: [point('3', '12.34')], ...overrides };
}

describe(validateBid.name, () => {
  it('accepts bids that keep every rule', () => {
    expect(validateBid(aSdacBid(), SDAC_15, BEFORE_SDAC_GATE)).toEqual([]);
    expect(validateBid(anFcrBid(), FCR_NL, BEFORE_FCR_GATE)).toEqual([]);
    const isp = DAY.ispAt(50);
    const afrr: BidDraft = { market: 'afrr', productCode: 'afrr-energy-nl', direction: 'up', period: isp.range, points: [point('2', '15000')] };
    // ISP 50 starts 12:15 local = 10:15Z; the gate is 25 min earlier, 09:50Z
    expect(validateBid(afrr, AFRR_ENERGY_NL[3], at('2026-06-10T09:49:59Z'))).toEqual([]);
  });

  describe('quantity', () => {
    it.each([
      ['0.5', ['QUANTITY_BELOW_MINIMUM', 'QUANTITY_OFF_STEP']], // FCR: 1 MW minimum, 1 MW increment
      ['0', ['QUANTITY_BELOW_MINIMUM']],
      ['1.5', ['QUANTITY_OFF_STEP']],
      ['-2', ['QUANTITY_NEGATIVE', 'QUANTITY_BELOW_MINIMUM']],
      ['1', []],
    ])('FCR %s MW breaks %j', (quantity, expected) => {
      expect(codes(anFcrBid({ points: [point(quantity, '10')] }), FCR_NL, BEFORE_FCR_GATE)).toEqual(expected);
    });

    it('refuses SDAC quantities off the 0.1 MW tick and names the point', () => {
      const violations = validateBid(aSdacBid({ points: [point('2.55', '10'), point('1', '20')] }), SDAC_15, BEFORE_SDAC_GATE);
      expect(violations).toEqual([expect.objectContaining({ code: 'QUANTITY_OFF_STEP', pointIndex: 0 })]);
    });
  });

  describe('price', () => {
    it.each([
      [['-500', '10.05'], ['PRICE_OFF_TICK']],
      [['-500.1', '10'], ['PRICE_BELOW_LIMIT']],
      [['-500', '4000.1'], ['PRICE_ABOVE_LIMIT']],
      [['-500', '4000'], []],
    ])('SDAC curve prices %j break %j', (prices, expected) => {
      expect(codes(aSdacBid({ points: prices.map((price) => point('1', price)) }), SDAC_15, BEFORE_SDAC_GATE)).toEqual(expected);
    });

    it('applies the +3,000 EUR/MWh cap of the version before 2022-05-11 and +4,000 after', () => {
      const hour = (iso: string): TimeRange => TimeRange.of(at(iso), new Date(at(iso).getTime() + 3_600_000));
      const old = aSdacBid({ period: hour('2022-05-09T10:00:00Z'), points: [point('1', '-500'), point('1', '3500')] });
      expect(codes(old, SDAC_NL[0], at('2022-05-08T09:00:00Z'))).toEqual(['PRICE_ABOVE_LIMIT']);
      const raised = aSdacBid({ period: hour('2022-05-11T10:00:00Z'), points: [point('1', '-500'), point('1', '3500')] });
      expect(codes(raised, SDAC_NL[1], at('2022-05-10T09:00:00Z'))).toEqual([]);
    });

    it('refuses aFRR energy prices beyond the limit of the version in force', () => {
      const isp = DeliveryDay.of('2025-06-10').ispAt(50);
      const bid: BidDraft = { market: 'afrr', productCode: 'afrr-energy-nl', direction: 'down', period: isp.range, points: [point('1', '-10000.01')] };
      expect(codes(bid, AFRR_ENERGY_NL[2], at('2025-06-10T08:00:00Z'))).toEqual(['PRICE_BELOW_LIMIT']);
    });
  });

  describe('gate', () => {
    it('refuses a bid at or after the gate and accepts one a millisecond before', () => {
      expect(codes(aSdacBid(), SDAC_15, at('2026-06-09T10:00:00.000Z'))).toEqual(['GATE_CLOSED']);
      expect(codes(aSdacBid(), SDAC_15, at('2026-06-09T11:30:00.000Z'))).toEqual(['GATE_CLOSED']);
      expect(codes(aSdacBid(), SDAC_15, at('2026-06-09T09:59:59.999Z'))).toEqual([]);
    });

    it('uses the delivery day of the period for daily gates on the 25-hour day', () => {
      // 2026-10-25: D-1 08:00 is 2026-10-24 08:00 CEST = 06:00Z
      const bid = anFcrBid({ period: Block.of(DeliveryDay.of('2026-10-25'), 0).range });
      expect(codes(bid, FCR_NL, at('2026-10-24T05:59:59Z'))).toEqual([]);
      expect(codes(bid, FCR_NL, at('2026-10-24T06:00:00Z'))).toEqual(['GATE_CLOSED']);
    });

    it('refuses a bid before the order book opens', () => {
      // FCR opens D-7 00:00 local: 2026-06-03T00:00 CEST = 2026-06-02T22:00Z
      expect(codes(anFcrBid(), FCR_NL, at('2026-06-02T21:59:59Z'))).toEqual(['GATE_NOT_OPEN']);
    });

    it('has no gate for event-driven IDCONS orders', () => {
      const bid: BidDraft = { market: 'idcons', productCode: 'idcons-nl', direction: 'buy', period: DAY.ispAt(60).range, points: [point('1.5', '80')], locationEan: '871685900012636543' };
      expect(validateBid(bid, IDCONS_NL, at('2026-06-10T14:00:00Z'))).toEqual([]);
    });
  });

  describe('curve points', () => {
    it('refuses 257 points and a single point on SDAC (2..256)', () => {
      const many = Array.from({ length: 257 }, (_, i) => point('1', new Decimal(i).dividedBy(10).toFixed()));
      expect(codes(aSdacBid({ points: many }), SDAC_15, BEFORE_SDAC_GATE)).toEqual(['TOO_MANY_CURVE_POINTS']);
      expect(codes(aSdacBid({ points: many.slice(0, 256) }), SDAC_15, BEFORE_SDAC_GATE)).toEqual([]);
      expect(codes(aSdacBid({ points: [point('1', '10')] }), SDAC_15, BEFORE_SDAC_GATE)).toEqual(['TOO_FEW_CURVE_POINTS']);
    });

    it('refuses two points on a single-price product and curves whose prices do not rise', () => {
      expect(codes(anFcrBid({ points: [point('1', '10'), point('2', '11')] }), FCR_NL, BEFORE_FCR_GATE)).toEqual(['TOO_MANY_CURVE_POINTS']);
      expect(codes(aSdacBid({ points: [point('1', '20'), point('1', '20')] }), SDAC_15, BEFORE_SDAC_GATE)).toEqual(['CURVE_PRICES_NOT_INCREASING']);
    });
  });

  describe('period and product', () => {
    it('refuses a 15-minute MTU on the hourly SDAC version and a quarter-hour off the grid', () => {
      const quarter = DeliveryDay.of('2024-06-10').ispAt(41).range;
      expect(codes(aSdacBid({ period: quarter }), SDAC_NL[1], at('2024-06-09T09:00:00Z'))).toEqual(['PERIOD_NOT_ALIGNED']);
      const shifted = TimeRange.of(at('2026-06-10T08:05:00Z'), at('2026-06-10T08:20:00Z'));
      expect(codes(aSdacBid({ period: shifted }), SDAC_15, BEFORE_SDAC_GATE)).toEqual(['PERIOD_NOT_ALIGNED']);
    });

    it('takes block 0 of the 23-hour day as 3 hours and refuses a 4-hour slice across blocks', () => {
      const spring = DeliveryDay.of('2026-03-29');
      expect(codes(anFcrBid({ period: Block.of(spring, 0).range }), FCR_NL, at('2026-03-27T12:00:00Z'))).toEqual([]);
      const slice = TimeRange.of(at('2026-06-10T00:00:00Z'), at('2026-06-10T04:00:00Z'));
      expect(codes(anFcrBid({ period: slice }), FCR_NL, BEFORE_FCR_GATE)).toEqual(['PERIOD_NOT_ALIGNED']);
    });

    it('refuses a direction the product does not offer and a bid checked against another product', () => {
      expect(codes(anFcrBid({ direction: 'up' }), FCR_NL, BEFORE_FCR_GATE)).toEqual(['DIRECTION_NOT_OFFERED']);
      expect(codes(anFcrBid(), AFRR_CAPACITY_NL, at('2026-06-09T05:00:00Z'))).toEqual(['PRODUCT_MISMATCH', 'DIRECTION_NOT_OFFERED']);
    });

    it('refuses IDCONS orders without an 18-digit connection EAN', () => {
      const bid: BidDraft = { market: 'idcons', productCode: 'idcons-nl', direction: 'sell', period: DAY.ispAt(60).range, points: [point('2', '50')] };
      expect(codes(bid, IDCONS_NL, BEFORE_SDAC_GATE)).toEqual(['LOCATION_MISSING']);
      expect(codes({ ...bid, locationEan: '8716859' }, IDCONS_NL, BEFORE_SDAC_GATE)).toEqual(['LOCATION_MISSING']);
    });
  });

  it('returns every broken rule at once', () => {
    const bid = anFcrBid({ direction: 'buy', points: [point('0.5', '1.234'), point('2', '-1')] });
    expect(codes(bid, FCR_NL, at('2026-06-09T07:00:00Z'))).toEqual([
      'DIRECTION_NOT_OFFERED',
      'GATE_CLOSED',
      'TOO_MANY_CURVE_POINTS',
      'CURVE_PRICES_NOT_INCREASING',
      'QUANTITY_BELOW_MINIMUM',
      'QUANTITY_OFF_STEP',
      'PRICE_OFF_TICK',
      'PRICE_BELOW_LIMIT',
    ]);
  });
});
