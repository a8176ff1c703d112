import { Decimal, TimeRange } from '@vpp/units';
import { bidKeyOf } from '../../domain/bids/bid-key';
import type { BidDraft } from '../../domain/products/bid-draft';
import { bidVariantOf } from './bid-variant';

describe(bidVariantOf.name, () => {
  const portfolioId = '6f1c1a8e-0000-4000-8000-000000000001';
  const draft = (productCode: string, direction: BidDraft['direction']): BidDraft => ({
    market: productCode === 'idcons-nl' ? 'idcons' : 'afrr',
    productCode,
    direction,
    period: TimeRange.of(new Date('2023-03-15T00:00:00Z'), new Date('2023-03-15T00:15:00Z')),
    points: [{ quantityMw: new Decimal(1), price: new Decimal(10) }],
  });
  const knownAt = new Date('2023-03-14T06:00:00Z');

  it('reads back the variant bidKeyOf put in, dots included, and nothing for a bid without one', () => {
    const cases: [BidDraft, string][] = [
      [draft('afrr-energy-nl', 'up'), 'step2'],
      [draft('idcons-nl', 'sell'), 'event-7.871687140000000001'],
      [draft('afrr-energy-nl', 'down'), ''],
    ];
    for (const [bid, variant] of cases) {
      const bidKey = bidKeyOf(portfolioId, bid, variant, knownAt);
      expect(bidVariantOf({ bidKey, productCode: bid.productCode, portfolioId, direction: bid.direction })).toBe(variant);
    }
  });
});
