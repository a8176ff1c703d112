import { planDayAhead } from '@vpp/optimizer';
import { DEFAULT_NEED_LEVEL_STEPS } from '@vpp/optimizer';
import { BenchCase, BenchOptions, BenchResult } from '../bench-case';
import { PLAN_ASSUMPTIONS } from '../plan/real-plan-day';
import { buildPlanInput, inputNote, planChecks } from '../plan/plan-run';

/**
 * The grouped plan (grouping, split back per session, repair) against the exact per-session
 * LP on the same real sessions and prices. Both objectives are evaluated on the per-session
 * plans with the same code (energy + degradation + capacity tariff + penalties).
 */
async function run(options: BenchOptions, emit: (result: BenchResult) => void): Promise<void> {
  const sessions = options.sessions ?? 2_000;
  const { input, realSessions, derived, rejected } = await buildPlanInput(sessions);
  process.stderr.write(`plan exactness: ${sessions} sessions, exact LP\n`);
  const exact = await planDayAhead(input, { method: 'lp-exact' });
  process.stderr.write(`plan exactness: grouped LP\n`);
  const grouped = await planDayAhead(input, { method: 'lp-grouped' });
  const gapPct = ((grouped.objective.totalEur - exact.objective.totalEur) / Math.abs(exact.objective.totalEur)) * 100;
  const checks = planChecks(input, grouped);
  emit({
    metric: 'objective_gap_pct',
    value: Math.round(gapPct * 10_000) / 10_000,
    unit: '%',
    reference: 'lp_exact_objective_eur',
    reference_value: Math.round(exact.objective.totalEur * 1000) / 1000,
    grouped_objective_eur: Math.round(grouped.objective.totalEur * 1000) / 1000,
    grouped_lp_objective_eur: Math.round(grouped.lpObjectiveEur * 1000) / 1000,
    exact_wall_s: Math.round(exact.wallSeconds * 100) / 100,
    grouped_wall_s: Math.round(grouped.wallSeconds * 100) / 100,
    exact_method: exact.method,
    grouped_method: grouped.method,
    sessions,
    groups: grouped.groups,
    need_level_steps: DEFAULT_NEED_LEVEL_STEPS,
    sessions_within_envelope: checks.sessions_within_envelope,
    repaired_sessions: checks.repaired_sessions,
    input: inputNote(sessions, realSessions, derived, rejected),
    assumed: PLAN_ASSUMPTIONS,
  });
}

export const BENCH_CASES: BenchCase[] = [{ suite: 'plan', name: 'exactness-2000', run }];
