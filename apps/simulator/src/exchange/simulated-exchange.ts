import { COUNTERPARTY_PATHS, WireOrder, WireResult } from '@vpp/markets';
import { DeliveryDay, Isp, parseDecimal, PriceEurPerMwh, TimeRange } from '@vpp/units';
import { clearCurveOrder } from './day-ahead-clearing';
import { JsonAnswer, JsonHttpServer } from './json-http-server';
import { deliveryDayParam, OrderBook } from './order-book';

export const HOURLY_PRICE_NOTE = 'historical NL day-ahead price per MTU; before 2025-10-01 the hourly price applies to each quarter of its hour';

/**
 * The power exchange (SDAC, NL zone) over loopback HTTP: takes day-ahead curve orders (buy or
 * sell, one period each, aligned to the quarter-hour) and clears every order of a delivery day
 * at the historical NL price (`prices-nl-dayahead-*.csv`), step-wise as submitted: a buy point
 * clears when its price is at or above the clearing price, a sell point when at or below. The
 * day is cleared when its results are asked for (no auction clock).
 */
export class SimulatedExchange {
  readonly book = new OrderBook(refusalOf);
  readonly server: JsonHttpServer;

  /** A `DayAheadPriceSeries`, or several years of them behind one lookup. */
  constructor(private readonly prices: { priceFor(isp: Isp): PriceEurPerMwh | undefined }) {
    this.server = new JsonHttpServer({
      [`POST ${COUNTERPARTY_PATHS.exchangeOrders}`]: (_query, body) => this.book.submit(body),
      [`GET ${COUNTERPARTY_PATHS.exchangeResults}`]: (query) => {
        const day = deliveryDayParam(query);
        return day instanceof DeliveryDay ? this.results(day) : day;
      },
    });
  }

  private results(day: DeliveryDay): JsonAnswer {
    const notes = [HOURLY_PRICE_NOTE];
    const results: WireResult[] = [];
    for (const order of this.book.ofDay(day)) {
      const clearings = clearCurveOrder(
        {
          clientOrderId: order.clientOrderId,
          side: order.direction === 'sell' ? 'sell' : 'buy',
          period: TimeRange.of(new Date(order.periodStart), new Date(order.periodEnd)),
          points: order.points.map((point) => ({ price: parseDecimal(point.price), quantityMw: parseDecimal(point.quantityMw) })),
        },
        (isp) => this.prices.priceFor(isp),
      );
      for (const clearing of clearings) {
        if (clearing.clearingPrice === null) notes.push(`${order.clientOrderId}: no historical price for ${clearing.period.start.toISOString()}; nothing cleared`);
        results.push({
          clientOrderId: order.clientOrderId,
          periodStart: clearing.period.start.toISOString(),
          periodEnd: clearing.period.end.toISOString(),
          quantityMw: clearing.quantityMw.toFixed(),
          price: (clearing.clearingPrice ?? parseDecimal('0')).toFixed(),
          priceUnit: 'EUR/MWh',
          pricing: 'pay-as-cleared',
          labels: [],
        });
      }
    }
    return { status: 200, body: { deliveryDay: day.isoDate, status: 'cleared', results, notes } };
  }
}

function refusalOf(order: WireOrder): string | null {
  if (order.direction !== 'buy' && order.direction !== 'sell') return `day-ahead orders buy or sell, not ${order.direction}`;
  const quarter = 15 * 60_000;
  const start = Date.parse(order.periodStart);
  const end = Date.parse(order.periodEnd);
  if (start % quarter !== 0 || end % quarter !== 0 || end <= start) return 'the period must be whole quarter-hours';
  return null;
}
