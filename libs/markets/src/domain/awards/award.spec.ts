import { Decimal, TimeRange } from '@vpp/units';
import type { CounterpartyResult } from '../gateways/counterparty-result';
import { gateOutcome, SubmittedOrder } from './award';

const order = (clientOrderId: string, bidId: string): SubmittedOrder => ({
  clientOrderId,
  bid: { bidId, portfolioId: 'p-1', market: 'day-ahead', productCode: 'sdac-nl', direction: 'buy', reservationId: `r-${bidId}` },
});
const result = (clientOrderId: string, mw: string): CounterpartyResult => ({
  clientOrderId,
  period: TimeRange.of(new Date('2023-03-15T00:00:00Z'), new Date('2023-03-15T01:00:00Z')),
  quantityMw: new Decimal(mw),
  price: new Decimal('114.2'),
  priceUnit: 'EUR/MWh',
  pricing: 'pay-as-cleared',
  labels: [],
});

describe(gateOutcome.name, () => {
  it('awards positive quantities, rejects zero and absent orders, and ignores results for orders not sent', () => {
    const outcome = gateOutcome([order('c-1', 'b-1'), order('c-2', 'b-2'), order('c-3', 'b-3')], [result('c-1', '1.2'), result('c-2', '0'), result('x-9', '5')]);
    expect(outcome.awards.map((a) => [a.bidId, a.quantityMw.toFixed(), a.price.toFixed()])).toEqual([['b-1', '1.2', '114.2']]);
    expect(outcome.awardedBidIds).toEqual(['b-1']);
    expect(outcome.notAwardedBidIds).toEqual(['b-2', 'b-3']);
    expect(outcome.unknownClientOrderIds).toEqual(['x-9']);
  });

  it('keeps one bid awarded when only some of its periods clear', () => {
    const outcome = gateOutcome([order('c-1', 'b-1')], [result('c-1', '0'), { ...result('c-1', '0.4'), period: TimeRange.of(new Date('2023-03-15T01:00:00Z'), new Date('2023-03-15T02:00:00Z')) }]);
    expect(outcome.awards).toHaveLength(1);
    expect([outcome.awardedBidIds, outcome.notAwardedBidIds]).toEqual([['b-1'], []]);
  });
});
