import { Decimal, Isp, PriceEurPerMwh, TimeRange } from '@vpp/units';
import { clearCurveOrder, curveQuantityAt } from './day-ahead-clearing';

const d = (text: string): Decimal => new Decimal(text);
const BUY = [
  { price: d('50.0'), quantityMw: d('2.0') },
  { price: d('120.0'), quantityMw: d('1.2') },
  { price: d('160.0'), quantityMw: d('0.4') },
];
const SELL = [
  { price: d('110.0'), quantityMw: d('0.3') },
  { price: d('150.0'), quantityMw: d('0.8') },
];

describe(curveQuantityAt.name, () => {
  it.each([
    ['buy', BUY, '155.80', '0.4'],
    ['buy', BUY, '160.0', '0.4'],
    ['buy', BUY, '160.1', '0'],
    ['buy', BUY, '114.20', '1.2'],
    ['buy', BUY, '-10', '2'],
    ['sell', SELL, '108.21', '0'],
    ['sell', SELL, '110.0', '0.3'],
    ['sell', SELL, '182.30', '0.8'],
  ] as const)('%s curve at %#: clears step-wise', (side, points, price, expected) => {
    expect(curveQuantityAt(side, points, d(price)).toFixed()).toBe(expected);
  });
});

describe(clearCurveOrder.name, () => {
  const hourly = (start: string): TimeRange => TimeRange.of(new Date(start), new Date(new Date(start).getTime() + 3_600_000));

  it('applies an hourly price to each quarter of its hour and merges them back into one result', () => {
    const clearings = clearCurveOrder({ clientOrderId: 'a', side: 'buy', period: hourly('2023-03-14T23:00:00Z'), points: BUY }, () => PriceEurPerMwh.fromString('155.80'));
    expect(clearings.map((c) => [c.period.toString(), c.clearingPrice?.toFixed(), c.quantityMw.toFixed()])).toEqual([
      ['2023-03-14T23:00:00.000Z/2023-03-15T00:00:00.000Z', '155.8', '0.4'],
    ]);
  });

  it('splits where the price changes and clears nothing where the series has no price', () => {
    const priceFor = (isp: Isp): PriceEurPerMwh | undefined => (isp.start.getUTCMinutes() < 30 ? PriceEurPerMwh.fromString('100') : undefined);
    const clearings = clearCurveOrder({ clientOrderId: 'b', side: 'buy', period: hourly('2023-03-15T00:00:00Z'), points: BUY }, priceFor);
    expect(clearings.map((c) => [c.period.toString(), c.clearingPrice?.toFixed() ?? null, c.quantityMw.toFixed()])).toEqual([
      ['2023-03-15T00:00:00.000Z/2023-03-15T00:30:00.000Z', '100', '1.2'],
      ['2023-03-15T00:30:00.000Z/2023-03-15T01:00:00.000Z', null, '0'],
    ]);
  });
});
