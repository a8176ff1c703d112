import { DispatchFleet, DispatchSites } from '../domain';
import { applyCongestionCaps, CongestionOrder } from './congestion-caps';

function fleetOn(sites: number[], baselineKw: number[]): DispatchFleet {
  const fleet = new DispatchFleet(8);
  sites.forEach((siteIndex, i) =>
    fleet.upsert({
      sessionId: `s${i}`, channel: 'ocpi', siteIndex, baselineKw: baselineKw[i], measuredKw: baselineKw[i], telemetryAtS: 0,
      bandMinKw: 0, bandMaxKw: 22, minChargeKw: 0, deliveredKwh: 0, targetKwh: 50, departureS: 36_000,
    }),
  );
  return fleet;
}

const SITES = () =>
  new DispatchSites([
    { siteId: 'a', parentIndex: -1, importLimitKw: 100, exportLimitKw: 0 },
    { siteId: 'b', parentIndex: -1, importLimitKw: 100, exportLimitKw: 0 },
    { siteId: 'c', parentIndex: -1, importLimitKw: 100, exportLimitKw: 0 },
  ]);

const order = (siteIds: string[], reductionKw: number): CongestionOrder => ({ source: 'uftp-flex-order', reference: 'o1', siteIds, reductionKw, fromMs: 900_000, toMs: 1_800_000 });

describe(applyCongestionCaps.name, () => {
  it('caps the area sites below their baseline by their share of the reduction, and no other site', () => {
    const sites = SITES();
    const fleet = fleetOn([0, 0, 1, 2], [11, 11, 22, 22]);
    expect(applyCongestionCaps(sites, fleet, [order(['a', 'b'], 22)], 900_000)).toBe(2);
    // Area baseline 44 kW: a (22) and b (22) each give 11 kW.
    expect(sites.effectiveImportLimitKw(0)).toBeCloseTo(11);
    expect(sites.effectiveImportLimitKw(1)).toBeCloseTo(11);
    expect(sites.effectiveImportLimitKw(2)).toBe(100);
  });

  it('applies only within the order ISPs: [from, to)', () => {
    const sites = SITES();
    const fleet = fleetOn([0], [11]);
    expect(applyCongestionCaps(sites, fleet, [order(['a'], 5)], 899_999)).toBe(0);
    expect(sites.effectiveImportLimitKw(0)).toBe(100);
    expect(applyCongestionCaps(sites, fleet, [order(['a'], 5)], 1_799_999)).toBe(1);
    expect(sites.effectiveImportLimitKw(0)).toBeCloseTo(6);
    // The cap is lifted at the end of its last ISP.
    expect(applyCongestionCaps(sites, fleet, [order(['a'], 5)], 1_800_000)).toBe(0);
    expect(sites.effectiveImportLimitKw(0)).toBe(100);
  });

  it('adds orders on the same site and never caps below zero', () => {
    const sites = SITES();
    const fleet = fleetOn([0], [11]);
    applyCongestionCaps(sites, fleet, [order(['a'], 4), { ...order(['a'], 3), source: 'idcons-award', reference: 'award' }], 1_000_000);
    expect(sites.effectiveImportLimitKw(0)).toBeCloseTo(4);
    applyCongestionCaps(sites, fleet, [order(['a'], 50)], 1_000_000);
    expect(sites.effectiveImportLimitKw(0)).toBe(0);
  });

  it('ignores sites of the order that are not in this portfolio', () => {
    const sites = SITES();
    const fleet = fleetOn([0], [11]);
    expect(applyCongestionCaps(sites, fleet, [order(['elsewhere'], 5)], 1_000_000)).toBe(0);
  });
});
