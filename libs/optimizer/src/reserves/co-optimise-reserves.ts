import type { Block } from '@vpp/units';

import { solveLp, type LpSolution } from '../lp/highs-solver';
import type { ReserveCoOptimisationInput } from './reserve-input';
import { buildReserveModel, type ReserveModel } from './reserve-model';

/**
 * - `optimal`: the MILP solved (to HiGHS's default relative gap, 1e-4);
 * - `time-limit-incumbent`: the time limit hit with a feasible MILP solution, used as is;
 * - `fallback-energy-only`: no MILP solution in time (or a solver error): no reserves, the energy
 *   plan alone (an LP, solved without a time limit: it is small and fast);
 * - `infeasible`: not even the energy plan is feasible (inconsistent battery bounds).
 */
export type ReservePlanStatus = 'optimal' | 'time-limit-incumbent' | 'fallback-energy-only' | 'infeasible';

export interface BlockReserves {
  readonly block: Block;
  readonly fcrMw: number;
  readonly afrrUpMw: number;
  readonly afrrDownMw: number;
  /** Capacity revenue of the block, EUR (price x MW x block hours). */
  readonly revenueEur: number;
}

export interface ReservePlan {
  readonly status: ReservePlanStatus;
  /** HiGHS's status of the solve the plan comes from (and of the MILP, when it fell back). */
  readonly solverStatus: string;
  readonly fallbackReason?: string;
  /** Net grid power per ISP, kW (positive = charging). Empty when infeasible. */
  readonly powerKw: Float64Array;
  /** Cumulative stored kWh at the end of each ISP. Empty when infeasible. */
  readonly cumulativeStoredKwh: Float64Array;
  readonly blocks: readonly BlockReserves[];
  readonly energyCostEur: number;
  readonly degradationCostEur: number;
  readonly capacityRevenueEur: number;
  /** energy + degradation - capacity revenue. */
  readonly netCostEur: number;
  readonly solveSeconds: number;
}

const DEFAULT_TIME_LIMIT_S = 10;

/**
 * Co-optimises the energy schedule of one virtual battery over one delivery day with FCR and aFRR
 * capacity per 4-hour block (issue 4, item 5). Deterministic: same input, same plan.
 */
export async function coOptimiseReserves(input: ReserveCoOptimisationInput): Promise<ReservePlan> {
  const model = buildReserveModel(input, true);
  const milp = await solveLp(model.problem, { algorithm: 'simplex', timeLimitS: input.timeLimitS ?? DEFAULT_TIME_LIMIT_S });
  if (milp.status === 'optimal') return planFrom(input, model, milp, 'optimal', milp.solveSeconds);
  if (milp.status === 'time-limit' && milp.columnValues.length > 0) return planFrom(input, model, milp, 'time-limit-incumbent', milp.solveSeconds);
  const energyOnly = buildReserveModel(input, false);
  const lp = await solveLp(energyOnly.problem, { algorithm: 'simplex' });
  const seconds = milp.solveSeconds + lp.solveSeconds;
  if (lp.status !== 'optimal') return planFrom(input, energyOnly, lp, 'infeasible', seconds, `energy plan: ${lp.solverStatus}`);
  return planFrom(input, energyOnly, lp, 'fallback-energy-only', seconds, `reserve MILP: ${milp.solverStatus}`);
}

function planFrom(
  input: ReserveCoOptimisationInput,
  model: ReserveModel,
  solution: LpSolution,
  status: ReservePlanStatus,
  solveSeconds: number,
  fallbackReason?: string,
): ReservePlan {
  const n = model.charge.length;
  const solved = status !== 'infeasible';
  const x = solution.columnValues;
  const powerKw = new Float64Array(solved ? n : 0);
  const cumulativeStoredKwh = new Float64Array(solved ? n : 0);
  let energyCostEur = 0;
  let throughputKwh = 0;
  for (let t = 0; t < powerKw.length; t += 1) {
    const c = x[model.charge[t]];
    const d = x[model.discharge[t]];
    powerKw[t] = c - d;
    cumulativeStoredKwh[t] = x[model.stored[t]];
    energyCostEur += (powerKw[t] * 0.25 * input.dayAheadPriceEurPerMwh[t]) / 1000;
    throughputKwh += (c + d) * 0.25;
  }
  const mw = (column: number): number => (solved && column >= 0 ? Math.round(x[column]) : 0);
  const blocks = model.blocks.map((block, b): BlockReserves => {
    const prices = input.blockPrices[b];
    const fcrMw = mw(model.fcr[b]);
    const afrrUpMw = mw(model.afrrUp[b]);
    const afrrDownMw = mw(model.afrrDown[b]);
    const revenueEur = (fcrMw * prices.fcrEurPerMwH + afrrUpMw * prices.afrrUpEurPerMwH + afrrDownMw * prices.afrrDownEurPerMwH) * block.hours;
    return { block, fcrMw, afrrUpMw, afrrDownMw, revenueEur };
  });
  const capacityRevenueEur = blocks.reduce((sum, block) => sum + block.revenueEur, 0);
  const degradationCostEur = throughputKwh * input.battery.degradationCostEurPerKwh;
  return {
    status,
    solverStatus: solution.solverStatus,
    ...(fallbackReason !== undefined ? { fallbackReason } : {}),
    powerKw,
    cumulativeStoredKwh,
    blocks,
    energyCostEur,
    degradationCostEur,
    capacityRevenueEur,
    netCostEur: energyCostEur + degradationCostEur - capacityRevenueEur,
    solveSeconds,
  };
}
