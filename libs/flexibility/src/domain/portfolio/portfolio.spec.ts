import { Decimal } from '@vpp/units';
import { PortfolioDefinition, validatePortfolio, validatePrequalifications } from './portfolio';
import { PortfolioError } from './portfolio.errors';

const definition = (over: Partial<PortfolioDefinition> = {}): PortfolioDefinition => ({
  name: ' NL pool ',
  biddingZone: 'NL',
  brpReference: '8712423000005',
  markets: ['afrr', 'fcr'],
  ...over,
});

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof PortfolioError ? error.code : `not a PortfolioError: ${String(error)}`;
  }
  return undefined;
}

describe('portfolios', () => {
  it('trims the name and orders the markets', () => {
    expect(validatePortfolio(definition({ markets: ['fcr', 'afrr'] }))).toEqual({ name: 'NL pool', biddingZone: 'NL', brpReference: '8712423000005', markets: ['afrr', 'fcr'] });
  });

  it.each(['NL', 'DE-LU', 'IT-NORD', 'DK1', 'NO2'])('accepts bidding zone %s', (zone) => {
    expect(validatePortfolio(definition({ biddingZone: zone })).biddingZone).toBe(zone);
  });

  it.each([
    ['an empty name', { name: ' ' }],
    ['a lower-case zone', { biddingZone: 'nl' }],
    ['no market', { markets: [] }],
    ['a market twice', { markets: ['fcr', 'fcr'] }],
    ['an unknown market', { markets: ['intraday' as never] }],
    ['a blank BRP reference', { brpReference: ' ' }],
  ])('refuses %s', (_name, over) => {
    expect(codeOf(() => validatePortfolio(definition(over as Partial<PortfolioDefinition>)))).toBe('PORTFOLIO_INVALID');
  });

  it('prequalifies only products of the portfolio markets, each once, >= 0 kW with at most 3 decimals', () => {
    const kw = (text: string): Decimal => new Decimal(text);
    expect(codeOf(() => validatePrequalifications(['fcr', 'afrr'], [{ product: 'fcr', capacityKw: kw('1000') }, { product: 'afrr_down', capacityKw: kw('0') }]))).toBeUndefined();
    expect(codeOf(() => validatePrequalifications(['fcr'], [{ product: 'afrr_up', capacityKw: kw('1') }]))).toBe('PORTFOLIO_MARKET_NOT_HELD');
    expect(codeOf(() => validatePrequalifications(['fcr'], [{ product: 'fcr', capacityKw: kw('-1') }]))).toBe('PORTFOLIO_INVALID');
    expect(codeOf(() => validatePrequalifications(['fcr'], [{ product: 'fcr', capacityKw: kw('1.0001') }]))).toBe('PORTFOLIO_INVALID');
    expect(codeOf(() => validatePrequalifications(['fcr'], [{ product: 'fcr', capacityKw: kw('1') }, { product: 'fcr', capacityKw: kw('2') }]))).toBe('PORTFOLIO_INVALID');
    expect(codeOf(() => validatePrequalifications(['fcr'], []))).toBe('PORTFOLIO_INVALID');
  });
});
