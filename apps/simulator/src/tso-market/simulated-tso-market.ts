import { COUNTERPARTY_PATHS, WireOrder, WireResult } from '@vpp/markets';
import { Decimal, DeliveryDay, parseDecimal } from '@vpp/units';
import { JsonAnswer, JsonHttpServer } from '../exchange/json-http-server';
import { deliveryDayParam, OrderBook } from '../exchange/order-book';
import type { AfrrMarginalPrice } from './afrr-capacity-auction.reader';
import { clearAfrrCapacity, clearFcr, fcrPriceOfBlock } from './capacity-clearing';
import { clearAfrrEnergy, type AfrrEnergyActivationPrice } from './energy-clearing';

export const AFRR_ENERGY_NOTE = 'aFRR energy bids are taken into the merit order; no aFRR energy prices or activations are in the data, so none is awarded here';
export const AFRR_ENERGY_NO_PRICE_NOTE = 'no stand-in aFRR energy activation price for this ISP; nothing activated';

/**
 * The TSO's balancing platform over loopback HTTP. Capacity bids (one price-quantity pair per
 * 4-hour block): aFRR up/down clear pay-as-bid against the historical DE marginal capacity price
 * of the block (labelled: DE data used for NL); FCR clears pay-as-cleared against a configured
 * price per block (labelled ASSUMED). aFRR energy bids are acknowledged and never awarded, unless
 * given stand-in activation prices per ISP (the demo: the NL imbalance price, DERIVED): then they
 * clear pay-as-cleared against them (energy-clearing.ts), labelled so.
 */
export class SimulatedTsoMarket {
  readonly capacity = new OrderBook(capacityRefusal);
  readonly energy = new OrderBook(energyRefusal);
  readonly server: JsonHttpServer;
  private readonly marginal = new Map<string, Decimal>();
  private readonly activation = new Map<number, AfrrEnergyActivationPrice>();

  constructor(
    afrrMarginalPrices: readonly AfrrMarginalPrice[],
    private readonly fcrPrices: readonly Decimal[],
    afrrEnergyPrices: readonly AfrrEnergyActivationPrice[] = [],
  ) {
    for (const price of afrrEnergyPrices) this.activation.set(price.ispStart.getTime(), price);
    for (const price of afrrMarginalPrices) this.marginal.set(`${price.direction}|${price.blockStart.getTime()}|${price.blockEnd.getTime()}`, price.marginalEurPerMwH);
    this.server = new JsonHttpServer({
      [`POST ${COUNTERPARTY_PATHS.tsoCapacityBids}`]: (_query, body) => this.capacity.submit(body),
      [`POST ${COUNTERPARTY_PATHS.tsoEnergyBids}`]: (_query, body) => this.energy.submit(body),
      [`GET ${COUNTERPARTY_PATHS.tsoCapacityResults}`]: (query) => {
        const day = deliveryDayParam(query);
        return day instanceof DeliveryDay ? this.results(day) : day;
      },
    });
  }

  private results(day: DeliveryDay): JsonAnswer {
    const notes: string[] = [];
    const results: WireResult[] = [];
    for (const order of this.capacity.ofDay(day)) {
      const bid = { quantityMw: parseDecimal(order.points[0].quantityMw), price: parseDecimal(order.points[0].price) };
      const start = new Date(order.periodStart);
      let clearing;
      if (order.direction === 'symmetric') {
        const price = fcrPriceOfBlock(this.fcrPrices, start);
        if (price === undefined) notes.push(`${order.clientOrderId}: not a 4-hour block; nothing cleared`);
        clearing = price === undefined ? undefined : clearFcr(bid, price);
      } else {
        const marginal = this.marginal.get(`${order.direction}|${start.getTime()}|${Date.parse(order.periodEnd)}`);
        if (marginal === undefined) notes.push(`${order.clientOrderId}: no historical aFRR marginal price for this block; nothing cleared`);
        clearing = marginal === undefined ? undefined : clearAfrrCapacity(bid, marginal);
      }
      results.push({
        clientOrderId: order.clientOrderId,
        periodStart: order.periodStart,
        periodEnd: order.periodEnd,
        quantityMw: clearing?.quantityMw.toFixed() ?? '0',
        price: (clearing?.price ?? bid.price).toFixed(),
        priceUnit: 'EUR/MW/h',
        pricing: clearing?.pricing ?? (order.direction === 'symmetric' ? 'pay-as-cleared' : 'pay-as-bid'),
        labels: [...(clearing?.labels ?? [])],
      });
    }
    for (const order of this.energy.ofDay(day)) {
      const activation = this.activation.size === 0 ? undefined : this.activation.get(Date.parse(order.periodStart));
      const direction = order.direction === 'up' ? 'up' : 'down';
      const clearing = activation === undefined ? undefined : clearAfrrEnergy({ direction, quantityMw: parseDecimal(order.points[0].quantityMw), price: parseDecimal(order.points[0].price) }, activation);
      results.push({
        clientOrderId: order.clientOrderId,
        periodStart: order.periodStart,
        periodEnd: order.periodEnd,
        quantityMw: clearing?.quantityMw.toFixed() ?? '0',
        price: clearing?.price.toFixed() ?? order.points[0].price,
        priceUnit: 'EUR/MWh',
        pricing: 'pay-as-cleared',
        labels: clearing ? [...clearing.labels] : [this.activation.size === 0 ? AFRR_ENERGY_NOTE : AFRR_ENERGY_NO_PRICE_NOTE],
      });
    }
    if (this.energy.ofDay(day).length > 0 && this.activation.size === 0) notes.push(AFRR_ENERGY_NOTE);
    return { status: 200, body: { deliveryDay: day.isoDate, status: 'cleared', results, notes } };
  }
}

function capacityRefusal(order: WireOrder): string | null {
  if (!['symmetric', 'up', 'down'].includes(order.direction)) return `capacity bids are symmetric (FCR) or up/down (aFRR), not ${order.direction}`;
  if (order.points.length !== 1) return 'a capacity bid has exactly one price-quantity pair';
  return null;
}

function energyRefusal(order: WireOrder): string | null {
  return order.direction === 'up' || order.direction === 'down' ? null : `aFRR energy bids are up or down, not ${order.direction}`;
}
