import { planDayAhead } from '@vpp/optimizer';
import { BenchCase, BenchOptions, BenchResult, peakRssMb } from '../bench-case';
import { PLAN_ASSUMPTIONS } from '../plan/real-plan-day';
import { buildPlanInput, inputNote, planChecks } from '../plan/plan-run';

/**
 * One delivery day (96 ISPs) for N sessions through `planDayAhead` with its default method
 * choice (grouped LP above 2,000 sessions). wall_s is the plan alone; building the envelopes
 * is reported apart. Peak RSS is the whole process (data, envelopes, model and solver).
 */
function scaleCase(name: string, defaultSessions: number): BenchCase {
  return {
    suite: 'plan',
    name,
    async run(options: BenchOptions, emit: (result: BenchResult) => void): Promise<void> {
      const sessions = options.sessions ?? defaultSessions;
      const { input, buildS, realSessions, derived, rejected } = await buildPlanInput(sessions);
      process.stderr.write(`plan ${name}: ${sessions} envelopes in ${buildS.toFixed(1)} s, planning\n`);
      const plan = await planDayAhead(input);
      emit({
        metric: 'wall_s',
        value: Math.round(plan.wallSeconds * 100) / 100,
        unit: 's',
        sessions,
        method: plan.method,
        solver_status: plan.solverStatus,
        solve_s: Math.round(plan.solveSeconds * 100) / 100,
        groups: plan.groups,
        lp_columns: plan.lpColumns,
        lp_rows: plan.lpRows,
        envelope_build_s: Math.round(buildS * 100) / 100,
        input: inputNote(sessions, realSessions, derived, rejected),
        assumed: PLAN_ASSUMPTIONS,
      });
      emit({ metric: 'peak_rss_mb', value: peakRssMb(), unit: 'MB', sessions });
      emit({ metric: 'objective_eur', value: Math.round(plan.objective.totalEur * 100) / 100, unit: 'EUR', ...roundAll(plan.objective), assumed: PLAN_ASSUMPTIONS });
      const checks = planChecks(input, plan);
      emit({ metric: 'sessions_within_envelope', value: checks.sessions_within_envelope, unit: 'sessions', ...checks });
    },
  };
}

function roundAll(values: object): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Math.round((v as number) * 100) / 100]));
}

export const BENCH_CASES: BenchCase[] = [scaleCase('sessions-10000', 10_000), scaleCase('sessions-100000', 100_000)];
