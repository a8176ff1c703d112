import { Decimal, EnergyKwh, Isp, ISP_MINUTES, PowerMw, PriceEurPerMwh, PriceEurPerMwPerHour, TimeRange } from '@vpp/units';
import type { AfrrActivatedIsp, AfrrCapacityBlock, AfrrDirection } from '../pricing/afrr-pricing';
import type { CapacityBlockDelivery } from '../pricing/capacity-delivery';
import type { IdconsOrderIsp } from '../pricing/idcons-pricing';
import type { TransferPriceRule, TransferredEnergyIsp } from '../pricing/imbalance-adjustment-pricing';
import type { MarketDeliveries } from '../pricing/price-markets';
import type { SettlementBasis } from '../settlement-vocabulary';
import { weakestBasis } from '../settlement-vocabulary';
import { FLEET_SHARE_ASSUMPTION } from './fleet-share';
import { fleetFlexOrderDelivery } from './flex-order-delivery';
import type { LocatedDelivery, MeteredIsp, SettledAward, SettledFlexOrder, TrackedActivationIsp } from './settled-inputs';

export const CAPACITY_AVAILABILITY_ASSUMPTION =
  'ASSUMED: capacity available per ISP = awarded MW x min(1, measured / requested deviation) where an activation was tracked, else the awarded MW';
export const ACTIVATED_ENERGY_ASSUMPTION =
  "ASSUMED: activated energy = metered deviation from the recorded baseline in the activation's direction, capped at the requested energy";
export const IDCONS_DELIVERY_ASSUMPTION =
  'ASSUMED: IDCONS order without a known connection: delivery metered on the whole fleet; outside orders counted as delivered';
export const IDCONS_COUNTER_PRICE_ASSUMPTION = 'ASSUMED: IDCONS counter order price = the price of our paired order on the other side (unpaired: our own price)';
export const DEFAULT_TRANSFER_PRICE_RULE: TransferPriceRule = { kind: 'day-ahead' };

export interface FleetDeliveriesInput {
  /** The portfolio's awards overlapping the period. */
  readonly awards: readonly SettledAward[];
  /** The portfolio's tracked activations in the period. */
  readonly tracking: readonly TrackedActivationIsp[];
  /** This fleet's meter stage rows in the period. */
  readonly fleetIsps: readonly MeteredIsp[];
  /** This fleet's share of the portfolio's awards (`fleetShares`). */
  readonly fleetShare: Decimal;
  /**
   * Published aFRR energy prices keyed `<up|down>.<ISP start ms>`, for activations without an
   * aFRR energy award in the ISP and direction (the award's price comes first).
   */
  readonly afrrEnergyPrices?: ReadonlyMap<string, Decimal>;
  /** Day-ahead price per ISP start (ms), for the imbalance adjustment. */
  readonly dayAheadPrices: ReadonlyMap<number, Decimal>;
  readonly transferPriceRule?: TransferPriceRule;
  /** UFTP FlexOrders on the portfolio's sites in the period. */
  readonly flexOrders?: readonly SettledFlexOrder[];
  /** This fleet's metered energy and share behind each order's location, by IDCONS award id or FlexOrder id. */
  readonly located?: ReadonlyMap<string, LocatedDelivery>;
}

/** Every market but day-ahead (which the meter stage prices on its own). */
export type BalancingDeliveries = Omit<MarketDeliveries, 'dayAhead'>;

export type FleetDeliveries = { readonly kind: 'priced'; readonly deliveries: BalancingDeliveries } | { readonly kind: 'price-missing'; readonly isps: Isp[] };

const ISP_MS = ISP_MINUTES * 60_000;

/**
 * One fleet's deliveries in FCR, aFRR (capacity and activated energy), IDCONS and the BRP
 * imbalance adjustment, from the portfolio's awards, dispatch tracking and the fleet's metered
 * energy against its recorded baseline. An activation with energy but no energy price, or no
 * day-ahead price for its imbalance adjustment, makes the result `price-missing`: never priced at 0.
 */
export function fleetMarketDeliveries(input: FleetDeliveriesInput): FleetDeliveries {
  const meter = new Map(input.fleetIsps.map((isp) => [isp.ispStart.getTime(), isp]));
  const tracked = new Map<string, TrackedActivationIsp>(input.tracking.map((t) => [`${t.activation}.${t.ispStart.getTime()}`, t]));
  const shareLabels = input.fleetShare.equals(1) ? [] : [FLEET_SHARE_ASSUMPTION];
  const capacity = (award: SettledAward, activation: string, direction: AfrrDirection | null): CapacityBlockDelivery => {
    const awardedMw = PowerMw.of(award.quantityMw.times(input.fleetShare));
    const isps = ispStartsOf(award.period);
    let anyTracked = false;
    const availableMwPerIsp = isps.map((start) => {
      const t = tracked.get(`${activation}.${start}`);
      if (!t || t.targetKwh.isZero() || (direction !== null && directionOf(t.targetKwh) !== direction)) return awardedMw;
      anyTracked = true;
      return awardedMw.multiply(Decimal.min(1, Decimal.max(0, t.measuredKwh.dividedBy(t.targetKwh))));
    });
    return {
      period: award.period,
      awardedMw,
      priceEurPerMwPerHour: PriceEurPerMwPerHour.of(award.price),
      availableMwPerIsp,
      basis: basisIn(isps, meter),
      labels: [...award.labels, ...shareLabels, ...(anyTracked ? [CAPACITY_AVAILABILITY_ASSUMPTION] : [])],
    };
  };

  const fcr = input.awards.filter((a) => a.market === 'fcr').map((a) => capacity(a, 'fcr', null));
  const afrrCapacity: AfrrCapacityBlock[] = input.awards
    .filter((a) => a.market === 'afrr' && a.priceUnit === 'EUR/MW/h' && (a.direction === 'up' || a.direction === 'down'))
    .map((a) => ({ ...capacity(a, 'afrr', a.direction as AfrrDirection), direction: a.direction as AfrrDirection }));

  const missing: Isp[] = [];
  const afrrEnergy: AfrrActivatedIsp[] = [];
  const transfers: TransferredEnergyIsp[] = [];
  for (const t of [...input.tracking].filter((x) => x.activation === 'afrr' && !x.targetKwh.isZero()).sort((a, b) => a.ispStart.getTime() - b.ispStart.getTime())) {
    const isp = Isp.startingAt(t.ispStart);
    const direction = directionOf(t.targetKwh);
    const row = meter.get(t.ispStart.getTime());
    const requestedKwh = t.targetKwh.abs().times(input.fleetShare);
    const deliveredKwh = row ? Decimal.min(requestedKwh, Decimal.max(0, deviationKwh(row, direction === 'up' ? 'less' : 'more'))) : new Decimal(0);
    if (deliveredKwh.isZero()) continue;
    const energyAward = input.awards.find((a) => a.market === 'afrr' && a.priceUnit === 'EUR/MWh' && a.direction === direction && a.period.contains(t.ispStart));
    const dayAhead = input.dayAheadPrices.get(t.ispStart.getTime());
    const needsDayAhead = (input.transferPriceRule ?? DEFAULT_TRANSFER_PRICE_RULE).kind === 'day-ahead';
    const published = input.afrrEnergyPrices?.get(`${direction}.${t.ispStart.getTime()}`);
    const energyPrice = energyAward?.price ?? published;
    if (energyPrice === undefined || (needsDayAhead && dayAhead === undefined)) {
      missing.push(isp);
      continue;
    }
    const mwh = EnergyKwh.of(deliveredKwh).toMwh();
    const price = PriceEurPerMwh.of(energyPrice);
    const basis = row?.basis ?? 'measured';
    const labels = [...(energyAward?.labels ?? []), ...shareLabels, ACTIVATED_ENERGY_ASSUMPTION];
    afrrEnergy.push({
      isp,
      upMwh: direction === 'up' ? mwh : mwh.multiply(0),
      downMwh: direction === 'down' ? mwh : mwh.multiply(0),
      upPriceEurPerMwh: price,
      downPriceEurPerMwh: price,
      basis,
      labels,
    });
    transfers.push({
      isp,
      transferredMwh: direction === 'up' ? mwh : mwh.negate(),
      ...(dayAhead === undefined ? {} : { dayAheadPriceEurPerMwh: PriceEurPerMwh.of(dayAhead) }),
      basis,
      labels: [ACTIVATED_ENERGY_ASSUMPTION],
    });
  }
  if (missing.length > 0) return { kind: 'price-missing', isps: missing };

  const located = input.located ?? new Map<string, LocatedDelivery>();
  const idcons = idconsOrders(
    input.awards.filter((a) => a.market === 'idcons'),
    located,
    { fleetIsps: input.fleetIsps, share: input.fleetShare },
  );
  const uftp = (input.flexOrders ?? []).flatMap((order) => {
    const at = located.get(order.id);
    const delivery = at ? fleetFlexOrderDelivery(order, at) : null;
    return delivery ? [delivery] : [];
  });
  return {
    kind: 'priced',
    deliveries: {
      ...(fcr.length > 0 ? { fcr } : {}),
      ...(afrrCapacity.length > 0 ? { afrrCapacity } : {}),
      ...(afrrEnergy.length > 0 ? { afrrEnergy } : {}),
      ...(idcons.length > 0 ? { idcons: { orders: idcons } } : {}),
      ...(uftp.length > 0 ? { uftp: { orders: uftp } } : {}),
      ...(transfers.length > 0 ? { imbalance: { isps: transfers, transferPriceRule: input.transferPriceRule ?? DEFAULT_TRANSFER_PRICE_RULE } } : {}),
    },
  };
}

/**
 * IDCONS orders of the fleet: the inside order is priced against its paired outside order, so the
 * counterparty lines of a pair cancel and the spread line is what the grid operator pays. Each
 * order is metered at its connection (`located`); without one, on the whole fleet (labelled).
 */
function idconsOrders(awards: readonly SettledAward[], located: ReadonlyMap<string, LocatedDelivery>, wholeFleet: LocatedDelivery): IdconsOrderIsp[] {
  return [...awards]
    .sort(
      (a, b) =>
        a.period.start.getTime() - b.period.start.getTime() ||
        (a.pairRef ?? '').localeCompare(b.pairRef ?? '') ||
        (a.side ?? '').localeCompare(b.side ?? '') ||
        a.direction.localeCompare(b.direction),
    )
    .flatMap((award) => {
      const at = located.get(award.id);
      const where = at ?? wholeFleet;
      if (where.share.isZero()) return [];
      const isp = Isp.startingAt(award.period.start);
      const side = award.direction === 'sell' ? 'sell' : 'buy';
      const orderedMwh = PowerMw.of(award.quantityMw.times(where.share)).times(isp);
      const paired = award.side === 'inside' ? awards.find((a) => a.pairRef !== null && a.pairRef === award.pairRef && a.side === 'outside') : undefined;
      const row = where.fleetIsps.find((r) => r.ispStart.getTime() === isp.start.getTime());
      const metered = EnergyKwh.of(row ? Decimal.max(0, deviationKwh(row, side === 'sell' ? 'less' : 'more')) : 0).toMwh();
      const deliveredMwh = !at && award.side === 'outside' ? orderedMwh : metered;
      const shareLabels = where.share.equals(1) ? [] : [FLEET_SHARE_ASSUMPTION];
      return [
        {
          isp,
          side,
          orderedMwh,
          deliveredMwh: deliveredMwh.greaterThan(orderedMwh) ? orderedMwh : deliveredMwh,
          orderPriceEurPerMwh: PriceEurPerMwh.of(award.price),
          counterOrderPriceEurPerMwh: PriceEurPerMwh.of(paired ? paired.price : award.price),
          basis: row?.basis ?? 'measured',
          labels: [...award.labels, ...shareLabels, IDCONS_COUNTER_PRICE_ASSUMPTION, ...(at ? [] : [IDCONS_DELIVERY_ASSUMPTION])],
        },
      ];
    });
}

/** Upward (consume less) for a negative requested deviation, downward for a positive one. */
function directionOf(targetKwh: Decimal): AfrrDirection {
  return targetKwh.isNegative() ? 'up' : 'down';
}

/** Metered deviation from the recorded baseline: `less` = baseline - net bought, `more` = net bought - baseline. */
function deviationKwh(row: MeteredIsp, way: 'less' | 'more'): Decimal {
  const net = row.chargedKwh.minus(row.dischargedKwh);
  return way === 'less' ? row.baselineKwh.minus(net) : net.minus(row.baselineKwh);
}

function ispStartsOf(period: TimeRange): number[] {
  const starts: number[] = [];
  for (let ms = period.start.getTime(); ms < period.end.getTime(); ms += ISP_MS) starts.push(ms);
  return starts;
}

function basisIn(starts: readonly number[], meter: ReadonlyMap<number, MeteredIsp>): SettlementBasis {
  return weakestBasis(starts.flatMap((start) => (meter.has(start) ? [(meter.get(start) as MeteredIsp).basis] : [])));
}

