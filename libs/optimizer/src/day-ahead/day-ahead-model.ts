import type { FlexibilityEnvelope } from '@vpp/flexibility/domain';
import type { DeliveryDay, Isp } from '@vpp/units';
import type { LpAlgorithm } from '../lp/highs-solver';

/**
 * Inputs and result of the day-ahead schedule (issue 4, item 5): float64 optimisation data,
 * units in every name. Sign convention at the grid meter: + charging / import, - discharging / export.
 */

/** One value for the whole day, or one per ISP of the delivery day. */
export type KwSeries = number | ArrayLike<number>;

export interface DayAheadSession {
  readonly id: string;
  readonly siteId: string;
  /** Must lie inside the delivery day: the caller cuts sessions at the day's edges. */
  readonly envelope: FlexibilityEnvelope;
}

/** A grid connection. EVSE limits are already inside each session's envelope. */
export interface DayAheadSite {
  readonly id: string;
  /** The fuse group this site hangs under (fuse -> site -> EVSE), if any. */
  readonly fuseId?: string;
  readonly importLimitKw: KwSeries;
  readonly exportLimitKw: KwSeries;
  /** Uncontrolled site load per ISP of the day, kW. */
  readonly baseLoadKw?: ArrayLike<number>;
  /** PV production per ISP of the day, kW (positive number). */
  readonly pvKw?: ArrayLike<number>;
  /** EUR per kW of the day's peak net import: the day's share of a monthly capacity tariff. */
  readonly capacityTariffEurPerKw?: number;
  /** Peak already reached this month, kW: shaving below it saves nothing. */
  readonly monthToDatePeakKw?: number;
}

/** A fuse group over sites (or over other fuses). */
export interface DayAheadFuse {
  readonly id: string;
  readonly parentFuseId?: string;
  readonly importLimitKw: KwSeries;
  readonly exportLimitKw: KwSeries;
}

export interface DayAheadPlanInput {
  readonly day: DeliveryDay;
  /** Forecast price per ISP of the day (92, 96 or 100 values), EUR/MWh. */
  readonly pricesEurPerMwh: ArrayLike<number>;
  readonly sessions: readonly DayAheadSession[];
  readonly sites: readonly DayAheadSite[];
  readonly fuses?: readonly DayAheadFuse[];
}

/**
 * A plan over any contiguous run of ISPs (issue 4: sessions cross midnight, and a rolling planner
 * plans up to the last ISP whose price is published). `planDayAhead` is the case isps = day.isps().
 * Every per-ISP series (prices, limits, base load, PV) has one value per ISP of `isps`; a
 * capacity tariff applies once, to the peak over the whole horizon.
 */
export interface HorizonPlanInput {
  /** Consecutive ISPs, at least one (e.g. from now to the end of the last priced day). */
  readonly isps: readonly Isp[];
  /** Forecast or published price per ISP of the horizon, EUR/MWh. */
  readonly pricesEurPerMwh: ArrayLike<number>;
  /** Envelopes must lie inside the horizon. */
  readonly sessions: readonly DayAheadSession[];
  readonly sites: readonly DayAheadSite[];
  readonly fuses?: readonly DayAheadFuse[];
}

export type PlanMethod = 'lp-exact' | 'lp-grouped' | 'greedy-fallback';

export interface DayAheadPlanOptions {
  /** 'auto': per-session LP up to `exactMaxSessions`, grouped above. */
  readonly method?: 'auto' | 'lp-exact' | 'lp-grouped' | 'greedy';
  readonly exactMaxSessions?: number;
  /** Solver wall-clock limit; beyond it the greedy fallback plans. */
  readonly timeLimitS?: number;
  /** Default: dual simplex, measured faster than interior point on this model (README). */
  readonly algorithm?: LpAlgorithm;
  /** Steps per unit of need level (need / full-power window energy) in the grouping key. */
  readonly needLevelSteps?: number;
}

export const DEFAULT_EXACT_MAX_SESSIONS = 2_000;
export const DEFAULT_TIME_LIMIT_S = 120;
export const DEFAULT_NEED_LEVEL_STEPS = 8;
/**
 * Measured on 100,000 real-derived sessions (grouped, 415,000 columns, 64,000 rows): dual
 * simplex 6.5 s, interior point 18 s. The model has few rows per column (no stored-energy
 * columns for non-V2G units), which suits the dual simplex.
 */
export const DEFAULT_ALGORITHM: LpAlgorithm = 'simplex';

/**
 * Penalty per stored kWh of need the plan misses (best effort). 250 x the harmonised day-ahead
 * maximum clearing price (4,000 EUR/MWh = 4 EUR/kWh) and far above what a kW of capacity
 * tariff costs per kWh moved, so the plan misses a need only when limits leave no room.
 */
export const NEED_SHORTFALL_PENALTY_EUR_PER_KWH = 1_000;

/**
 * Penalty per kWh a fuse or site limit is exceeded (overload kW x 0.25 h). Ten times the need
 * penalty: a plan drops a driver's kWh before it overloads a connection. Only uncontrollable
 * load (base load above the limit, PV above the export limit) can make it non-zero.
 */
export const LIMIT_OVERLOAD_PENALTY_EUR_PER_KWH = 10_000;

export type SlackKind = 'need-shortfall' | 'need-beyond-envelope' | 'import-overload' | 'export-overload';

/** One soft constraint the plan could not meet. */
export interface PlanSlack {
  readonly kind: SlackKind;
  /** Session id for need slacks; site or fuse id for overloads. */
  readonly subjectId: string;
  /** 1-based ISP number within the delivery day (overloads only). */
  readonly ispNumber?: number;
  /** Stored kWh missed (need slacks) or kW over the limit (overloads). */
  readonly amount: number;
  readonly unit: 'kWh stored' | 'kW';
}

export interface ObjectiveBreakdown {
  readonly energyEur: number;
  readonly degradationEur: number;
  readonly capacityTariffEur: number;
  readonly penaltyEur: number;
  readonly totalEur: number;
}

export interface DayAheadPlan {
  readonly method: PlanMethod;
  readonly solverStatus: string;
  readonly solveSeconds: number;
  readonly wallSeconds: number;
  /** Planning units in the LP: sessions (exact) or groups (grouped); 0 for greedy. */
  readonly groups: number;
  readonly lpColumns: number;
  readonly lpRows: number;
  /** The LP's own objective (the grouped model for 'lp-grouped'); NaN for greedy. */
  readonly lpObjectiveEur: number;
  /** Per session (input order), kW per ISP aligned with its envelope's `isps`. */
  readonly sessionPowerKw: readonly Float64Array[];
  /** Per site (input order), net load kW per ISP of the day: sessions + base load - PV. */
  readonly siteNetLoadKw: readonly Float64Array[];
  /** Evaluated on the per-session plan, not taken from the solver. */
  readonly objective: ObjectiveBreakdown;
  readonly slacks: readonly PlanSlack[];
  /** Sessions whose power left the split and was re-planned by the deterministic repair. */
  readonly repairedSessions: number;
  /** Why the greedy fallback planned, when it did. */
  readonly fallbackReason?: string;
}

export class DayAheadModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DayAheadModelError';
  }
}

export const ISP_HOURS = 0.25;
/** EUR per (kW x ISP) at 1 EUR/MWh. */
export const EUR_PER_KW_ISP_PER_EUR_MWH = ISP_HOURS / 1000;
