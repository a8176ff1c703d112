import { powerAlongTrajectoryKw } from '@vpp/flexibility/domain';
import { solveLp, type LpSolution } from '../lp/highs-solver';
import {
  DEFAULT_ALGORITHM,
  DEFAULT_EXACT_MAX_SESSIONS,
  DEFAULT_NEED_LEVEL_STEPS,
  DEFAULT_TIME_LIMIT_S,
  DayAheadModelError,
  DayAheadPlan,
  DayAheadPlanOptions,
  HorizonPlanInput,
  PlanMethod,
} from './day-ahead-model';
import { buildDayAheadLp, unitPowerKw } from './day-ahead-lp';
import { planGreedy } from './greedy-fallback';
import { applySingleV2g, splitGroupCharge } from './group-split';
import { NEED_TOLERANCE_KWH, fillTowardsTarget, ispsCheapestFirst, tightestFirst } from './headroom-fill';
import { evaluatePlan } from './plan-evaluation';
import { groupedUnits, isRigidAndUnconstrained, sessionUnits } from './plan-units';
import { SessionPlanState } from './session-plan-state';
import { buildSiteNetwork } from './site-network';

interface SolvedLp {
  readonly method: PlanMethod;
  readonly groups: number;
  readonly columns: number;
  readonly rows: number;
  readonly solution: LpSolution | undefined;
  readonly error: string | undefined;
}

/**
 * Plans the sessions over a horizon of consecutive ISPs (issue 4, item 5): per-session LP for
 * small portfolios, grouped LP above `exactMaxSessions`, greedy fallback when the solver errors
 * or runs out of time. Every session's plan is checked against its own envelope after the split
 * and repaired deterministically where it misses its target; what still cannot be met is
 * reported as slack. Site net loads and ISP numbers in slacks are per ISP of the horizon.
 */
export async function planHorizon(input: HorizonPlanInput, options: DayAheadPlanOptions = {}): Promise<DayAheadPlan> {
  return planOn(input, horizonName(input), options);
}

/** The one place that checks a horizon: non-empty and without gaps or repeats. */
function horizonName(input: HorizonPlanInput): string {
  const { isps } = input;
  if (isps.length === 0) throw new DayAheadModelError('the horizon needs at least one ISP');
  for (let t = 1; t < isps.length; t += 1) {
    if (!isps[t].equals(isps[t - 1].next())) throw new DayAheadModelError(`the horizon's ISPs must be consecutive: ${isps[t].toString()} follows ${isps[t - 1].toString()}`);
  }
  return `the horizon ${isps[0].start.toISOString()}/${isps[isps.length - 1].end.toISOString()}`;
}

export async function planOn(input: HorizonPlanInput, name: string, options: DayAheadPlanOptions): Promise<DayAheadPlan> {
  const started = performance.now();
  const network = buildSiteNetwork(input, name);
  const state = new SessionPlanState(input.sessions, network);
  const requested = options.method ?? 'auto';

  let solved: SolvedLp | undefined;
  if (requested !== 'greedy') {
    const exact = requested === 'lp-exact' || (requested === 'auto' && input.sessions.length <= (options.exactMaxSessions ?? DEFAULT_EXACT_MAX_SESSIONS));
    const units = exact ? sessionUnits(input.sessions, network) : groupedUnits(input.sessions, network, options.needLevelSteps ?? DEFAULT_NEED_LEVEL_STEPS);
    const model = buildDayAheadLp(units, network);
    const algorithm = options.algorithm ?? DEFAULT_ALGORITHM;
    let solution: LpSolution | undefined;
    let error: string | undefined;
    try {
      // HiGHS refuses a model without columns (every session rigid or without need): nothing to choose.
      solution =
        model.problem.numCols === 0
          ? { status: 'optimal', solverStatus: 'empty model', objective: 0, columnValues: new Float64Array(0), rowValues: new Float64Array(0), solveSeconds: 0 }
          : await solveLp(model.problem, { algorithm, timeLimitS: options.timeLimitS ?? DEFAULT_TIME_LIMIT_S });
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
    }
    solved = { method: exact ? 'lp-exact' : 'lp-grouped', groups: units.length, columns: model.problem.numCols, rows: model.problem.numRows, solution, error };
    if (solution?.status === 'optimal') {
      input.sessions.forEach((session, s) => {
        if (session.envelope.targetStoredKwh > 0 && isRigidAndUnconstrained(session.envelope, s, network)) {
          const power = powerAlongTrajectoryKw(session.envelope, session.envelope.earliestEnergyKwh);
          for (let k = 0; k < power.length; k += 1) state.setPower(s, k, power[k]);
        }
      });
      units.forEach((unit, u) => {
        const { chargeKw, dischargeKw } = unitPowerKw(model, unit, u, solution.columnValues);
        if (unit.v2g) applySingleV2g(state, unit, chargeKw, dischargeKw);
        else splitGroupCharge(state, unit, chargeKw);
      });
    }
  }

  const lpOk = solved?.solution?.status === 'optimal';
  let repairedSessions = 0;
  let fallbackReason: string | undefined;
  if (lpOk) {
    const cheapestFirst = ispsCheapestFirst(network.pricesEurPerMwh);
    const short: number[] = [];
    input.sessions.forEach((session, s) => {
      const stored = state.storedKwh(s);
      if (stored.length > 0 && session.envelope.targetStoredKwh - stored[stored.length - 1] > NEED_TOLERANCE_KWH) short.push(s);
    });
    for (const s of tightestFirst(state, short)) {
      const before = state.storedKwh(s);
      fillTowardsTarget(state, s, cheapestFirst);
      const after = state.storedKwh(s);
      if (after[after.length - 1] - before[before.length - 1] > NEED_TOLERANCE_KWH) repairedSessions += 1;
    }
  } else {
    fallbackReason =
      solved === undefined
        ? 'greedy requested'
        : solved.error !== undefined
          ? `solver error: ${solved.error}`
          : `solver status ${solved.solution?.status ?? 'none'} (${solved.solution?.solverStatus ?? 'no solution'})`;
    planGreedy(state);
  }

  const evaluation = evaluatePlan(state);
  return {
    method: lpOk ? solved!.method : 'greedy-fallback',
    solverStatus: solved?.solution?.solverStatus ?? (solved?.error !== undefined ? 'error' : 'not run'),
    solveSeconds: solved?.solution?.solveSeconds ?? 0,
    wallSeconds: (performance.now() - started) / 1000,
    groups: lpOk ? solved!.groups : 0,
    lpColumns: solved?.columns ?? 0,
    lpRows: solved?.rows ?? 0,
    lpObjectiveEur: lpOk ? solved!.solution!.objective : Number.NaN,
    sessionPowerKw: state.powerKw,
    siteNetLoadKw: state.nodeNetKw.slice(network.siteNodeOffset),
    objective: evaluation.objective,
    slacks: evaluation.slacks,
    repairedSessions,
    ...(fallbackReason !== undefined ? { fallbackReason } : {}),
  };
}
