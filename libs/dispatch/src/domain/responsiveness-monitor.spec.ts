import { ChannelLatencyTracker } from './channel-latency';
import { DispatchChannel } from './dispatch-channel';
import { DispatchFleet, DispatchSessionInput } from './dispatch-fleet';
import { DEFAULT_RESPONSIVENESS } from './delivery-monitoring.types';
import { knownCarDrawKw } from './expected-draw';
import { ResponsivenessMonitor } from './responsiveness-monitor';

const NOW = 1_774_000_000;

/** A session on a 22 kW EVSE, as the loader hands it over (no drawKw: the band maximum). */
function session(id: string, channel: DispatchSessionInput['channel'], over: Partial<DispatchSessionInput> = {}): DispatchSessionInput {
  return {
    sessionId: id, channel, siteIndex: -1, baselineKw: 22, measuredKw: 0, telemetryAtS: NOW, bandMinKw: 0, bandMaxKw: 22,
    minChargeKw: 4.14, deliveredKwh: 5, targetKwh: 40, departureS: NOW + 36_000, ...over,
  };
}

/** The monitor's default allowances (ASSUMED latencies x 1.5 + 8 s). */
function allowance(): Float64Array {
  return new ChannelLatencyTracker(1).allowanceS();
}

/** Runs the monitor every 4 s over [fromS, toS] (offsets from NOW); returns the slots it marked. */
function run(fleet: DispatchFleet, monitor: ResponsivenessMonitor, fromS: number, toS: number, each?: (t: number) => void): number[] {
  const marked: number[] = [];
  for (let t = fromS; t <= toS; t += 4) {
    each?.(t);
    marked.push(...monitor.observe(fleet, NOW + t, allowance()).markedNonResponsive);
  }
  return marked;
}

describe('ResponsivenessMonitor: expected draw is what the car can draw', () => {
  it('keeps a 3.4 kW car on a 22 kW EVSE responsive under a 22 kW cap while it draws 3.4 kW', () => {
    const fleet = new DispatchFleet(4);
    const slot = fleet.upsert(session('small-car', 'ocpi', { measuredKw: 3.4, knownDrawKw: knownCarDrawKw(22, null, 3.4) }));
    const monitor = new ResponsivenessMonitor(4);
    fleet.recordCommand(slot, 22, NOW);
    // Fresh readings after the cap, well past the OCPI allowance: 3.4 kW is all this car draws.
    expect(run(fleet, monitor, 4, 600, (t) => (fleet.telemetryAtS[slot] = NOW + t))).toEqual([]);
    expect(fleet.responsive[slot]).toBe(1);
  });

  it('does not mark a car never seen charging for drawing less than the EVSE maximum', () => {
    const fleet = new DispatchFleet(4);
    const idle = fleet.upsert(session('idle', 'ocpp', { measuredKw: 0, knownDrawKw: knownCarDrawKw(22, null, null) }));
    const first = fleet.upsert(session('first', 'ocpp', { measuredKw: 3.4, knownDrawKw: knownCarDrawKw(22, null, null) }));
    const monitor = new ResponsivenessMonitor(4);
    fleet.recordCommand(idle, 22, NOW);
    fleet.recordCommand(first, 22, NOW);
    expect(run(fleet, monitor, 4, 600, (t) => {
      fleet.telemetryAtS[idle] = NOW + t;
      fleet.telemetryAtS[first] = NOW + t;
    })).toEqual([]);
  });

  it('still marks a car drawing less than it is known to draw, or more than its cap', () => {
    const fleet = new DispatchFleet(4);
    const under = fleet.upsert(session('under', 'ocpp', { measuredKw: 3, knownDrawKw: knownCarDrawKw(22, null, 11) }));
    const over = fleet.upsert(session('over', 'ocpp', { measuredKw: 11, knownDrawKw: knownCarDrawKw(22, null, 11) }));
    const monitor = new ResponsivenessMonitor(4);
    fleet.recordCommand(under, 11, NOW);
    fleet.recordCommand(over, 3.4, NOW);
    const marked = run(fleet, monitor, 4, 120, (t) => {
      fleet.telemetryAtS[under] = NOW + t;
      fleet.telemetryAtS[over] = NOW + t;
    });
    expect(marked.sort()).toEqual([under, over].sort());
  });

  it('lets a car known only from below draw more than seen so far, up to its cap', () => {
    const fleet = new DispatchFleet(4);
    const slot = fleet.upsert(session('grows', 'ocpp', { measuredKw: 11, knownDrawKw: knownCarDrawKw(22, null, 3.4) }));
    const monitor = new ResponsivenessMonitor(4);
    fleet.recordCommand(slot, 11, NOW);
    expect(run(fleet, monitor, 4, 120, (t) => (fleet.telemetryAtS[slot] = NOW + t))).toEqual([]);
  });

  it('times the command-to-effect latency of a 3.4 kW car told 22 kW once it draws 3.4 kW', () => {
    const fleet = new DispatchFleet(4);
    const slot = fleet.upsert(session('small-car', 'ocpi', { measuredKw: 0, knownDrawKw: knownCarDrawKw(22, null, 3.4) }));
    const tracker = new ChannelLatencyTracker(4);
    fleet.recordCommand(slot, 22, NOW);
    expect(tracker.observe(fleet, NOW)).toBe(0);
    fleet.measuredKw[slot] = 3.4;
    fleet.telemetryAtS[slot] = NOW + 45;
    expect(tracker.observe(fleet, NOW + 48)).toBe(1);
    expect(tracker.estimate('ocpi')?.sampleCount).toBe(1);
  });
});

describe('ResponsivenessMonitor: silence on a report-on-change channel', () => {
  it('keeps an OCPI session told 0 kW responsive while its CPO stays silent for 2 hours', () => {
    const fleet = new DispatchFleet(4);
    const slot = fleet.upsert(session('capped', 'ocpi', { measuredKw: 0, telemetryAtS: NOW + 60, knownDrawKw: knownCarDrawKw(22, null, 7.4) }));
    const monitor = new ResponsivenessMonitor(4, DEFAULT_RESPONSIVENESS);
    fleet.recordCommand(slot, 0, NOW);
    expect(run(fleet, monitor, 4, 7200)).toEqual([]);
    expect(fleet.responsive[slot]).toBe(1);
  });

  it('keeps a full OCPI session (energy at its ceiling) responsive while silent', () => {
    const fleet = new DispatchFleet(4);
    const slot = fleet.upsert(session('full', 'ocpi', { measuredKw: 0, telemetryAtS: NOW, deliveredKwh: 40, targetKwh: 40 }));
    const monitor = new ResponsivenessMonitor(4, DEFAULT_RESPONSIVENESS);
    fleet.recordCommand(slot, 4.14, NOW);
    expect(run(fleet, monitor, 4, 7200)).toEqual([]);
  });

  it('still marks an OCPI session told 11 kW stale once silent past 1,800 s', () => {
    const fleet = new DispatchFleet(4);
    const slot = fleet.upsert(session('told', 'ocpi', { measuredKw: 11, telemetryAtS: NOW, knownDrawKw: knownCarDrawKw(22, null, 11) }));
    const monitor = new ResponsivenessMonitor(4, DEFAULT_RESPONSIVENESS);
    fleet.recordCommand(slot, 11, NOW - 10);
    expect(run(fleet, monitor, 4, 1800)).toEqual([]);
    expect(monitor.observe(fleet, NOW + 1804, allowance()).markedNonResponsive).toEqual([slot]);
  });

  it('still marks silence stale where it is a fault: OCPP or OEM told 0 kW, or an OCPI session that never reported', () => {
    const fleet = new DispatchFleet(4);
    const station = fleet.upsert(session('station', 'ocpp', { telemetryAtS: NOW }));
    const car = fleet.upsert(session('car', 'oem', { telemetryAtS: NOW }));
    const never = fleet.upsert(session('never', 'ocpi', { telemetryAtS: NOW, measured: false }));
    const monitor = new ResponsivenessMonitor(4, DEFAULT_RESPONSIVENESS);
    for (const slot of [station, car, never]) fleet.recordCommand(slot, 0, NOW);
    const marked = run(fleet, monitor, 4, 1000);
    expect(marked.sort()).toEqual([station, car, never].sort());
    expect(fleet.channel[never]).toBe(DispatchChannel.ocpi);
  });
});

describe('knownCarDrawKw', () => {
  it('is the stated maximum, else the most drawn so far, never above the band; 0 when unknown', () => {
    expect(knownCarDrawKw(22, 7.4, 3.4)).toBe(7.4);
    expect(knownCarDrawKw(22, null, 3.4)).toBe(3.4);
    expect(knownCarDrawKw(11, null, 16)).toBe(11);
    expect(knownCarDrawKw(22, null, null)).toBe(0);
  });
});
