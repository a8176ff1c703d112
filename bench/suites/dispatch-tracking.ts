import { BenchCase, BenchOptions, BenchResult } from '../bench-case';
import { DISPATCH_FLEET_ASSUMPTIONS, buildBenchFleet, realSessionShapes } from './dispatch-fleet';
import { DISPATCH_SIM_ASSUMPTIONS, DISPATCH_SIM_CODE_PATH, runDispatchHour } from './dispatch-sim';

const START_S = Date.UTC(2019, 2, 19, 18, 0, 0) / 1000;
const CYCLES = 900;
const IGNORE_SHARE = 0.1;
/** Setpoints arrive 8 s ahead of their time step, as Elia sends them (MARKETS.md section 2; TenneT's lead is unverified). */
const SETPOINT_LEAD_S = 8;

/**
 * A simulated hour of aFRR on sessions from real ElaadNL data, 10 % of them ignoring commands, with
 * channel latencies; then the fleet is simulated on until every session has left, to check that the
 * needs that were feasible at the start were still met.
 */
const trackingCase: BenchCase = {
  suite: 'dispatch',
  name: 'tracking',
  async run(options: BenchOptions, emit: (result: BenchResult) => void): Promise<void> {
    const sessions = options.sessions ?? 5_000;
    const { shapes, rejected } = await realSessionShapes();
    const bench = buildBenchFleet(shapes, sessions, START_S, 20190320);
    process.stderr.write(`dispatch tracking: ${sessions} sessions, ${CYCLES} cycles of aFRR, then until departure\n`);
    const hour = await runDispatchHour(bench, { ignoreShare: IGNORE_SHARE, cycles: CYCLES, followToDeparture: true, seed: 11, setpointLeadS: SETPOINT_LEAD_S });
    // The same hour when each setpoint is only known at its own time step (no lead), for comparison.
    const atOnce = await runDispatchHour(buildBenchFleet(shapes, sessions, START_S, 20190320), { ignoreShare: IGNORE_SHARE, cycles: CYCLES, followToDeparture: false, seed: 11, setpointLeadS: 0 });
    const common = {
      sessions,
      input: `sessions resampled from ${shapes.length} real ElaadNL sessions (${rejected} rows unusable)`,
      setpoints: hour.setpointLabel,
      assumed: `${DISPATCH_FLEET_ASSUMPTIONS}; ${DISPATCH_SIM_ASSUMPTIONS}`,
      code_path: DISPATCH_SIM_CODE_PATH,
    };
    emit({
      metric: 'tracking_error_pct',
      value: Math.round(hour.trackingErrorPct * 100) / 100,
      unit: '%',
      ...common,
      setpoint_lead_s: SETPOINT_LEAD_S,
      tracking_error_pct_without_lead: Math.round(atOnce.trackingErrorPct * 100) / 100,
      requested_kwh: Math.round(hour.requestedKwh * 10) / 10,
      contracted_afrr_kw: hour.contractedKw,
      activations: hour.activations,
      sessions_ignoring_commands: hour.ignoring,
      sessions_marked_non_responsive: hour.markedNonResponsive,
      isps_booked: hour.ledgerIsps,
    });
    emit({ metric: 'need_met_pct', value: Math.round(hour.needMetPct * 100) / 100, unit: '%', sessions, feasible_sessions: hour.feasibleSessions, assumed: common.assumed, code_path: DISPATCH_SIM_CODE_PATH });
  },
};

export const BENCH_CASES: BenchCase[] = [trackingCase];
