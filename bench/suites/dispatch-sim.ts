import { join } from 'node:path';
import { loadConfig } from '@vpp/config';
import {
  ActivationTrackingLog,
  AggregateFeedback,
  ChannelLatencyTracker,
  DispatchChannel,
  Disaggregator,
  IspEnergyLedger,
  ResponsivenessMonitor,
  TrackingErrorAccumulator,
  fleetBaselineKw,
  portfolioTarget,
} from '@vpp/dispatch';
import { SeededRandom } from '@vpp/dispatch/domain/__fixtures__/seeded-random';
import { DERIVED_AFRR_LABEL, deriveAfrrSetpoints } from '../../apps/simulator/src/tso/afrr-from-frequency';
import { readFrequencyRecording } from '../../apps/simulator/src/tso/frequency-recording';
import { BenchFleet } from './dispatch-fleet';

// Helper of the dispatch benchmarks (no BENCH_CASES here): one hour of aFRR on a simulated fleet.

export const FREQUENCY_FILE = 'frequency-ce-pmu-2019-03-19-part1.csv';
const CYCLE_S = 4;
const RING = 32;

/**
 * ASSUMED latencies from command to effect, per session, uniform in the range (no public measurement;
 * measured here on loopback: OCPP median 1.1 ms, OEM 217-247 ms with 200 ms configured, far below
 * what real back ends add). A session keeps its latency for the whole run.
 */
const LATENCY_RANGE_S: Record<number, readonly [number, number]> = {
  [DispatchChannel.ocpp]: [1, 10],
  [DispatchChannel.ocpi]: [30, 60],
  [DispatchChannel.oem]: [60, 120],
};
/** ASSUMED: a channel qualifies for aFRR (4-s setpoints) when its measured p95 latency is at most this. */
export const AFRR_MAX_LATENCY_S = 30;
/** ASSUMED: the aFRR capacity bid is this share of the qualified sessions' symmetric flexibility at the start. */
const AFRR_BID_SHARE = 0.25;

export const DISPATCH_SIM_ASSUMPTIONS =
  `ASSUMED: command-to-effect latency per session uniform OCPP 1-10 s, OCPI 30-60 s, OEM 60-120 s; aFRR qualification p95 latency <= ${AFRR_MAX_LATENCY_S} s ` +
  `(so OCPI and OEM sessions follow their plan); aFRR capacity ${AFRR_BID_SHARE * 100} % of the qualified symmetric flexibility at the start; telemetry every 4 s; ` +
  'sessions that ignore commands keep their initial power; aFRR setpoints DERIVED from the frequency recording (ACE proxy, PI controller of apps/simulator)';

/**
 * Which code the dispatch benchmarks run. They simulate OUTSIDE PortfolioLoop (no PostgreSQL, Redis,
 * lease or fan-out): runDispatchHour composes the dispatch domain classes the loop uses, and differs
 * from the loop where stated.
 */
export const DISPATCH_SIM_CODE_PATH =
  'simulated outside PortfolioLoop: bench/suites/dispatch-sim.ts composes the domain classes the loop uses (ResponsivenessMonitor, ChannelLatencyTracker, ' +
  'portfolioTarget, AggregateFeedback gain 0.25, IspEnergyLedger, Disaggregator) without its I/O; unlike PortfolioLoop it gates aFRR participation on the ' +
  'channel p95 latency, meets needs a latency margin before departure, acts on setpoints known ahead, and clamps the correction to the contracted ' +
  'capacity (the loop: to the running activation)';

export interface HourOptions {
  readonly ignoreShare: number;
  readonly cycles: number;
  /** After the activation hour, keep simulating (no obligation) until every session has left. */
  readonly followToDeparture: boolean;
  readonly seed: number;
  /**
   * How long before its 4-s time step a setpoint arrives (s). Elia sends each setpoint 8 s ahead
   * (MARKETS.md section 2, the template used here; TenneT's figure is unverified); 0 = tracked on arrival.
   */
  readonly setpointLeadS: number;
}

export interface HourResult {
  readonly cycleMs: Float64Array;
  readonly changedTotal: number;
  readonly fullSorts: number;
  readonly contractedKw: number;
  readonly trackingErrorPct: number;
  readonly requestedKwh: number;
  readonly activations: number;
  readonly needMetPct: number;
  readonly feasibleSessions: number;
  readonly markedNonResponsive: number;
  readonly ignoring: number;
  readonly ledgerIsps: number;
  readonly setpointLabel: string;
}

/** Setpoints (kW up) for `cycles` 4-s slots, derived from the recording for the given capacity. */
export async function derivedSetpointsKw(contractedKw: number, cycles: number): Promise<Float64Array> {
  const dataDir = loadConfig({ LOG_LEVEL: 'error' }).dataDir;
  const samples = await readFrequencyRecording(join(dataDir, FREQUENCY_FILE));
  const derived = deriveAfrrSetpoints(samples, { capacityMw: contractedKw / 1000, periodS: CYCLE_S });
  if (derived.length < cycles) throw new Error(`the recording gives ${derived.length} setpoints, ${cycles} needed`);
  return Float64Array.from(derived.slice(0, cycles), (d) => d.setpointMw * 1000);
}

/**
 * Runs the control loop as the dispatcher would, against a simulated fleet: telemetry in, responsiveness
 * and latency monitoring, aFRR qualification, portfolio target, disaggregation, commands out with each
 * session's latency. cycleMs times the control part only (setpoint receipt to per-session
 * instructions handed to fan-out), not the simulation.
 */
export async function runDispatchHour(bench: BenchFleet, options: HourOptions): Promise<HourResult> {
  const { fleet, sites, feasible } = bench;
  const n = fleet.slotCount;
  const rng = new SeededRandom(options.seed);
  const startS = fleet.telemetryAtS[0];
  const latencyS = new Float64Array(n);
  const ignoring = new Uint8Array(n);
  const initialKw = Float64Array.from(fleet.baselineKw.subarray(0, n));
  // Commands in flight per session, as typed rings (no garbage: a collection pause would land in the
  // timed part). A full ring drops its oldest command, which a newer one supersedes anyway.
  const pendingAtS = new Float64Array(n * RING);
  const pendingKw = new Float64Array(n * RING);
  const pendingHead = new Int32Array(n);
  const pendingCount = new Int32Array(n);
  const effectiveKw = new Float64Array(n).fill(Number.NaN);
  const departed = new Uint8Array(n);
  const needMet = new Uint8Array(n);
  let ignoringCount = 0;
  for (let i = 0; i < n; i++) {
    const [low, high] = LATENCY_RANGE_S[fleet.channel[i]];
    latencyS[i] = rng.between(low, high);
    if (rng.chance(options.ignoreShare)) {
      ignoring[i] = 1;
      ignoringCount++;
    }
  }

  const monitor = new ResponsivenessMonitor(fleet.capacity);
  const latency = new ChannelLatencyTracker(fleet.capacity);
  // Needs are met early by each channel's latency allowance (the ASSUMED values until measured).
  const departureMarginS = new Float64Array(3);
  const channelLatencyS = new Float64Array(3);
  const disaggregator = new Disaggregator(fleet, sites, { cycleS: CYCLE_S, deadbandKw: 0.5, deadbandPct: 5, laxityReserveS: 0, departureMarginS, channelLatencyS });
  const contractedKw = contractedAfrrKw(bench);
  const lead = Math.round(options.setpointLeadS / CYCLE_S);
  const setpointsKw = await derivedSetpointsKw(contractedKw, options.cycles + lead);
  // Requested deviation per 4-s time step, known `lead` cycles ahead.
  const requestedAt = new Float64Array(options.cycles + lead);
  const tracking = new TrackingErrorAccumulator();
  // ASSUMED tuning: 0.25 of the remaining error per cycle, at most the contracted capacity.
  const feedback = new AggregateFeedback(0.25, contractedKw);
  const activations = new ActivationTrackingLog(1);
  const ledger = new IspEnergyLedger();
  const cycleMs = new Float64Array(options.cycles);
  let changedTotal = 0;
  let markedNonResponsive = 0;
  let lastBaselineKw = fleetBaselineKw(fleet.baselineKw, fleet.active, n);

  let lastDepartureS = startS;
  for (let i = 0; i < n; i++) if (fleet.departureS[i] > lastDepartureS) lastDepartureS = fleet.departureS[i];
  const hourCycles = options.cycles + lead;
  const totalCycles = options.followToDeparture ? Math.max(hourCycles + 1, Math.ceil((lastDepartureS - startS) / CYCLE_S) + 1) : hourCycles + 1;
  for (let c = 0; c < totalCycles; c++) {
    const nowS = startS + c * CYCLE_S;
    if (c > 0) {
      const actualKw = advance(nowS);
      const step = c - 1;
      if (step >= lead && step < hourCycles) {
        const lastRequestedKw = requestedAt[step];
        const delivered = actualKw - lastBaselineKw;
        tracking.add(lastRequestedKw, delivered, CYCLE_S);
        feedback.update(lastRequestedKw, delivered);
        activations.record(nowS - CYCLE_S, CYCLE_S, lastRequestedKw, delivered);
        ledger.record(nowS - CYCLE_S, CYCLE_S, lastRequestedKw, delivered);
      }
    }
    const validFor = c + lead;
    const setpointKw = validFor < hourCycles ? setpointsKw[validFor] : 0;

    const t0 = performance.now();
    const change = monitor.observe(fleet, nowS, latency.allowanceS());
    markedNonResponsive += change.markedNonResponsive.length;
    latency.observe(fleet, nowS);
    channelLatencyS.set(latency.latencyS());
    // In whole 30-s steps: the estimate moves by seconds from cycle to cycle, and every move would
    // shift which sessions must charge now (commands flapping at the boundary).
    departureMarginS.set(latency.allowanceS().map((a) => Math.ceil(a / 30) * 30));
    for (let i = 0; i < fleet.slotCount; i++) fleet.participates[i] = channelLatencyS[fleet.channel[i]] <= AFRR_MAX_LATENCY_S ? 1 : 0;
    const baselineKw = fleetBaselineKw(fleet.baselineKw, fleet.active, fleet.slotCount);
    const target = portfolioTarget(baselineKw, { afrrSetpointKw: setpointKw, fcrContractedKw: 0, frequencyHz: null, positionCorrectionKw: 0 });
    const result = disaggregator.run(target.targetKw + feedback.correctionKw, nowS);
    const elapsed = performance.now() - t0;
    if (c < options.cycles) cycleMs[c] = elapsed;

    changedTotal += c < options.cycles ? result.changedCount : 0;
    for (let k = 0; k < result.changedCount; k++) {
      const i = result.changed[k];
      if (pendingCount[i] === RING) {
        pendingHead[i] = (pendingHead[i] + 1) % RING;
        pendingCount[i]--;
      }
      const at = i * RING + ((pendingHead[i] + pendingCount[i]) % RING);
      pendingAtS[at] = nowS + latencyS[i];
      pendingKw[at] = result.setpointKw[i];
      pendingCount[i]++;
    }
    if (validFor < hourCycles) requestedAt[validFor] = target.obligationKw;
    lastBaselineKw = baselineKw;
  }
  activations.close();

  let feasibleCount = 0;
  let metCount = 0;
  for (let i = 0; i < n; i++) {
    if (feasible[i] === 0) continue;
    feasibleCount++;
    if (!options.followToDeparture || needMet[i] === 1) metCount++;
  }
  return {
    cycleMs,
    changedTotal,
    fullSorts: disaggregator.orderStats.fullSorts,
    contractedKw,
    trackingErrorPct: tracking.errorPct,
    requestedKwh: tracking.requestedKwh,
    activations: activations.activations().length,
    needMetPct: options.followToDeparture ? (100 * metCount) / Math.max(1, feasibleCount) : Number.NaN,
    feasibleSessions: feasibleCount,
    markedNonResponsive,
    ignoring: ignoringCount,
    ledgerIsps: ledger.all().length,
    setpointLabel: DERIVED_AFRR_LABEL,
  };

  /** Physics of [nowS - 4 s, nowS): commands take effect after the latency, cars draw at most their own power until full. Returns the fleet power. */
  function advance(nowS: number): number {
    const hours = CYCLE_S / 3600;
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (departed[i] === 1) continue;
      // Midpoint rule: a command counts for the interval when it takes effect by its middle.
      while (pendingCount[i] > 0 && pendingAtS[i * RING + pendingHead[i]] <= nowS - CYCLE_S / 2) {
        effectiveKw[i] = pendingKw[i * RING + pendingHead[i]];
        pendingHead[i] = (pendingHead[i] + 1) % RING;
        pendingCount[i]--;
      }
      let p = ignoring[i] === 1 || Number.isNaN(effectiveKw[i]) ? initialKw[i] : effectiveKw[i];
      p = Math.max(0, Math.min(p, fleet.maxKw[i]));
      const room = fleet.targetKwh[i] - fleet.deliveredKwh[i];
      if (p * hours > room) p = Math.max(0, room / hours);
      fleet.deliveredKwh[i] += p * hours;
      total += p;
      fleet.measuredKw[i] = p;
      fleet.telemetryAtS[i] = nowS;
      if (fleet.deliveredKwh[i] >= fleet.targetKwh[i] - 1e-9) {
        // Full: the car draws nothing more and the plan for it is done.
        fleet.drawKw[i] = 0;
        fleet.baselineKw[i] = 0;
        initialKw[i] = 0;
      }
      if (nowS >= fleet.departureS[i]) {
        departed[i] = 1;
        needMet[i] = fleet.deliveredKwh[i] >= fleet.targetKwh[i] - 0.01 ? 1 : 0;
        fleet.remove(fleet.sessionIds[i]!);
      }
    }
    return total;
  }
}

/** Symmetric flexibility of the sessions on channels expected to qualify (OCPP), times the bid share. */
function contractedAfrrKw(bench: BenchFleet): number {
  const f = bench.fleet;
  let up = 0;
  let down = 0;
  for (let i = 0; i < f.slotCount; i++) {
    if (f.channel[i] !== DispatchChannel.ocpp) continue;
    up += f.baselineKw[i];
    down += f.maxKw[i] - f.baselineKw[i];
  }
  return Math.round(AFRR_BID_SHARE * Math.min(up, down));
}

export function percentile(values: Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}
