export { LpModelError, LpProblemBuilder } from './lp/lp-problem';
export type { LpProblem } from './lp/lp-problem';
export { loadHighs, solveLp } from './lp/highs-solver';
export type { LpAlgorithm, LpSolution, SolveOptions, SolveStatus } from './lp/highs-solver';
