import { Decimal, EnergyKwh, EnergyMwh, Money, RoundingMode } from '@vpp/units';

/** Markets `revenue_eur` lists, in this order. */
export const BACKTEST_MARKETS = ['day-ahead', 'fcr', 'afrr'] as const;
export type BacktestMarket = (typeof BACKTEST_MARKETS)[number];

/** One delivery day's figures, exact (rounded only when written). */
export interface DayKpis {
  readonly date: string;
  readonly isps: number;
  readonly sessions: number;
  readonly sessionsFeasible: number;
  /** Feasible sessions that got their need (or what max power allowed in their dwell) by their actual departure. */
  readonly sessionsNeedMet: number;
  /** Sessions that left before the departure the planner took them on with (counted apart by bench/value too). */
  readonly sessionsLeftEarly: number;
  /** Feasible sessions that did not leave early (the mobility promise applies to them), and how many got their need. */
  readonly sessionsPromised: number;
  readonly sessionsPromisedNeedMet: number;
  /** Drawn by the dispatched sessions, the whole dwell (past midnight too). */
  readonly energyKwh: EnergyKwh;
  readonly undeliveredKwh: EnergyKwh;
  readonly uncontrolledCost: Money;
  /** Energy drawn at the day-ahead prices plus undelivered energy at the highest price of each dwell. */
  readonly optimisedCost: Money;
  readonly perfectForesightCost: Money;
  /** Per market; null = not valued (the reason is in `BacktestTotals.revenueNotValued`). */
  readonly revenue: Readonly<Record<BacktestMarket, Money | null>>;
  /** The D-1 day-ahead position, and what the sessions drew in the day's ISPs against it. */
  readonly positionMwh: EnergyMwh;
  readonly drawnInDayMwh: EnergyMwh;
  /** Σ |drawn - position| over the day's ISPs. */
  readonly imbalanceMwh: EnergyMwh;
  readonly replans: number;
  readonly wallMs: number;
}

/**
 * (uncontrolled - optimised) / (uncontrolled - perfect foresight), the share of the possible
 * saving captured (bench/value, libs/optimizer valueCaptured), exact; null when nothing could be saved.
 */
export function valueCaptured(uncontrolled: Money, optimised: Money, perfectForesight: Money): Decimal | null {
  const possible = uncontrolled.subtract(perfectForesight);
  if (!possible.isPositive()) return null;
  return uncontrolled.subtract(optimised).amount.dividedBy(possible.amount);
}

export interface BacktestTotals {
  readonly days: number;
  readonly sessions: number;
  readonly sessionsFeasible: number;
  readonly sessionsNeedMet: number;
  readonly sessionsLeftEarly: number;
  readonly sessionsPromised: number;
  readonly sessionsPromisedNeedMet: number;
  readonly energyKwh: EnergyKwh;
  readonly undeliveredKwh: EnergyKwh;
  readonly uncontrolledCost: Money;
  readonly optimisedCost: Money;
  readonly perfectForesightCost: Money;
  readonly valueCaptured: Decimal | null;
  readonly revenue: Readonly<Record<BacktestMarket, Money | null>>;
  readonly positionMwh: EnergyMwh;
  readonly imbalanceMwh: EnergyMwh;
  readonly replans: number;
}

/** Sums of the exact day figures (value captured of the sums, not a mean of ratios); a market not valued on every day is null. */
export function totalsOf(days: readonly DayKpis[]): BacktestTotals {
  const money = (pick: (d: DayKpis) => Money): Money => Money.sum(days.map(pick), 'EUR');
  const count = (pick: (d: DayKpis) => number): number => days.reduce((n, d) => n + pick(d), 0);
  const uncontrolledCost = money((d) => d.uncontrolledCost);
  const optimisedCost = money((d) => d.optimisedCost);
  const perfectForesightCost = money((d) => d.perfectForesightCost);
  const revenue = {} as Record<BacktestMarket, Money | null>;
  for (const market of BACKTEST_MARKETS) {
    const amounts = days.map((d) => d.revenue[market]);
    revenue[market] = days.length > 0 && amounts.every((a) => a !== null) ? Money.sum(amounts as Money[], 'EUR') : null;
  }
  return {
    days: days.length,
    sessions: count((d) => d.sessions),
    sessionsFeasible: count((d) => d.sessionsFeasible),
    sessionsNeedMet: count((d) => d.sessionsNeedMet),
    sessionsLeftEarly: count((d) => d.sessionsLeftEarly),
    sessionsPromised: count((d) => d.sessionsPromised),
    sessionsPromisedNeedMet: count((d) => d.sessionsPromisedNeedMet),
    energyKwh: days.reduce((sum, d) => sum.add(d.energyKwh), EnergyKwh.zero()),
    undeliveredKwh: days.reduce((sum, d) => sum.add(d.undeliveredKwh), EnergyKwh.zero()),
    uncontrolledCost,
    optimisedCost,
    perfectForesightCost,
    valueCaptured: valueCaptured(uncontrolledCost, optimisedCost, perfectForesightCost),
    revenue,
    positionMwh: days.reduce((sum, d) => sum.add(d.positionMwh), EnergyMwh.zero()),
    imbalanceMwh: days.reduce((sum, d) => sum.add(d.imbalanceMwh), EnergyMwh.zero()),
    replans: count((d) => d.replans),
  };
}

export const eur = (m: Money): string => m.roundToCents(RoundingMode.HALF_EVEN).toFixed(2, RoundingMode.HALF_EVEN);
export const ratio = (r: Decimal | null): string | null => (r === null ? null : r.toDecimalPlaces(4, RoundingMode.HALF_EVEN).toFixed(4));

export const DAYS_CSV_HEADER = [
  'date', 'isps', 'sessions', 'sessions_feasible', 'sessions_need_met', 'sessions_left_early', 'sessions_promised', 'sessions_promised_need_met', 'energy_kwh', 'undelivered_kwh',
  'uncontrolled_cost_eur', 'optimised_cost_eur', 'perfect_foresight_cost_eur', 'saving_eur', 'perfect_foresight_saving_eur', 'value_captured',
  ...BACKTEST_MARKETS.map((m) => `revenue_${m.replace('-', '_')}_eur`), 'position_mwh', 'drawn_in_day_mwh', 'imbalance_mwh', 'replans', 'wall_s',
] as const;

/** days.csv: one line per delivery day; money in EUR to the cent, energy to the Wh; an empty cell = not valued / undefined. */
export function daysCsv(days: readonly DayKpis[]): string {
  const lines = days.map((d) => {
    const vc = ratio(valueCaptured(d.uncontrolledCost, d.optimisedCost, d.perfectForesightCost));
    return [
      d.date,
      d.isps,
      d.sessions,
      d.sessionsFeasible,
      d.sessionsNeedMet,
      d.sessionsLeftEarly,
      d.sessionsPromised,
      d.sessionsPromisedNeedMet,
      d.energyKwh.toFixed(3, RoundingMode.HALF_EVEN),
      d.undeliveredKwh.toFixed(3, RoundingMode.HALF_EVEN),
      eur(d.uncontrolledCost),
      eur(d.optimisedCost),
      eur(d.perfectForesightCost),
      eur(d.uncontrolledCost.subtract(d.optimisedCost)),
      eur(d.uncontrolledCost.subtract(d.perfectForesightCost)),
      vc ?? '',
      ...BACKTEST_MARKETS.map((m) => {
        const amount = d.revenue[m];
        return amount === null ? '' : eur(amount);
      }),
      d.positionMwh.toFixed(6, RoundingMode.HALF_EVEN),
      d.drawnInDayMwh.toFixed(6, RoundingMode.HALF_EVEN),
      d.imbalanceMwh.toFixed(6, RoundingMode.HALF_EVEN),
      d.replans,
      (d.wallMs / 1000).toFixed(1),
    ].join(',');
  });
  return `${[DAYS_CSV_HEADER.join(','), ...lines].join('\n')}\n`;
}
