import { loadConfig } from '@vpp/config';
import { DayAheadPlan, DayAheadPlanInput, checkSessionPlan } from '@vpp/optimizer';
import { PLAN_DAY, PLAN_PRICES_FILE, PLAN_SESSIONS_FILE, planDayInput, readPlanDayPrices, readRealShapes } from './real-plan-day';

let loaded: Promise<{ shapes: Awaited<ReturnType<typeof readRealShapes>>['shapes']; prices: Float64Array; rejected: number }> | undefined;

/** Real shapes and prices, read once per bench process. */
export function realPlanData(): NonNullable<typeof loaded> {
  loaded ??= (async () => {
    const dataDir = loadConfig({ LOG_LEVEL: 'error' }).dataDir;
    const { shapes, rejected } = await readRealShapes(dataDir);
    return { shapes, prices: readPlanDayPrices(dataDir), rejected };
  })();
  return loaded;
}

/** Builds the day's input and says how long the envelopes took (not part of the plan's wall time). */
export async function buildPlanInput(count: number): Promise<{ input: DayAheadPlanInput; buildS: number; realSessions: number; derived: boolean; rejected: number }> {
  const { shapes, prices, rejected } = await realPlanData();
  const started = performance.now();
  const input = planDayInput(shapes, prices, count);
  return { input, buildS: (performance.now() - started) / 1000, realSessions: shapes.length, derived: count > shapes.length, rejected };
}

export function inputNote(count: number, realSessions: number, derived: boolean, rejected: number): string {
  const sessions = derived
    ? `${count} sessions DERIVED from ${realSessions} real ElaadNL sessions (${PLAN_SESSIONS_FILE}, ${rejected} unusable rows counted and left out) by replication with deterministic jitter`
    : `${count} real ElaadNL sessions (${PLAN_SESSIONS_FILE}), time of day and dwell mapped onto the day`;
  return `${sessions}; real NL day-ahead prices of ${PLAN_DAY.isoDate} (${PLAN_PRICES_FILE})`;
}

/** How the plan treated each session, checked against its own envelope. */
export function planChecks(input: DayAheadPlanInput, plan: DayAheadPlan): Record<string, number> {
  let withinEnvelope = 0;
  let needMet = 0;
  let needFeasible = 0;
  input.sessions.forEach((session, s) => {
    const check = checkSessionPlan(session.envelope, plan.sessionPowerKw[s]);
    if (check.withinBand && check.withinTrajectory) withinEnvelope += 1;
    if (session.envelope.feasible) {
      needFeasible += 1;
      if (check.shortfallStoredKwh === 0) needMet += 1;
    }
  });
  const count = (kind: string): number => plan.slacks.filter((slack) => slack.kind === kind).length;
  return {
    sessions_within_envelope: withinEnvelope,
    sessions_need_feasible: needFeasible,
    sessions_need_met: needMet,
    need_shortfall_slacks: count('need-shortfall'),
    need_beyond_envelope_slacks: count('need-beyond-envelope'),
    overload_slacks: count('import-overload') + count('export-overload'),
    repaired_sessions: plan.repairedSessions,
  };
}
