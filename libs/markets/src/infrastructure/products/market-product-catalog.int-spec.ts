import { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { createDataSource } from '@vpp/persistence';
import { DeliveryDay } from '@vpp/units';
import { MarketProductCatalog } from '../../application/market-product-catalog';
import type { MarketProductRules } from '../../domain/products/market-product';
import { SEEDED_PRODUCTS } from '../../domain/test-support/products.fixture';
import { MarketProductRepository } from './market-product.repository';

// The seeded market_products rows of migration 1764300200000, read back from PostgreSQL through
// the repository, mapper and catalog (effective dating, configured overrides).
describe(MarketProductCatalog.name, () => {
  let dataSource: DataSource;
  const catalog = (overrides: Record<string, string> = {}): MarketProductCatalog =>
    new MarketProductCatalog(dataSource, new MarketProductRepository(), loadConfig(overrides));

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig(), { poolSize: 2 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('holds every documented version, with the values of the domain fixtures', async () => {
    const stored = await catalog().versions();
    const comparable = (v: MarketProductRules) => ({
      id: v.id,
      productCode: v.productCode,
      from: v.validity.from.toISOString(),
      to: v.validity.to?.toISOString() ?? null,
      directions: v.directions,
      mtuMinutes: v.mtuMinutes,
      gateKind: v.gateKind,
      gateClosure: v.gateClosure,
      gateOpens: v.gateOpens,
      minQuantityMw: v.minQuantityMw?.toFixed() ?? null,
      quantityStepMw: v.quantityStepMw?.toFixed() ?? null,
      priceTick: v.priceTick?.toFixed() ?? null,
      priceMin: v.priceMin?.toFixed() ?? null,
      priceMax: v.priceMax?.toFixed() ?? null,
      curvePoints: v.curvePoints,
      fullActivationSeconds: v.fullActivationSeconds,
      lerMinutes: v.lerMinutes,
      requiresLocation: v.requiresLocation,
      qualification: v.qualification,
    });
    const byId = (a: { id: string }, b: { id: string }): number => a.id.localeCompare(b.id);
    expect(stored.map(comparable).sort(byId)).toEqual(SEEDED_PRODUCTS.map(comparable).sort(byId));
  });

  it('marks every version that rests on an assumption, naming the fields', async () => {
    const stored = await catalog().versions();
    for (const version of stored) {
      expect(version.verified).toBe(version.unverifiedFields.length === 0);
      expect(version.sourceNote.length).toBeGreaterThan(20);
    }
    const fcr = stored.find((v) => v.productCode === 'fcr-nl');
    expect(fcr?.unverifiedFields).toEqual(expect.arrayContaining(['gateClosureZone', 'quantityStepMw', 'lerMinutes']));
    const afrrCapacity = stored.find((v) => v.productCode === 'afrr-capacity-nl');
    expect(afrrCapacity?.unverifiedFields).toEqual(expect.arrayContaining(['gateClosure', 'pricingRule']));
  });

  it.each([
    // SDAC: hourly MTU before delivery day 2025-10-01; +4,000 from trading day 2022-05-10 (delivery 2022-05-11)
    ['2025-09-30', 60, '4000.00000'],
    ['2025-10-01', 15, '4000.00000'],
    ['2022-05-10', 60, '3000.00000'],
    ['2022-05-11', 60, '4000.00000'],
  ])('resolves SDAC rules for delivery day %s: %d-min MTU, cap %s', async (isoDate, mtuMinutes, priceMax) => {
    const rules = await catalog().rulesFor('day-ahead', 'sdac-nl', DeliveryDay.of(isoDate).start);
    expect(rules.mtuMinutes).toBe(mtuMinutes);
    expect(rules.priceMax?.toFixed(5)).toBe(priceMax);
  });

  it.each([
    // GOPACS product terms: v1.0 (11-2020) until 2023-05-08, v2.0 from 2023-05-09 (migration 1764400350000), v3.0 from 2024-10-02
    ['2020-11-01', 'v1.0'],
    ['2023-05-08', 'v1.0'],
    ['2023-05-09', 'v2.0'],
    ['2023-06-28', 'v2.0'],
    ['2024-10-01', 'v2.0'],
    ['2024-10-02', 'v3.0'],
  ])('resolves the IDCONS product terms of delivery day %s: %s', async (isoDate, terms) => {
    const rules = await catalog().rulesFor('idcons', 'idcons-nl', DeliveryDay.of(isoDate).start);
    expect(rules.sourceNote).toContain(`product terms ${terms}`);
    // The same numeric rules in every version; the fields resting on no public number are named.
    expect([rules.minQuantityMw?.toFixed(), rules.quantityStepMw?.toFixed(), rules.priceMin?.toFixed(), rules.priceMax?.toFixed(), rules.requiresLocation]).toEqual(['1', '0.1', '-9999.9', '9999.9', true]);
    expect(rules.unverifiedFields).toEqual(expect.arrayContaining(['minQuantityMw', 'priceMax', 'qualification']));
  });

  it('has no IDCONS rules before the product terms v1.0 (2020-11-01)', async () => {
    await expect(catalog().rulesFor('idcons', 'idcons-nl', DeliveryDay.of('2020-10-31').start)).rejects.toMatchObject({ code: 'MARKET_PRODUCT_NOT_FOUND' });
  });

  it('applies configured values for UNVERIFIED rules and keeps the seeded default otherwise', async () => {
    const day = DeliveryDay.of('2026-03-29').start;
    const seeded = await catalog().rulesFor('fcr', 'fcr-nl', day);
    expect([seeded.gateClosureZone, seeded.quantityStepMw?.toFixed(), seeded.lerMinutes]).toEqual(['Europe/Amsterdam', '1', 15]);
    const configured = await catalog({ MARKETS_FCR_GATE_CLOSURE_ZONE: 'UTC', MARKETS_FCR_LER_MINUTES: '30', MARKETS_AFRR_ENERGY_GATE_CLOSURE: '-30m' }).versions();
    const fcr = configured.find((v) => v.productCode === 'fcr-nl');
    expect([fcr?.gateClosureZone, fcr?.lerMinutes]).toEqual(['UTC', 30]);
    expect(fcr?.unverifiedFields).toEqual(expect.arrayContaining(['gateClosureZone (configured)', 'lerMinutes (configured)']));
    expect(configured.filter((v) => v.productCode === 'afrr-energy-nl').map((v) => v.gateClosure)).toEqual(Array(4).fill({ beforeStart: { minutes: 30 } }));
  });
});
