import { LpModelError, LpProblemBuilder } from './lp-problem';
import { solveLp } from './highs-solver';

describe('solveLp (HiGHS)', () => {
  it('solves a hand-checked LP: charge 10 kWh over two ISPs at 40 and 10 EUR/MWh, 8 kWh max per ISP', async () => {
    const lp = new LpProblemBuilder();
    const first = lp.addColumn(0, 8, 0.04);
    const second = lp.addColumn(0, 8, 0.01);
    lp.addRow(10, 10, [first, second], [1, 1]);
    const solution = await solveLp(lp.build(), { algorithm: 'simplex' });
    expect(solution.status).toBe('optimal');
    expect(solution.columnValues[first]).toBeCloseTo(2, 9);
    expect(solution.columnValues[second]).toBeCloseTo(8, 9);
    expect(solution.objective).toBeCloseTo(2 * 0.04 + 8 * 0.01, 12);
  });

  it('solves a MIP with whole-MW columns', async () => {
    const lp = new LpProblemBuilder();
    const mw = lp.addColumn(0, 10, -5, true);
    lp.addRow(-Infinity, 2.7, [mw], [1]);
    const solution = await solveLp(lp.build());
    expect(solution.status).toBe('optimal');
    expect(solution.columnValues[mw]).toBe(2);
  });

  it('reports infeasibility as a status, not a throw', async () => {
    const lp = new LpProblemBuilder();
    const x = lp.addColumn(0, 1, 1);
    lp.addRow(2, Infinity, [x], [1]);
    const solution = await solveLp(lp.build(), { algorithm: 'simplex' });
    expect(solution.status).toBe('infeasible');
    expect(solution.columnValues).toHaveLength(0);
  });

  it('refuses a malformed model at build time', () => {
    const lp = new LpProblemBuilder();
    expect(() => lp.addColumn(2, 1, 0)).toThrow(LpModelError);
    const x = lp.addColumn(0, 1, 0);
    expect(() => lp.addRow(0, 1, [x, 7], [1, 1])).toThrow(LpModelError);
    expect(() => lp.addRow(0, 1, [x], [Number.NaN])).toThrow(LpModelError);
  });
});
