import { TimeRange } from '@vpp/units';
import type { MarketProductRules } from '../products/market-product';
import { buyPriceOnTick, quantityDownToStep, sellPriceOnTick } from './bid-ticks';
import type { BuiltBid } from './built-bid';
import type { PlanEconomics } from './plan-economics';
import type { PortfolioDayPlan } from './portfolio-day-plan';
import { stepCurve } from './step-curve';

const ISP_MS = 15 * 60_000;

/** Capacity the ledger still has free per ISP of the day, kW (what is left after reserves were sold). */
export interface FreeCapacity {
  readonly upKw: ArrayLike<number>;
  readonly downKw: ArrayLike<number>;
}

export interface DayAheadBidInput {
  readonly plan: PortfolioDayPlan;
  readonly economics: PlanEconomics;
  /** The SDAC rules for the delivery day (MTU length, ticks, limits). */
  readonly rules: MarketProductRules;
  /** When given, extra charging and extra discharge are capped by it (never sell a kW twice). */
  readonly free?: FreeCapacity;
}

/**
 * Day-ahead curve orders, one buy curve and (with V2G) one sell curve per MTU (hourly before
 * 2025-10-01, 15-minute from then: the product version says). The buy curve states the
 * portfolio's willingness to pay:
 * - inflexible charging (what the just-in-time bound forces into this MTU) at any price (the cap);
 * - the plan's flexible charging up to the plan's marginal price (moving it costs no more than that);
 * - extra charging (room above the plan, within the free down capacity) only at the day's lowest
 *   price, where it displaces energy the plan buys at or above that price.
 * The sell curve offers the plan's V2G discharge plus the free room for more, from the price
 * that pays for buying the energy back at the marginal price through both efficiencies plus
 * the round-trip degradation.
 * Quantities are MTU averages (hourly MTU: the average power of its four ISPs), each part
 * (inflexible, flexible, extra) rounded down to 0.1 MW on its own, so no part exceeds what it stands for; extra quantities use the smallest room of the MTU's ISPs, so they hold in each ISP.
 * The extra charging (down) and extra discharge (up) are what the ledger holds; planned energy is
 * the schedule itself, not headroom.
 */
export function buildDayAheadBids(input: DayAheadBidInput): BuiltBid[] {
  const { plan, economics, rules } = input;
  const mtuMs = (rules.mtuMinutes ?? 15) * 60_000;
  const perMtu = mtuMs / ISP_MS;
  const bids: BuiltBid[] = [];
  const lambda = economics.marginalPriceEurPerMwh;
  const buyFlexible = buyPriceOnTick(lambda, rules);
  const buyExtra = buyPriceOnTick(economics.lowestPriceEurPerMwh, rules);
  const sellFrom = sellPriceOnTick(lambda / (plan.chargeEfficiency * plan.dischargeEfficiency) + economics.roundTripDegradationEurPerMwh, rules);
  const hasV2g = Array.prototype.some.call(plan.batteryMinKw, (kw: number) => kw < 0);
  for (let first = 0; first < economics.isps.length; first += perMtu) {
    const ts = Array.from({ length: perMtu }, (_, k) => first + k).filter((t) => t < economics.isps.length);
    const period = TimeRange.of(economics.isps[ts[0]].start, new Date(economics.isps[ts[0]].start.getTime() + mtuMs));
    const mean = (f: (t: number) => number): number => ts.reduce((sum, t) => sum + f(t), 0) / ts.length;
    const least = (f: (t: number) => number): number => Math.max(0, Math.min(...ts.map(f)));
    const freeDown = (t: number): number => (input.free ? input.free.downKw[t] : Infinity);
    const freeUp = (t: number): number => (input.free ? input.free.upKw[t] : Infinity);

    const inflexibleMw = mean((t) => economics.inflexibleKw[t]) / 1000;
    const flexibleMw = mean((t) => economics.chargeKw[t] - economics.inflexibleKw[t]) / 1000;
    const extraMw = least((t) => Math.min(plan.batteryMaxKw[t] - plan.plannedKw[t], freeDown(t))) / 1000;
    const i = quantityDownToStep(inflexibleMw, rules);
    const f = quantityDownToStep(flexibleMw, rules);
    const x = quantityDownToStep(extraMw, rules);
    if (i.plus(f).plus(x).greaterThan(0)) {
      const points = stepCurve('buy', [{ price: rules.priceMax ?? buyFlexible, quantityMw: i }, { price: buyFlexible, quantityMw: f }, { price: buyExtra, quantityMw: x }], rules);
      bids.push({
        draft: { market: rules.market, productCode: rules.productCode, direction: 'buy', period, points },
        variant: '',
        reservation: x.isZero() ? null : { product: 'day_ahead', direction: 'down', isps: ts.map((t) => ({ ispStart: economics.isps[t].start, kw: x.times(1000) })) },
        basis: {
          inflexibleMw,
          flexibleMw,
          extraMw,
          marginalPriceEurPerMwh: lambda,
          lowestPriceEurPerMwh: economics.lowestPriceEurPerMwh,
          rounding: 'quantities down to 0.1 MW, buy prices down to 0.1 EUR/MWh',
        },
      });
    }
    if (!hasV2g) continue;
    const plannedDischargeMw = mean((t) => economics.dischargeKw[t]) / 1000;
    const extraDischargeMw = least((t) => Math.min(-plan.batteryMinKw[t] - economics.dischargeKw[t], freeUp(t))) / 1000;
    const d = quantityDownToStep(plannedDischargeMw, rules);
    const e = quantityDownToStep(extraDischargeMw, rules);
    if (d.plus(e).isZero()) continue;
    bids.push({
      draft: { market: rules.market, productCode: rules.productCode, direction: 'sell', period, points: stepCurve('sell', [{ price: sellFrom, quantityMw: d.plus(e) }], rules) },
      variant: '',
      reservation: e.isZero() ? null : { product: 'day_ahead', direction: 'up', isps: ts.map((t) => ({ ispStart: economics.isps[t].start, kw: e.times(1000) })) },
      basis: {
        plannedDischargeMw,
        extraDischargeMw,
        sellFromEurPerMwh: sellFrom.toFixed(),
        marginalPriceEurPerMwh: lambda,
        rounding: 'quantities down to 0.1 MW, sell prices up to 0.1 EUR/MWh',
      },
    });
  }
  return bids;
}
