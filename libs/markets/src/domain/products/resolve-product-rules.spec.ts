import { DeliveryDay, Decimal } from '@vpp/units';
import { AFRR_ENERGY_NL, FCR_NL, SDAC_NL, SEEDED_PRODUCTS } from '../test-support/products.fixture';
import type { MarketsError } from './markets.errors';
import { applyProductRuleOverrides } from './product-rule-overrides';
import { overlappingVersions, resolveProductRules } from './resolve-product-rules';

const dayStart = (isoDate: string): Date => DeliveryDay.of(isoDate).start;
const errorCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as MarketsError).code;
  }
  return undefined;
};

describe(resolveProductRules.name, () => {
  it.each([
    // delivery day, MTU minutes, max price: hourly until 2025-09-30, 15 min from 2025-10-01;
    // +3,000 until delivery day 2022-05-10, +4,000 from trading day 2022-05-10 = delivery day 2022-05-11
    ['2022-05-10', 60, '3000'],
    ['2022-05-11', 60, '4000'],
    ['2025-09-30', 60, '4000'],
    ['2025-10-01', 15, '4000'],
    ['2026-10-25', 15, '4000'],
  ])('SDAC delivery day %s: %d-minute MTU, max %s EUR/MWh', (isoDate, mtuMinutes, priceMax) => {
    const rules = resolveProductRules(SEEDED_PRODUCTS, 'day-ahead', 'sdac-nl', dayStart(isoDate));
    expect(rules.mtuMinutes).toBe(mtuMinutes);
    expect(rules.priceMax?.toFixed()).toBe(priceMax);
    expect(rules.priceMin?.toFixed()).toBe('-500');
  });

  it('switches exactly at the boundary instant (valid_from inclusive, valid_to exclusive)', () => {
    const boundary = new Date('2025-09-30T22:00:00Z');
    expect(resolveProductRules(SDAC_NL, 'day-ahead', 'sdac-nl', new Date(boundary.getTime() - 1)).id).toBe(SDAC_NL[1].id);
    expect(resolveProductRules(SDAC_NL, 'day-ahead', 'sdac-nl', boundary).id).toBe(SDAC_NL[2].id);
  });

  it.each([
    ['2024-06-30T21:45:00Z', '99999', 450],
    ['2024-06-30T22:00:00Z', '10000', 450],
    ['2024-12-17T23:00:00Z', '10000', 300],
    ['2026-06-30T22:00:00Z', '15000', 300],
  ])('aFRR energy ISP starting %s: ±%s EUR/MWh, full activation %d s', (start, limit, fat) => {
    const rules = resolveProductRules(AFRR_ENERGY_NL, 'afrr', 'afrr-energy-nl', new Date(start));
    expect(rules.priceMax?.toFixed()).toBe(limit);
    expect(rules.priceMin?.toFixed()).toBe(`-${limit}`);
    expect(rules.fullActivationSeconds).toBe(fat);
  });

  it('refuses periods no version covers and overlapping versions', () => {
    expect(errorCode(() => resolveProductRules(SDAC_NL, 'day-ahead', 'sdac-nl', new Date('2010-01-01T00:00:00Z')))).toBe('MARKET_PRODUCT_NOT_FOUND');
    expect(errorCode(() => resolveProductRules(SDAC_NL, 'fcr', 'sdac-nl', dayStart('2025-10-01')))).toBe('MARKET_PRODUCT_NOT_FOUND');
    const overlapping = [...SDAC_NL, { ...SDAC_NL[2], id: 'copy', validity: { from: new Date('2025-01-01T00:00:00Z'), to: null } }];
    expect(errorCode(() => resolveProductRules(overlapping, 'day-ahead', 'sdac-nl', dayStart('2025-10-01')))).toBe('MARKET_PRODUCT_AMBIGUOUS');
    expect(overlappingVersions(overlapping).map(([a, b]) => [a.id, b.id])).toEqual([
      [SDAC_NL[1].id, 'copy'],
      [SDAC_NL[2].id, 'copy'],
    ]);
    expect(overlappingVersions(SEEDED_PRODUCTS)).toEqual([]);
  });
});

describe(applyProductRuleOverrides.name, () => {
  it('replaces configured UNVERIFIED values and reports them as configured', () => {
    const sut = applyProductRuleOverrides(FCR_NL, { 'fcr-nl': { gateClosureZone: 'UTC', quantityStepMw: new Decimal('0.1'), lerMinutes: undefined } });
    expect(sut.gateClosureZone).toBe('UTC');
    expect(sut.quantityStepMw?.toFixed()).toBe('0.1');
    expect(sut.lerMinutes).toBe(15);
    expect(sut.unverifiedFields).toEqual(expect.arrayContaining(['gateClosureZone (configured)', 'quantityStepMw (configured)']));
    expect(sut.sourceNote).toContain('Configured: gateClosureZone, quantityStepMw.');
  });

  it('leaves products without overrides untouched', () => {
    expect(applyProductRuleOverrides(FCR_NL, { 'sdac-nl': { lerMinutes: 30 } })).toBe(FCR_NL);
    expect(applyProductRuleOverrides(FCR_NL, { 'fcr-nl': {} })).toBe(FCR_NL);
  });
});
