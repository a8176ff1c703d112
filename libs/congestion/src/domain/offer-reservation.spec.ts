import type { PortfolioFlexibility } from './congestion-flexibility';
import { offerHoldingKey, offerHoldings } from './offer-reservation';
import type { FlexOfferOption } from './uftp-messages';

describe(offerHoldings.name, () => {
  const share = (portfolioId: string, down: Record<number, number>, up: Record<number, number> = {}): PortfolioFlexibility => {
    const downKw = new Float64Array(96);
    const upKw = new Float64Array(96);
    for (const [isp, kw] of Object.entries(down)) downKw[Number.parseInt(isp, 10) - 1] = kw;
    for (const [isp, kw] of Object.entries(up)) upKw[Number.parseInt(isp, 10) - 1] = kw;
    return { portfolioId, downKw, upKw, planRunId: null, method: 'test' };
  };
  const option = (optionReference: string, isps: [number, number][]): FlexOfferOption => ({
    optionReference,
    price: '1.0000',
    minActivationFactor: '1.00',
    isps: isps.map(([start, power]) => ({ start, duration: 1, power })),
  });

  it('holds the largest option per ISP, split over the portfolios in order; consume less = ledger up, more = down', () => {
    const holdings = offerHoldings(
      [option('max', [[41, -30_000], [42, -30_000], [43, 4_000]]), option('min', [[41, -10_000]])],
      [share('p1', { 41: 20, 42: 40 }), share('p2', { 41: 15 }, { 43: 5 })],
    );
    expect(holdings.map((h) => [h.portfolioId, h.direction, h.isps.map((i) => [i.ispNumber, i.kw.toFixed()])])).toEqual([
      ['p1', 'up', [[41, '20'], [42, '30']]],
      ['p2', 'up', [[41, '10']]],
      ['p2', 'down', [[43, '4']]],
    ]);
  });

  it('refuses an offer larger than the shares hold: it would sell kW no ledger holds', () => {
    expect(() => offerHoldings([option('max', [[41, -30_001]])], [share('p1', { 41: 30 })])).toThrow(/30001 W.*30000 W/);
  });

  it('keys each holding by offer, portfolio and direction', () => {
    expect(offerHoldingKey('o1', { portfolioId: 'p1', direction: 'up' })).toBe('uftp-offer.o1.p1.up');
  });
});
