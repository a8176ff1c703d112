import { EnergyMwh, Money, PriceEurPerMwh, TimeRange } from '@vpp/units';
import type { SettlementBasis } from '../settlement-vocabulary';
import type { PricedLine } from './priced-line';

/** Energy of one day-ahead MTU (15 min since delivery day 2025-10-01, hourly before): bought vs baseline. */
export interface DayAheadMtu {
  readonly period: TimeRange;
  /** Energy the controlled portfolio took from the grid (net of discharge), MWh. */
  readonly boughtMwh: EnergyMwh;
  /** Energy the uncontrolled baseline would have taken in the same MTU, MWh. */
  readonly baselineMwh: EnergyMwh;
  readonly priceEurPerMwh: PriceEurPerMwh;
  readonly basis: SettlementBasis;
}

/** What the baseline would have cost and what was paid, both positive for a purchase. */
export interface DayAheadCosts {
  readonly baselineCost: Money;
  readonly boughtCost: Money;
}

export function dayAheadCosts(mtus: readonly DayAheadMtu[]): DayAheadCosts {
  return {
    baselineCost: Money.sum(
      mtus.map((mtu) => mtu.baselineMwh.timesPrice(mtu.priceEurPerMwh)),
      'EUR',
    ),
    boughtCost: Money.sum(
      mtus.map((mtu) => mtu.boughtMwh.timesPrice(mtu.priceEurPerMwh)),
      'EUR',
    ),
  };
}

/**
 * The day-ahead value of smart charging is the saving against the uncontrolled baseline
 * (MARKETS.md 3; issue 7 item 2): per MTU (baseline MWh - bought MWh) x price. Shifting energy
 * to cheaper MTUs makes it positive even when the day's energy is the same; charging more in a
 * negative-price MTU is a gain too. Line `day-ahead-saving` per MTU whose energy or baseline is
 * not zero; quantity is the energy bought (MWh).
 */
export function priceDayAhead(mtus: readonly DayAheadMtu[]): PricedLine[] {
  return mtus
    .filter((mtu) => !mtu.boughtMwh.isZero() || !mtu.baselineMwh.isZero())
    .map((mtu) => ({
      market: 'day-ahead' as const,
      kind: 'day-ahead-saving',
      period: mtu.period,
      amount: mtu.baselineMwh.subtract(mtu.boughtMwh).timesPrice(mtu.priceEurPerMwh),
      quantity: mtu.boughtMwh.value,
      unit: 'MWh',
      basis: mtu.basis,
      assumptions: [],
    }));
}
