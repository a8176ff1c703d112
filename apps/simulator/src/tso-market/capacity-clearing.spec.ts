import { Decimal } from '@vpp/units';
import { AFRR_DE_DATA_LABEL, clearAfrrCapacity, clearFcr, FCR_ASSUMED_LABEL, fcrPriceOfBlock } from './capacity-clearing';

const d = (text: string): Decimal => new Decimal(text);

describe('capacity clearing', () => {
  it('accepts aFRR pay-as-bid at or below the marginal price, labelled as DE data', () => {
    expect(clearAfrrCapacity({ quantityMw: d('2'), price: d('1.50') }, d('1.5650'))).toEqual({ quantityMw: d('2'), price: d('1.50'), pricing: 'pay-as-bid', labels: [AFRR_DE_DATA_LABEL] });
    expect(clearAfrrCapacity({ quantityMw: d('1'), price: d('5.5825') }, d('5.5825')).quantityMw.toFixed()).toBe('1');
    expect(clearAfrrCapacity({ quantityMw: d('1'), price: d('2.30') }, d('2.25')).quantityMw.toFixed()).toBe('0');
  });

  it('pays FCR the assumed clearing price and says it is assumed', () => {
    const cleared = clearFcr({ quantityMw: d('1'), price: d('10') }, d('14'));
    expect([cleared.quantityMw.toFixed(), cleared.price.toFixed(), cleared.pricing]).toEqual(['1', '14', 'pay-as-cleared']);
    expect(cleared.labels).toEqual([FCR_ASSUMED_LABEL]);
    expect(FCR_ASSUMED_LABEL).toContain('ASSUMED');
    expect(clearFcr({ quantityMw: d('1'), price: d('12.5') }, d('12')).quantityMw.toFixed()).toBe('0');
  });

  it('finds the configured price by local block, also on the 25-hour day', () => {
    const prices = ['14', '12', '15', '16', '13', '17'].map(d);
    expect(fcrPriceOfBlock(prices, new Date('2020-12-31T23:00:00Z'))?.toFixed()).toBe('14');
    expect(fcrPriceOfBlock(prices, new Date('2021-01-01T03:00:00Z'))?.toFixed()).toBe('12');
    // 2023-10-29: block 00-04 lasts 5 h (22:00Z-03:00Z), block 04-08 starts 03:00Z.
    expect(fcrPriceOfBlock(prices, new Date('2023-10-29T03:00:00Z'))?.toFixed()).toBe('12');
    expect(fcrPriceOfBlock(prices, new Date('2021-01-01T04:00:00Z'))).toBeUndefined();
  });
});
