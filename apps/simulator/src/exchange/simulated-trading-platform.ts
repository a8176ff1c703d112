import { COUNTERPARTY_PATHS, WireOrder, WireResult } from '@vpp/markets';
import { Decimal, DeliveryDay, Isp, parseDecimal, RoundingMode } from '@vpp/units';
import { ClearedBucket, GOPACS_SCALING_LABEL, scaledDayVolumes } from './gopacs-buckets.reader';
import { JsonAnswer, JsonHttpServer } from './json-http-server';
import { deliveryDayParam, OrderBook } from './order-book';

/**
 * GOPACS (IDCONS on the intraday trading platform) over loopback HTTP, replaying the real cleared
 * buckets of the delivery day scaled to the portfolio (see `scaledDayVolumes`). A location-tagged
 * order is matched per ISP up to the scaled volume on the other side (our sell against the
 * historical buy volume, our buy against the sell volume), at its own price (the grid operator
 * pays the spread); rounded down to 0.001 MW. Days without congestion match nothing.
 */
export class SimulatedTradingPlatform {
  readonly book = new OrderBook(refusalOf);
  readonly server: JsonHttpServer;

  constructor(
    private readonly buckets: readonly ClearedBucket[],
    private readonly portfolioMw: Decimal,
  ) {
    this.server = new JsonHttpServer({
      [`POST ${COUNTERPARTY_PATHS.tradingPlatformOrders}`]: (_query, body) => this.book.submit(body),
      [`GET ${COUNTERPARTY_PATHS.tradingPlatformMatches}`]: (query) => {
        const day = deliveryDayParam(query);
        return day instanceof DeliveryDay ? this.matches(day) : day;
      },
    });
  }

  private matches(day: DeliveryDay): JsonAnswer {
    const volumes = scaledDayVolumes(
      this.buckets.filter((bucket) => day.contains(bucket.ptuStart)),
      this.portfolioMw,
    );
    const results: WireResult[] = [];
    for (const order of this.book.ofDay(day)) {
      const asked = parseDecimal(order.points[0].quantityMw);
      for (let isp = Isp.startingAt(new Date(order.periodStart)); isp.start.getTime() < Date.parse(order.periodEnd); isp = isp.next()) {
        const volume = volumes.get(isp.start.getTime());
        const available = volume === undefined ? new Decimal(0) : order.direction === 'sell' ? volume.buyMw : volume.sellMw;
        results.push({
          clientOrderId: order.clientOrderId,
          periodStart: isp.start.toISOString(),
          periodEnd: isp.end.toISOString(),
          quantityMw: Decimal.min(asked, available).toDecimalPlaces(3, RoundingMode.TOWARD_ZERO).toFixed(),
          price: order.points[0].price,
          priceUnit: 'EUR/MWh',
          pricing: 'spread-paid-by-grid-operator',
          labels: [GOPACS_SCALING_LABEL],
        });
      }
    }
    return { status: 200, body: { deliveryDay: day.isoDate, status: 'cleared', results, notes: [GOPACS_SCALING_LABEL] } };
  }
}

function refusalOf(order: WireOrder): string | null {
  if (order.direction !== 'buy' && order.direction !== 'sell') return `IDCONS orders buy or sell, not ${order.direction}`;
  if (order.locationEan === null) return 'an IDCONS order names its connection EAN';
  if (order.points.length !== 1) return 'an IDCONS order has one price and quantity';
  return null;
}
