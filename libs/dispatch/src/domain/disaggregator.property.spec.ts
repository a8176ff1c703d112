import { randomFleet } from './__fixtures__/random-fleet';
import { SeededRandom } from './__fixtures__/seeded-random';
import { DispatchChannel } from './dispatch-channel';
import { DispatchFleet } from './dispatch-fleet';
import { DispatchSites } from './dispatch-sites';
import { DisaggregationConfig, DisaggregationResult } from './disaggregation.types';
import { Disaggregator } from './disaggregator';
import { latestTrajectoryKwh } from './laxity';

const EPS = 1e-6;
const HEADROOM_SLACK_KW = 1e-3;
const FLEETS = 300;
const CYCLES = 6;
const CONFIG: DisaggregationConfig = { cycleS: 4, deadbandKw: 0.5, deadbandPct: 5, laxityReserveS: 0 };

/** Node loads recomputed independently of the disaggregator (non-responsive sessions at their measured power). */
function nodeLoads(fleet: DispatchFleet, sites: DispatchSites, setpoint: Float64Array): Float64Array {
  const load = new Float64Array(sites.count);
  for (let i = 0; i < fleet.slotCount; i++) {
    if (fleet.active[i] === 0) continue;
    const p = fleet.responsive[i] === 1 ? setpoint[i] : fleet.measuredKw[i];
    for (let j = fleet.siteIndex[i]; j >= 0; j = sites.parent[j]) load[j] += p;
  }
  return load;
}

/** Whether the site chain above the slot has too little headroom left for the session to charge more (at least its minimum power). */
function ancestorsSaturated(fleet: DispatchFleet, sites: DispatchSites, load: Float64Array, slot: number, setpoint: number): boolean {
  const step = setpoint > 0 ? HEADROOM_SLACK_KW : Math.max(HEADROOM_SLACK_KW, fleet.minChargeKw[slot]);
  for (let j = fleet.siteIndex[slot]; j >= 0; j = sites.parent[j]) {
    if (load[j] > sites.effectiveImportLimitKw(j) - step) return true;
  }
  return false;
}

function responsiveLoad(fleet: DispatchFleet, sites: DispatchSites, setpoint: Float64Array, node: number): number {
  let sum = 0;
  for (let i = 0; i < fleet.slotCount; i++) {
    if (fleet.active[i] === 0 || fleet.responsive[i] === 0) continue;
    for (let j = fleet.siteIndex[i]; j >= 0; j = sites.parent[j]) if (j === node) sum += setpoint[i];
  }
  return sum;
}

/** Every violated rule of one cycle, as readable strings (empty = all good). */
function violations(dis: Disaggregator, fleet: DispatchFleet, sites: DispatchSites, result: DisaggregationResult, nowS: number, commandsBefore: Float64Array): string[] {
  const out: string[] = [];
  const p = result.setpointKw;
  const load = nodeLoads(fleet, sites, p);
  const hours = CONFIG.cycleS / 3600;
  const changed = new Set(Array.from(result.changed.subarray(0, result.changedCount)));
  for (let i = 0; i < fleet.slotCount; i++) {
    if (fleet.active[i] === 0) continue;
    const id = fleet.sessionIds[i];
    if (fleet.responsive[i] === 0) {
      if (changed.has(i)) out.push(`${id}: non-responsive session got a new command`);
      continue;
    }
    const s = p[i];
    const channel = fleet.channel[i];
    const minKw = fleet.minChargeKw[i];
    let hi = Math.min(fleet.bandMaxKw[i], channel === DispatchChannel.ocpi ? fleet.drawKw[i] : Number.POSITIVE_INFINITY, (fleet.ceilingKwh[i] - fleet.deliveredKwh[i]) / hours);
    if (channel !== DispatchChannel.ocpp) hi = Math.max(hi, 0);
    if (hi > 0 && hi < minKw) hi = 0;
    if (s > fleet.bandMaxKw[i] + EPS) out.push(`${id}: ${s} above band max ${fleet.bandMaxKw[i]}`);
    if (s < fleet.bandMinKw[i] - EPS) out.push(`${id}: ${s} below band min ${fleet.bandMinKw[i]}`);
    if (s > hi + EPS && hi >= 0) out.push(`${id}: ${s} above channel/energy ceiling ${hi}`);
    if (channel !== DispatchChannel.ocpp && s < -EPS) out.push(`${id}: discharge on channel ${channel}`);
    if (channel === DispatchChannel.ocpi && s > fleet.drawKw[i] + EPS) out.push(`${id}: OCPI cap ${s} above the car's draw ${fleet.drawKw[i]}`);
    if (s !== 0 && Math.abs(s) < minKw - EPS) out.push(`${id}: ${s} inside the minimum-power hole (${minKw})`);
    const latest = latestTrajectoryKwh(nowS + CONFIG.cycleS, fleet.departureS[i], fleet.targetKwh[i], fleet.floorKwh[i], fleet.maxKw[i]);
    const mustKw = (latest - fleet.deliveredKwh[i]) / hours;
    const needKw = hi < minKw ? Math.min(0, mustKw) : Math.min(mustKw, hi);
    if (s < needKw - 1e-3 && !ancestorsSaturated(fleet, sites, load, i, s)) out.push(`${id}: ${s} below its need power ${needKw} with site headroom left ${JSON.stringify({ range: dis.range(i), lax: fleet.laxityS[i], site: fleet.siteIndex[i], load: Array.from(load), limits: Array.from(sites.importLimitKw), cap: Array.from(sites.congestionCapKw), parent: Array.from(sites.parent), ch: fleet.channel[i], draw: fleet.drawKw[i], bandMax: fleet.bandMaxKw[i], min: minKw, boost: fleet.boost[i], part: fleet.participates[i] })}`);
    if (fleet.boost[i] === 1 && s < hi - 1e-3 && !ancestorsSaturated(fleet, sites, load, i, s)) out.push(`${id}: boost at ${s}, not at its maximum ${hi} ${JSON.stringify({ range: dis.range(i), site: fleet.siteIndex[i], load: Array.from(load), limits: Array.from(sites.importLimitKw), cap: Array.from(sites.congestionCapKw), parent: Array.from(sites.parent), ch: fleet.channel[i], min: minKw, cmd: commandsBefore[i] })}`);
    if (fleet.commandKw[i] !== s) out.push(`${id}: fleet command ${fleet.commandKw[i]} differs from setpoint ${s}`);
    const wasChanged = !(Math.abs(commandsBefore[i] - s) <= 1e-9);
    if (wasChanged !== changed.has(i)) out.push(`${id}: changed list wrong (was ${commandsBefore[i]}, now ${s})`);
  }
  for (let j = 0; j < sites.count; j++) {
    if (load[j] > sites.effectiveImportLimitKw(j) + 1e-3) {
      // Allowed only when nothing controllable is left to shed under this node.
      for (let i = 0; i < fleet.slotCount; i++) {
        let under = false;
        for (let a = fleet.siteIndex[i]; a >= 0; a = sites.parent[a]) if (a === j) under = true;
        if (under && fleet.active[i] === 1 && fleet.responsive[i] === 1 && p[i] > EPS) out.push(`site ${sites.siteIds[j]}: load ${load[j]} above ${sites.effectiveImportLimitKw(j)}`);
      }
    }
    // Discharge of sessions that ignore us is not ours to fix; what responsive sessions add is.
    if (load[j] < -sites.exportLimitKw[j] - 1e-3 && responsiveLoad(fleet, sites, p, j) < -1e-3) out.push(`site ${sites.siteIds[j]}: export ${-load[j]} above ${sites.exportLimitKw[j]}`);
  }
  return out;
}

describe('Disaggregator properties over random fleets', () => {
  it('never breaks a band, energy bound, channel ability, minimum power, boost or site limit', () => {
    const rng = new SeededRandom(20260326);
    let checkedCycles = 0;
    for (let k = 0; k < FLEETS; k++) {
      let nowS = 1_774_000_000 + rng.int(0, 86_400);
      const { fleet, sites } = randomFleet(rng, rng.int(1, 60), nowS);
      if (rng.chance(0.3) && sites.count > 0) sites.setCongestionCap(rng.int(0, sites.count), rng.between(0, 20));
      const disaggregator = new Disaggregator(fleet, sites, CONFIG);
      let baseline = 0;
      for (let i = 0; i < fleet.slotCount; i++) baseline += fleet.baselineKw[i];
      for (let c = 0; c < CYCLES; c++) {
        const target = baseline + rng.between(-1, 1) * rng.pick([0.3, 5, 50, 500]);
        const before = Float64Array.from(fleet.commandKw);
        const result = disaggregator.run(target, nowS);
        const problems = violations(disaggregator, fleet, sites, result, nowS, before);
        expect({ fleet: k, cycle: c, problems }).toEqual({ fleet: k, cycle: c, problems: [] });
        // Sessions follow their commands; time moves on one cycle.
        for (let i = 0; i < fleet.slotCount; i++) {
          if (fleet.active[i] === 0 || fleet.responsive[i] === 0) continue;
          fleet.measuredKw[i] = result.setpointKw[i];
          fleet.deliveredKwh[i] += (result.setpointKw[i] * CONFIG.cycleS) / 3600;
        }
        nowS += CONFIG.cycleS;
        checkedCycles++;
      }
    }
    expect(checkedCycles).toBe(FLEETS * CYCLES);
  });

  it('meets any reachable target exactly when no deadband or site limit binds', () => {
    const rng = new SeededRandom(7);
    for (let k = 0; k < 200; k++) {
      const nowS = 1_774_000_000;
      const { fleet } = randomFleet(rng, rng.int(1, 40), nowS);
      const sites = DispatchSites.none();
      for (let i = 0; i < fleet.slotCount; i++) {
        fleet.siteIndex[i] = -1;
        fleet.participates[i] = 1;
      }
      const disaggregator = new Disaggregator(fleet, sites, { ...CONFIG, deadbandKw: 0, deadbandPct: 0 });
      // First cycle learns each session's feasible range; then ask for a point inside the fleet's reach.
      disaggregator.run(0, nowS);
      let low = 0;
      let high = 0;
      for (let i = 0; i < fleet.slotCount; i++) {
        if (fleet.responsive[i] === 0) {
          low += fleet.measuredKw[i];
          high += fleet.measuredKw[i];
          continue;
        }
        const { loKw, hiKw } = disaggregator.range(i);
        low += loKw;
        high += hiKw;
      }
      // The minimum-power rule makes the reachable set a union of intervals: aim at the ends, which are reachable.
      for (const target of [low, high]) {
        const result = disaggregator.run(target, nowS);
        expect(result.plannedKw).toBeCloseTo(target, 6);
        expect(result.shortfallKw).toBe(0);
      }
    }
  });
});
