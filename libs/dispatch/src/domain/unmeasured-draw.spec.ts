import { AggregateFeedback } from './aggregate-feedback';
import { ChannelLatencyTracker } from './channel-latency';
import { DEFAULT_RESPONSIVENESS } from './delivery-monitoring.types';
import { Disaggregator } from './disaggregator';
import { DispatchFleet, DispatchSessionInput } from './dispatch-fleet';
import { DispatchSites } from './dispatch-sites';
import { ResponsivenessMonitor } from './responsiveness-monitor';
import { estimateUnmeasuredDraw } from './unmeasured-draw';

const ARRIVAL = 1_774_000_000;
const GRACE_S = DEFAULT_RESPONSIVENESS.staleAfterS;

function session(id: string, channel: DispatchSessionInput['channel'], measured: boolean, atS: number): DispatchSessionInput {
  // 11 kW EVSEs, 40 kWh needed within 10 h: plenty of laxity, baseline at the maximum (uncontrolled).
  return {
    sessionId: id, channel, siteIndex: -1, baselineKw: 11, bandMinKw: 0, bandMaxKw: 11, minChargeKw: 4.14, deliveredKwh: 0, targetKwh: 40, departureS: ARRIVAL + 36_000,
    // What the loader hands over: a meter reading, or (none yet) the baseline as estimate with the arrival as telemetry time.
    measuredKw: 11, telemetryAtS: measured ? atS : ARRIVAL, measured,
  };
}

/** One loop cycle as PortfolioLoop runs it: estimate, latency, monitor, disaggregate. */
function cycle(fleet: DispatchFleet, parts: { monitor: ResponsivenessMonitor; tracker: ChannelLatencyTracker; disaggregator: Disaggregator }, nowS: number, targetKw: number) {
  estimateUnmeasuredDraw(fleet);
  const allowance = parts.tracker.allowanceS();
  parts.tracker.observe(fleet, nowS);
  const change = parts.monitor.observe(fleet, nowS, allowance);
  const result = parts.disaggregator.run(targetKw, nowS);
  const changed = new Map<number, number>();
  for (let k = 0; k < result.changedCount; k++) changed.set(result.changed[k], result.setpointKw[result.changed[k]]);
  return { change, changed, plannedKw: result.plannedKw };
}

describe('sessions without telemetry (unknown draw, not 0 kW)', () => {
  it('are counted at their baseline, then at their last command (a charging cap met at most by the car\'s draw)', () => {
    const fleet = new DispatchFleet(4);
    const a = fleet.upsert({ ...session('a', 'ocpi', false, ARRIVAL), measuredKw: 0 });
    const b = fleet.upsert({ ...session('b', 'ocpi', false, ARRIVAL), drawKw: 7 });
    const metered = fleet.upsert({ ...session('m', 'ocpp', true, ARRIVAL), measuredKw: 3 });
    expect(estimateUnmeasuredDraw(fleet)).toBe(2);
    expect([fleet.measuredKw[a], fleet.measuredKw[b], fleet.measuredKw[metered]]).toEqual([11, 7, 3]);
    fleet.recordCommand(a, 5, ARRIVAL + 4);
    fleet.recordCommand(b, 9, ARRIVAL + 4);
    fleet.recordCommand(metered, 6, ARRIVAL + 4);
    estimateUnmeasuredDraw(fleet);
    expect([fleet.measuredKw[a], fleet.measuredKw[b], fleet.measuredKw[metered]]).toEqual([5, 7, 3]);
    // A meter reading ends the estimate.
    fleet.measured[a] = 1;
    fleet.measuredKw[a] = 2;
    expect(estimateUnmeasuredDraw(fleet)).toBe(1);
    expect(fleet.measuredKw[a]).toBe(2);
  });

  it('go stale after the grace window from arrival; their share moves to sessions that respond and they are never capped to 0 kW', () => {
    const fleet = new DispatchFleet(8);
    const silent = [fleet.upsert(session('cpo-1', 'ocpi', false, ARRIVAL)), fleet.upsert(session('cpo-2', 'ocpi', false, ARRIVAL))];
    const responding = [fleet.upsert(session('depot-1', 'ocpp', true, ARRIVAL)), fleet.upsert(session('depot-2', 'ocpp', true, ARRIVAL))];
    const parts = { monitor: new ResponsivenessMonitor(8), tracker: new ChannelLatencyTracker(8), disaggregator: new Disaggregator(fleet, DispatchSites.none()) };
    const baselineKw = 44;
    const silentCaps: number[] = [];
    const marked: number[] = [];
    let last: ReturnType<typeof cycle> | undefined;
    for (let t = 0; t <= GRACE_S + 40; t += 4) {
      const nowS = ARRIVAL + t;
      // The depot sessions report every cycle and follow their commands; the CPO sessions never report.
      for (const slot of responding) {
        const command = fleet.commandKw[slot];
        fleet.measuredKw[slot] = Number.isNaN(command) ? 11 : command;
        fleet.telemetryAtS[slot] = nowS;
      }
      // 10 kW of up-regulation once the grace window has passed.
      last = cycle(fleet, parts, nowS, t > GRACE_S ? baselineKw - 10 : baselineKw);
      marked.push(...last.change.markedNonResponsive);
      for (const slot of silent) if (last.changed.has(slot)) silentCaps.push(last.changed.get(slot) as number);
    }
    // Marked once each, for staleness (their telemetry time is the arrival), not for ignoring a command.
    expect(marked.sort()).toEqual([...silent].sort());
    expect(silent.map((slot) => fleet.responsive[slot])).toEqual([0, 0]);
    // Their only command was the baseline cap of the first cycle: no 0 kW cap for want of data.
    expect(silentCaps).toEqual([11, 11]);
    // Held at their estimated draw; the 10 kW come from the depot sessions.
    expect(silent.map((slot) => fleet.measuredKw[slot])).toEqual([11, 11]);
    expect(responding.reduce((sum, slot) => sum + fleet.commandKw[slot], 0)).toBeCloseTo(12, 6);
    expect(last?.plannedKw).toBeCloseTo(34, 6);
  });

  it('are not timed by the latency tracker, even when their first reading matches a command sent before it', () => {
    const fleet = new DispatchFleet(2);
    const slot = fleet.upsert(session('cpo', 'ocpi', false, ARRIVAL));
    const tracker = new ChannelLatencyTracker(2);
    fleet.recordCommand(slot, 5, ARRIVAL + 4);
    estimateUnmeasuredDraw(fleet);
    expect(tracker.observe(fleet, ARRIVAL + 8)).toBe(0);
    fleet.measured[slot] = 1;
    fleet.measuredKw[slot] = 5;
    fleet.telemetryAtS[slot] = ARRIVAL + 200;
    const samples: number[] = [];
    expect(tracker.observe(fleet, ARRIVAL + 204, (_, ms) => samples.push(ms))).toBe(0);
    expect(samples).toEqual([]);
    expect(tracker.estimate('ocpi')).toBeNull();
  });
});

describe('AggregateFeedback in the loop', () => {
  it('clamps each update to the running activation and continues from a restored correction', () => {
    const feedback = new AggregateFeedback(0.25);
    expect(feedback.update(-20, 0, 20)).toBeCloseTo(-5, 12);
    expect(feedback.update(-20, 0, 8)).toBe(-8);
    const taken = new AggregateFeedback(0.25);
    taken.restore(feedback.correctionKw);
    expect(taken.update(-20, -16, 20)).toBeCloseTo(-9, 12);
    taken.restore(Number.NaN);
    expect(taken.correctionKw).toBe(0);
  });
});
