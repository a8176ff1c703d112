import { computeStatement } from '../statement/compute-statement';
import { fourMarkets, statementInputs } from '../test-support/statement.fixture';
import { estimateRevenue } from './revenue-estimate';

describe(estimateRevenue.name, () => {
  it('prices the same way as the statement: per market, and a total that rounds to its net revenue', () => {
    const sut = estimateRevenue(fourMarkets());
    // FCR 50 - 6.25; aFRR 32.80 + 30.1275 - 4.51; day-ahead 20 + 2; IDCONS 5 + 3 - 1.60
    expect(Object.fromEntries([...sut.byMarket].map(([market, money]) => [market, money.toString()]))).toEqual({
      fcr: '43.75',
      afrr: '58.4175',
      'day-ahead': '22',
      idcons: '6.4',
    });
    expect(sut.total.toString()).toBe('130.5675');
    expect(sut.total.roundToCents().equals(computeStatement(statementInputs()).netRevenue)).toBe(true);
  });
});
