import { AggregateFeedback } from './aggregate-feedback';
import { ASSUMED_CHANNEL_LATENCY_S, ChannelLatencyTracker } from './channel-latency';
import { DispatchChannel } from './dispatch-channel';
import { DispatchFleet, DispatchSessionInput } from './dispatch-fleet';
import { DEFAULT_RESPONSIVENESS } from './delivery-monitoring.types';
import { ResponsivenessMonitor } from './responsiveness-monitor';
import { ActivationTrackingLog, TrackingErrorAccumulator, cycleTrackingErrorPct } from './tracking-error';

const NOW = 1_774_000_000;
const CONFIG = { mismatchCycles: 3, recoveryCycles: 2, toleranceKw: 0.5, tolerancePct: 10, staleAfterS: 60 };

function input(id: string, channel: DispatchSessionInput['channel']): DispatchSessionInput {
  return { sessionId: id, channel, siteIndex: -1, baselineKw: 7, measuredKw: 7, telemetryAtS: NOW, bandMinKw: 0, bandMaxKw: 11, minChargeKw: 4.14, deliveredKwh: 0, targetKwh: 10, departureS: NOW + 36_000 };
}

function allowance(): Float64Array {
  const a = new Float64Array(3);
  a[DispatchChannel.ocpp] = 8;
  a[DispatchChannel.ocpi] = 40;
  a[DispatchChannel.oem] = 100;
  return a;
}

describe('ResponsivenessMonitor', () => {
  it('marks a session that keeps ignoring its command after the channel latency, and trusts it again once it follows', () => {
    const fleet = new DispatchFleet(4);
    const slot = fleet.upsert(input('a', 'ocpp'));
    const monitor = new ResponsivenessMonitor(4, CONFIG);
    fleet.recordCommand(slot, 4.5, NOW);
    // Within the 8 s allowance: still at the old power is fine.
    for (const t of [2, 4, 6, 8]) expect(monitor.observe(fleet, NOW + t, allowance()).markedNonResponsive).toEqual([]);
    const marks: number[] = [];
    for (const t of [10, 12, 14]) marks.push(...monitor.observe(fleet, NOW + t, allowance()).markedNonResponsive);
    expect(marks).toEqual([slot]);
    expect(fleet.responsive[slot]).toBe(0);
    fleet.measuredKw[slot] = 4.6;
    expect(monitor.observe(fleet, NOW + 16, allowance()).markedResponsive).toEqual([]);
    expect(monitor.observe(fleet, NOW + 18, allowance()).markedResponsive).toEqual([slot]);
  });

  it('gives slow channels their latency: an OCPI session at its old power for 30 s is not marked', () => {
    const fleet = new DispatchFleet(4);
    const slot = fleet.upsert(input('cpo', 'ocpi'));
    const monitor = new ResponsivenessMonitor(4, CONFIG);
    fleet.recordCommand(slot, 4.5, NOW);
    const marked: number[] = [];
    for (let t = 2; t <= 30; t += 2) {
      fleet.telemetryAtS[slot] = NOW + t;
      marked.push(...monitor.observe(fleet, NOW + t, allowance()).markedNonResponsive);
    }
    expect(marked).toEqual([]);
    expect(fleet.responsive[slot]).toBe(1);
  });

  it('does not judge a session on a reading older than its command: a CPO reporting every 15 minutes is not marked between reports', () => {
    const fleet = new DispatchFleet(4);
    const slot = fleet.upsert({ ...input('cpo', 'ocpi'), measuredKw: 11, telemetryAtS: NOW - 30 });
    const monitor = new ResponsivenessMonitor(4, { ...CONFIG, staleAfterS: 900 });
    fleet.recordCommand(slot, 0, NOW);
    const marked: number[] = [];
    // Far past the 40 s OCPI allowance, but the only reading predates the cap.
    for (let t = 4; t <= 600; t += 4) marked.push(...monitor.observe(fleet, NOW + t, allowance()).markedNonResponsive);
    expect(marked).toEqual([]);
    // A reading after the cap that still shows 11 kW is evidence: marked after the mismatch cycles.
    fleet.telemetryAtS[slot] = NOW + 600;
    for (const t of [604, 608, 612]) marked.push(...monitor.observe(fleet, NOW + t, allowance()).markedNonResponsive);
    expect(marked).toEqual([slot]);
  });

  it('judges staleness by each channel\'s reporting cadence: an OCPI reading 20 minutes old is current, an OCPP one 6 minutes old is stale', () => {
    const fleet = new DispatchFleet(4);
    const cpo = fleet.upsert({ ...input('cpo', 'ocpi'), telemetryAtS: NOW - 1200 });
    const station = fleet.upsert({ ...input('station', 'ocpp'), telemetryAtS: NOW - 360 });
    const silent = fleet.upsert({ ...input('silent', 'ocpi'), telemetryAtS: NOW - 360, measured: false });
    const monitor = new ResponsivenessMonitor(4, DEFAULT_RESPONSIVENESS);
    const change = monitor.observe(fleet, NOW, allowance());
    // A session that never reported keeps the 5-minute grace whatever its channel.
    expect(change.markedNonResponsive).toEqual([station, silent]);
    expect(fleet.responsive[cpo]).toBe(1);
    // Two missed 15-minute rounds: stale.
    fleet.telemetryAtS[cpo] = NOW - 1801;
    expect(monitor.observe(fleet, NOW, allowance()).markedNonResponsive).toEqual([cpo]);
  });

  it('a cap is met by a car drawing less than the cap', () => {
    const fleet = new DispatchFleet(4);
    const slot = fleet.upsert({ ...input('cpo', 'ocpi'), drawKw: 3.9, measuredKw: 3.9 });
    const monitor = new ResponsivenessMonitor(4, CONFIG);
    fleet.recordCommand(slot, 11, NOW - 100);
    for (let c = 0; c < 5; c++) monitor.observe(fleet, NOW + c, allowance());
    expect(fleet.responsive[slot]).toBe(1);
  });

  it('marks stale telemetry at once', () => {
    const fleet = new DispatchFleet(4);
    const slot = fleet.upsert(input('a', 'oem'));
    const monitor = new ResponsivenessMonitor(4, CONFIG);
    expect(monitor.observe(fleet, NOW + 61, allowance()).markedNonResponsive).toEqual([slot]);
  });
});

describe('tracking error', () => {
  it('is energy-weighted over the cycles of an activation', () => {
    const acc = new TrackingErrorAccumulator();
    acc.add(-100, -90, 4); // 10 kW short for 4 s
    acc.add(-300, -300, 4);
    acc.add(0, 5, 4); // nothing asked: error energy counts, requested energy does not
    expect(acc.requestedKwh).toBeCloseTo((400 * 4) / 3600, 12);
    expect(acc.errorPct).toBeCloseTo((100 * 15) / 400, 9);
    expect(cycleTrackingErrorPct(-100, -90)).toBeCloseTo(10, 12);
    expect(Number.isNaN(new TrackingErrorAccumulator().errorPct)).toBe(true);
  });

  it('splits the stream into activations', () => {
    const log = new ActivationTrackingLog(1);
    log.record(NOW, 4, -50, -50);
    log.record(NOW + 4, 4, -50, -40);
    log.record(NOW + 8, 4, 0, 0);
    log.record(NOW + 12, 4, 80, 80);
    log.close();
    const activations = log.activations();
    expect(activations.map((a) => [a.startS - NOW, a.endS - NOW])).toEqual([
      [0, 8],
      [12, 16],
    ]);
    expect(activations[0].errorPct).toBeCloseTo(10, 9);
    expect(activations[1].errorPct).toBe(0);
  });
});

describe('ChannelLatencyTracker', () => {
  it('measures command-to-effect time per channel and replaces the assumed allowance once it has samples', () => {
    const fleet = new DispatchFleet(30);
    const slots = Array.from({ length: 25 }, (_, k) => fleet.upsert(input(`s${k}`, 'ocpp')));
    const tracker = new ChannelLatencyTracker(30);
    for (const slot of slots) fleet.recordCommand(slot, 4.5, NOW);
    tracker.observe(fleet, NOW);
    for (const slot of slots) {
      fleet.measuredKw[slot] = 4.5;
      fleet.telemetryAtS[slot] = NOW + 2;
    }
    expect(tracker.observe(fleet, NOW + 2)).toBe(25);
    expect(tracker.estimate('ocpp')?.meanMs).toBeCloseTo(2000, 6);
    const latency = tracker.latencyS();
    expect(latency[DispatchChannel.ocpp]).toBeCloseTo(2, 6);
    expect(latency[DispatchChannel.ocpi]).toBe(ASSUMED_CHANNEL_LATENCY_S.ocpi);
    expect(tracker.allowanceS()[DispatchChannel.ocpp]).toBeCloseTo(2 * 1.5 + 8, 6);
  });
});

describe('AggregateFeedback', () => {
  it('integrates a persistent shortfall into a correction, clamped to its limit', () => {
    const feedback = new AggregateFeedback(0.25, 30);
    expect(feedback.update(-100, -80)).toBeCloseTo(-5, 12);
    expect(feedback.update(-100, -80)).toBeCloseTo(-10, 12);
    for (let c = 0; c < 20; c++) feedback.update(-100, -80);
    expect(feedback.correctionKw).toBe(-30);
    feedback.reset();
    expect(feedback.correctionKw).toBe(0);
  });
});

describe('ChannelLatencyTracker robustness', () => {
  it('does not time commands of non-responsive sessions, nor ones matched after maxLatencyS', () => {
    const fleet = new DispatchFleet(4);
    const a = fleet.upsert(input('a', 'ocpp'));
    const b = fleet.upsert(input('b', 'ocpp'));
    const tracker = new ChannelLatencyTracker(4, 0.5, 300);
    fleet.recordCommand(a, 4.5, NOW);
    fleet.recordCommand(b, 4.5, NOW);
    tracker.observe(fleet, NOW);
    fleet.responsive[a] = 0;
    tracker.observe(fleet, NOW + 400);
    fleet.measuredKw[a] = 4.5;
    fleet.measuredKw[b] = 4.5;
    fleet.telemetryAtS[a] = NOW + 404;
    fleet.telemetryAtS[b] = NOW + 404;
    expect(tracker.observe(fleet, NOW + 404)).toBe(0);
    expect(tracker.estimate('ocpp')).toBeNull();
  });
});
