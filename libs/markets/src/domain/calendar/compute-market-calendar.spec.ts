import { DeliveryDay } from '@vpp/units';
import { applyProductRuleOverrides } from '../products/product-rule-overrides';
import { SEEDED_PRODUCTS } from '../test-support/products.fixture';
import { computeMarketCalendar } from './compute-market-calendar';
import { marketGateKey } from './market-gate';

const MARGIN_MINUTES = 15;
const iso = (date: Date): string => date.toISOString();

describe(computeMarketCalendar.name, () => {
  it.each([
    // day, ISPs = aFRR energy gates; + 3 daily auctions (FCR, aFRR capacity, SDAC); IDCONS has none
    ['2026-06-10', 96],
    ['2026-03-29', 92],
    ['2026-10-25', 100],
  ])('%s has %d aFRR energy gates and three daily auction gates, each key once', (isoDate, isps) => {
    const gates = computeMarketCalendar(SEEDED_PRODUCTS, DeliveryDay.of(isoDate), MARGIN_MINUTES);
    expect(gates).toHaveLength(isps + 3);
    expect(new Set(gates.map((g) => g.key)).size).toBe(gates.length);
    expect(gates.filter((g) => g.productCode === 'afrr-energy-nl')).toHaveLength(isps);
    expect(gates.some((g) => g.market === 'idcons')).toBe(false);
    expect(gates.every((g) => g.deliveryDay === isoDate && g.prepareAt.getTime() === g.gateClosureAt.getTime() - MARGIN_MINUTES * 60_000)).toBe(true);
    // sorted by gate closure
    expect(gates.map((g) => g.gateClosureAt.getTime())).toEqual([...gates.map((g) => g.gateClosureAt.getTime())].sort((a, b) => a - b));
  });

  it.each([
    // day, FCR D-1 08:00, aFRR capacity D-1 09:00, SDAC D-1 12:00 (local on D-1), first and last aFRR energy gate (ISP start - 25 min)
    // 2026-03-29: D-1 is 2026-03-28, still CET (UTC+1); the day starts 2026-03-28T23:00Z and ends 22:00Z (23 h)
    ['2026-03-29', '2026-03-28T07:00:00.000Z', '2026-03-28T08:00:00.000Z', '2026-03-28T11:00:00.000Z', '2026-03-28T22:35:00.000Z', '2026-03-29T21:20:00.000Z'],
    // 2026-10-25: D-1 is 2026-10-24, still CEST (UTC+2); the day runs 2026-10-24T22:00Z to 2026-10-25T23:00Z (25 h)
    ['2026-10-25', '2026-10-24T06:00:00.000Z', '2026-10-24T07:00:00.000Z', '2026-10-24T10:00:00.000Z', '2026-10-24T21:35:00.000Z', '2026-10-25T22:20:00.000Z'],
    ['2026-06-10', '2026-06-09T06:00:00.000Z', '2026-06-09T07:00:00.000Z', '2026-06-09T10:00:00.000Z', '2026-06-09T21:35:00.000Z', '2026-06-10T21:20:00.000Z'],
  ])('%s: gates in UTC', (isoDate, fcr, afrrCapacity, sdac, firstEnergy, lastEnergy) => {
    const gates = computeMarketCalendar(SEEDED_PRODUCTS, DeliveryDay.of(isoDate), MARGIN_MINUTES);
    const closure = (code: string): string[] => gates.filter((g) => g.productCode === code).map((g) => iso(g.gateClosureAt));
    expect(closure('fcr-nl')).toEqual([fcr]);
    expect(closure('afrr-capacity-nl')).toEqual([afrrCapacity]);
    expect(closure('sdac-nl')).toEqual([sdac]);
    const energy = closure('afrr-energy-nl');
    expect([energy[0], energy[energy.length - 1]]).toEqual([firstEnergy, lastEnergy]);
  });

  it('gives daily auctions the whole delivery day as period and a stable key', () => {
    const day = DeliveryDay.of('2026-03-29');
    const fcr = computeMarketCalendar(SEEDED_PRODUCTS, day, 0).find((g) => g.productCode === 'fcr-nl');
    expect(fcr?.period.equals(day.range)).toBe(true);
    expect(fcr?.key).toBe('gate.fcr-nl.20260328T2300Z');
    expect(marketGateKey('afrr-energy-nl', new Date('2026-10-25T01:15:00Z'))).toBe('gate.afrr-energy-nl.20261025T0115Z');
  });

  it('reads the FCR gate in UTC when configured so (the zone is UNVERIFIED)', () => {
    const versions = SEEDED_PRODUCTS.map((v) => applyProductRuleOverrides(v, { 'fcr-nl': { gateClosureZone: 'UTC' } }));
    const fcr = computeMarketCalendar(versions, DeliveryDay.of('2026-03-29'), 0).find((g) => g.productCode === 'fcr-nl');
    expect(fcr?.gateClosureAt.toISOString()).toBe('2026-03-28T08:00:00.000Z');
  });

  it('uses the hourly SDAC version for 2025-09-30 and leaves out products not yet valid', () => {
    const gates = computeMarketCalendar(SEEDED_PRODUCTS, DeliveryDay.of('2020-01-15'), 0);
    // 2020-01-15: only SDAC existed in the seed (FCR 4-h products from July 2020, aFRR split from Nov 2020)
    expect(gates.map((g) => g.productCode)).toEqual(['sdac-nl']);
    expect(computeMarketCalendar(SEEDED_PRODUCTS, DeliveryDay.of('2025-09-30'), 0).find((g) => g.productCode === 'sdac-nl')?.productVersionId).toBe(
      '0b35e292-4936-4366-bb6f-a24a9812d799',
    );
  });
});
