import { IspEnergyLedger } from './isp-energy-ledger';
import { NO_OBLIGATIONS, fleetBaselineKw, portfolioTarget } from './portfolio-target';

describe('portfolioTarget', () => {
  it('is the baseline when nothing is active', () => {
    expect(portfolioTarget(800, NO_OBLIGATIONS)).toMatchObject({ targetKw: 800, obligationKw: 0, fcrUpKw: 0 });
  });

  it('subtracts aFRR up and FCR up and adds the position correction', () => {
    const t = portfolioTarget(800, { afrrSetpointKw: 150, fcrContractedKw: 200, frequencyHz: 49.9, positionCorrectionKw: 25 });
    expect(t.fcrUpKw).toBeCloseTo(100, 9);
    expect(t.targetKw).toBeCloseTo(800 - 150 - 100 + 25, 9);
    expect(t.obligationKw).toBeCloseTo(-225, 9);
  });

  it('down-regulation (negative aFRR, high frequency) raises consumption', () => {
    const t = portfolioTarget(800, { afrrSetpointKw: -100, fcrContractedKw: 200, frequencyHz: 50.2, positionCorrectionKw: 0 });
    expect(t.targetKw).toBeCloseTo(1100, 9);
  });

  it('sums the baseline of slots in use only', () => {
    expect(fleetBaselineKw(Float64Array.of(5, 7, 11), Uint8Array.of(1, 0, 1), 3)).toBe(16);
  });
});

describe('IspEnergyLedger', () => {
  it('books requested and delivered up/down energy to the ISP the cycle starts in', () => {
    const ledger = new IspEnergyLedger();
    const isp = 1_774_000_800; // a multiple of 900 s
    ledger.record(isp, 3600, -100, -90); // one hour worth of -100 kW requested (up), -90 delivered
    ledger.record(isp + 899, 36, 50, 60);
    ledger.record(isp + 900, 36, 10, 10);
    expect(ledger.get(isp)).toEqual({ ispStartS: isp, requestedUpKwh: 100, requestedDownKwh: 0.5, deliveredUpKwh: 90, deliveredDownKwh: 0.6, absErrorKwh: 10.1, cycles: 2 });
    expect(ledger.all().map((r) => r.ispStartS)).toEqual([isp, isp + 900]);
    ledger.prune(isp + 900);
    expect(ledger.get(isp)).toBeUndefined();
  });
});
