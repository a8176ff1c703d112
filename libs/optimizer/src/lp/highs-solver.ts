import highsLoader, { type Highs } from 'highs';
import type { LpProblem } from './lp-problem';

/**
 * HiGHS (University of Edinburgh, compiled to WebAssembly by the `highs` npm package): the
 * solver ARCHITECTURE.md section 7 measured fastest here (GLPK 5-25x slower; yalps cycled).
 * Interior point for large models, simplex for small ones and MIPs.
 */
export type LpAlgorithm = 'simplex' | 'ipm' | 'choose';

export interface SolveOptions {
  readonly algorithm?: LpAlgorithm;
  /** Wall-clock limit for the solver, seconds. */
  readonly timeLimitS?: number;
  /** Relative MIP gap at which a MIP may stop (HiGHS default 1e-4). */
  readonly mipRelGap?: number;
}

export type SolveStatus = 'optimal' | 'infeasible' | 'unbounded' | 'time-limit' | 'error';

export interface LpSolution {
  readonly status: SolveStatus;
  /** The model status HiGHS reported, for logs and reports. */
  readonly solverStatus: string;
  /** Objective value; NaN unless a primal solution exists (a time-limited solve may carry one). */
  readonly objective: number;
  /** Column values; empty unless a primal solution exists. */
  readonly columnValues: Float64Array;
  /** Row activities; empty unless a primal solution exists. */
  readonly rowValues: Float64Array;
  readonly solveSeconds: number;
}

let loading: Promise<Highs> | undefined;

/** The Wasm runtime, loaded once per process (it is a few MB and takes ~100 ms to instantiate). */
export function loadHighs(): Promise<Highs> {
  loading ??= highsLoader();
  return loading;
}

const STATUS_NAMES: Record<number, string> = {
  0: 'not set', 1: 'load error', 2: 'model error', 3: 'presolve error', 4: 'solve error', 5: 'postsolve error', 6: 'empty',
  7: 'optimal', 8: 'infeasible', 9: 'unbounded or infeasible', 10: 'unbounded', 11: 'objective bound', 12: 'objective target',
  13: 'time limit', 14: 'iteration limit', 15: 'unknown', 16: 'solution limit', 17: 'interrupted',
};

function statusOf(code: number): SolveStatus {
  if (code === 7 || code === 6) return 'optimal';
  if (code === 8) return 'infeasible';
  if (code === 9 || code === 10) return 'unbounded';
  if (code === 13 || code === 14 || code === 16 || code === 17) return 'time-limit';
  return 'error';
}

function finiteOrInf(values: Float64Array, infinity: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = v === Infinity ? infinity : v === -Infinity ? -infinity : v;
  }
  return out;
}

/**
 * Solves a minimisation. Deterministic for the same problem and options (HiGHS runs single
 * threaded in Wasm). Blocks the event loop for the solve: callers run plans in worker
 * processes (the planner app), never on an HTTP thread.
 */
export async function solveLp(problem: LpProblem, options: SolveOptions = {}): Promise<LpSolution> {
  const highs = await loadHighs();
  const started = performance.now();
  const model = highs.createModel();
  try {
    model.options.set({
      output_flag: false,
      solver: options.algorithm ?? 'choose',
      ...(options.timeLimitS !== undefined ? { time_limit: options.timeLimitS } : {}),
      ...(options.mipRelGap !== undefined ? { mip_rel_gap: options.mipRelGap } : {}),
    });
    model.passModel({
      numCols: problem.numCols,
      numRows: problem.numRows,
      colCost: problem.colCost,
      colLower: finiteOrInf(problem.colLower, highs.infinity),
      colUpper: finiteOrInf(problem.colUpper, highs.infinity),
      rowLower: finiteOrInf(problem.rowLower, highs.infinity),
      rowUpper: finiteOrInf(problem.rowUpper, highs.infinity),
      matrix: { format: 'csr', numRows: problem.numRows, numCols: problem.numCols, starts: problem.rowStarts, indices: problem.rowIndices, values: problem.rowValues },
      ...(problem.integrality !== undefined ? { integrality: problem.integrality } : {}),
    });
    model.run();
    const code = model.getModelStatus() as number;
    const status = statusOf(code);
    let columnValues = new Float64Array(0);
    let rowValues = new Float64Array(0);
    let objective = Number.NaN;
    const info = model.info.get('primal_solution_status');
    const hasPrimal = info === 2 || info === 2n || status === 'optimal';
    if (hasPrimal) {
      const solution = model.getSolution();
      columnValues = solution.colValue;
      rowValues = solution.rowValue;
      objective = model.getObjectiveValue();
    }
    return { status, solverStatus: STATUS_NAMES[code] ?? `status ${code}`, objective, columnValues, rowValues, solveSeconds: (performance.now() - started) / 1000 };
  } finally {
    model.dispose();
  }
}
