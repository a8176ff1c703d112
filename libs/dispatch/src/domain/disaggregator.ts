import { DispatchChannel } from './dispatch-channel';
import { DispatchFleet } from './dispatch-fleet';
import { DispatchSites } from './dispatch-sites';
import { DEFAULT_DISAGGREGATION, DisaggregationConfig, DisaggregationResult } from './disaggregation.types';
import { latestTrajectoryKwh, laxitySeconds } from './laxity';
import { LaxityOrder, LaxityOrderStats } from './laxity-order';

const EPS_KW = 1e-6;
const EPS_KWH = 1e-6;
const MAX_REPAIR_ROUNDS = 4;

/**
 * Portfolio target -> per-session setpoints, once per control cycle, on the fleet's typed arrays.
 *
 * Priority (fairness rule): up-regulation (less consumption) is taken first from the sessions with the
 * most laxity; down-regulation (more consumption) goes first to the sessions with the least laxity,
 * which need the energy. Boosts are fixed at their maximum and never used for activations.
 *
 * The cycle starts from each session's previous command (or its new baseline when the plan changed),
 * so only as many sessions move as the change of target needs; moves smaller than the deadband are
 * suppressed unless the session's deviation from baseline changes sign or a constraint forces the move
 * (hysteresis: noise on the target does not make commands flap).
 *
 * Per session and cycle the feasible range [lo, hi] is: the channel's abilities (OCPI: a cap in
 * [0, what the car draws]; OEM: 0..limit; OCPP 2.1: the band incl. discharge), the ISP band, the energy
 * bounds over the cycle (not above the ceiling, not below the latest trajectory, so sessions without
 * laxity charge at their need power) and the minimum charging power (0 or at least the minimum).
 * Nested site limits are enforced with per-node load arrays; when limits (e.g. a congestion cap)
 * make needs or boosts impossible, physics wins and the gap is reported as unmetNeedKw.
 *
 * run() records the commands it hands out in the fleet (commandKw / commandAtS).
 * Cost per cycle: O(N x site depth) plus the incremental laxity order.
 */
export class Disaggregator {
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly needKw: Float64Array;
  private readonly setpoint: Float64Array;
  private readonly startKw: Float64Array;
  private readonly refBaselineKw: Float64Array;
  private readonly changed: Int32Array;
  private readonly siteLoad: Float64Array;
  private readonly siteImportLimit: Float64Array;
  /** 1 = a need or boost under this node could not get the headroom it needs this cycle. */
  private readonly siteBlocked: Uint8Array;
  private anyBlocked = false;
  private readonly belowFloor: Int32Array;
  /** 1 = the slot may be moved to follow the target this cycle (responsive, not boosted, taking part). */
  private readonly movable: Uint8Array;
  private readonly lowered: Int32Array;
  /** Per slot, the full-band command a non-responsive session is released to this cycle (NaN: none). */
  private readonly release: Float64Array;
  private readonly laxityOrder: LaxityOrder;

  constructor(
    private readonly fleet: DispatchFleet,
    private readonly sites: DispatchSites,
    private readonly config: DisaggregationConfig = DEFAULT_DISAGGREGATION,
    laxityBucketS = 60,
  ) {
    const n = fleet.capacity;
    this.lo = new Float64Array(n);
    this.hi = new Float64Array(n);
    this.needKw = new Float64Array(n);
    this.setpoint = new Float64Array(n);
    this.startKw = new Float64Array(n);
    this.refBaselineKw = new Float64Array(n).fill(Number.NaN);
    this.changed = new Int32Array(n);
    this.siteLoad = new Float64Array(sites.count);
    this.siteImportLimit = new Float64Array(sites.count);
    this.siteBlocked = new Uint8Array(sites.count);
    this.belowFloor = new Int32Array(n);
    this.movable = new Uint8Array(n);
    this.lowered = new Int32Array(n);
    this.release = new Float64Array(n).fill(Number.NaN);
    this.laxityOrder = new LaxityOrder(n, laxityBucketS);
  }

  get orderStats(): LaxityOrderStats {
    return this.laxityOrder.stats;
  }

  /** Slots in priority order (least laxity first) as of the last run; valid until the next run. */
  priorityOrder(): Int32Array {
    return this.laxityOrder.order.subarray(0, this.laxityOrder.length);
  }

  /** The feasible range of a slot computed in the last run (for tests and diagnostics). */
  range(slot: number): { readonly loKw: number; readonly hiKw: number; readonly needKw: number } {
    return { loKw: this.lo[slot], hiKw: this.hi[slot], needKw: this.needKw[slot] };
  }

  /**
   * @param horizonS time (s) until the next cycle can change the commands; the energy bounds are
   * checked over it (default: the configured cycle). A driver that ticks less often than the cycle
   * (a late loop, a simulated day at 5-minute steps) passes its real interval, else a session due to
   * charge at full power would sit at its last setpoint for the whole interval.
   */
  run(targetKw: number, nowS: number, horizonS: number = this.config.cycleS): DisaggregationResult {
    const f = this.fleet;
    this.prepare(nowS, horizonS > this.config.cycleS ? horizonS : this.config.cycleS);
    const resorted = this.laxityOrder.update(f.laxityS, f.active, f.slotCount);
    // Fast path: every session at its start, no limit broken and every floor fits; then needs taking
    // headroom first would change nothing. Otherwise needs go first and starts are put back after:
    // everywhere when a limit is broken (e.g. a new congestion cap), else only under the nodes where
    // a need was blocked.
    if (this.siteLimitBroken()) {
      this.lowerToFloors();
      this.loadSites();
      this.repairSiteOverloads();
      this.raiseToFloors();
      this.restoreStarts(this.laxityOrder.order, this.laxityOrder.length);
    } else if (this.raiseToFloors()) {
      const lowered = this.lowerUnderBlockedNodes();
      this.raiseToFloors();
      this.restoreStarts(this.lowered, lowered);
    }
    this.holdWithinDeadband();
    const shortfallKw = this.follow(targetKw, nowS);
    return this.emit(targetKw, shortfallKw, nowS, resorted);
  }

  /**
   * One pass over the fleet (the columns are read once per cycle, which matters more than the
   * arithmetic at 100,000 sessions): laxity, the feasible range [lo, hi], the hysteresis start, and
   * the node loads.
   *
   * Range: the channel's abilities, the ISP band, the energy bounds over the cycle (not above the
   * ceiling, not below the latest trajectory, met `departureMarginS` early), boosts fixed at hi, and
   * the minimum charging power (0 or at least the minimum, for charging and discharging alike).
   * Start: the previous command, unless the plan for the session moved by more than the deadband
   * (then its new baseline); above hi it is cut to hi, below lo it is raised later in priority order
   * within site headroom.
   */
  private prepare(nowS: number, horizonS: number): void {
    const f = this.fleet;
    const n = f.slotCount;
    const { active, responsive, channel, bandMinKw, bandMaxKw, drawKw, ceilingKwh, deliveredKwh, departureS, targetKwh, floorKwh, maxKw, boost, minChargeKw } = f;
    const { baselineKw, commandKw, participates, measuredKw, laxityS, siteIndex } = f;
    const { lo: loOut, hi: hiOut, needKw, startKw, setpoint, refBaselineKw, siteLoad, movable } = this;
    const parent = this.sites.parent;
    const cycleS = this.config.cycleS;
    const deadbandKw = this.config.deadbandKw;
    const margins = this.config.departureMarginS;
    const marginOf = [margins?.[0] ?? 0, margins?.[1] ?? 0, margins?.[2] ?? 0];
    siteLoad.fill(0);
    for (let j = 0; j < this.sites.count; j++) this.siteImportLimit[j] = this.sites.effectiveImportLimitKw(j);
    for (let i = 0; i < n; i++) {
      if (active[i] === 0) continue;
      const delivered = deliveredKwh[i];
      const departure = departureS[i];
      const target = targetKwh[i];
      const max = maxKw[i];
      // Energy bounds over the horizon, but no further than the car stays: spread over a horizon
      // (or a cycle) that outlasts it, the room left and the need would ask for less power than it
      // must draw (a car 5 Wh short that leaves in 3 s needs 6 kW, not the 4.5 kW of a 4-s cycle).
      // A car already due to leave keeps a cycle's span (it asks its whole need at once).
      const leftS = departure - nowS;
      const spanS = leftS >= horizonS ? horizonS : leftS > 0 ? leftS : cycleS;
      const hours = spanS / 3600;
      laxityS[i] = laxitySeconds(nowS, departure, delivered, target, max);
      // The need must be in by departure less the channel's latency: over that time when it is shorter.
      const ch = channel[i];
      const dueS = leftS - marginOf[ch];
      const mustHours = dueS > 0 && dueS < spanS ? dueS / 3600 : hours;
      const mustEndS = nowS + mustHours * 3600;
      let s: number;
      if (responsive[i] === 0) {
        s = measuredKw[i];
        movable[i] = 0;
        // Not used to follow the target, but its need still binds: a session we cannot observe that
        // was last told less than its need requires by the next cycle is released to its full band
        // (fail-safe), else a cap set before it fell silent would hold it short until it leaves.
        // No deadband here: the release is sent once (then told is the full band), and a need that
        // only starts to bind within the horizon must be released now, not a cycle later (a 0.5 kW
        // deadband on a 3.5 kW car waits until ~15 % of the horizon is already needed at full power).
        const told = commandKw[i];
        const mustKw = (latestTrajectoryKwh(mustEndS, departure - marginOf[ch], target, floorKwh[i], max) - delivered) / mustHours;
        this.release[i] = !Number.isNaN(told) && told < bandMaxKw[i] && mustKw > told + EPS_KW ? bandMaxKw[i] : Number.NaN;
      } else {
        let lo = ch === DispatchChannel.ocpp ? bandMinKw[i] : Math.max(0, bandMinKw[i]);
        let hi = bandMaxKw[i];
        if (ch === DispatchChannel.ocpi && drawKw[i] < hi) hi = drawKw[i];
        // Room left below the ceiling, spread over the horizon; while there is any, the minimum
        // charging power stays allowed (the car stops by itself once full), else a long horizon
        // would cap a nearly full car at 0 kW for good.
        const roomKwh = ceilingKwh[i] - delivered;
        const ceilingKw = roomKwh > EPS_KWH && roomKwh / hours < minChargeKw[i] ? minChargeKw[i] : roomKwh / hours;
        if (ceilingKw < hi) hi = ceilingKw;
        if (ch !== DispatchChannel.ocpp && hi < 0) hi = 0;
        const mustKw = (latestTrajectoryKwh(mustEndS, departure - marginOf[ch], target, floorKwh[i], max) - delivered) / mustHours;
        if (mustKw > lo) lo = mustKw;
        const boosted = boost[i] === 1;
        movable[i] = boosted || participates[i] === 0 ? 0 : 1;
        if (boosted) lo = hi;
        const minKw = minChargeKw[i];
        if (hi > 0 && hi < minKw) hi = 0;
        else if (hi < 0 && hi > -minKw) hi = -minKw;
        if (lo > 0 && lo < minKw) lo = minKw;
        else if (lo < 0 && lo > -minKw) lo = 0;
        if (lo > hi) lo = hi;
        loOut[i] = lo;
        hiOut[i] = hi;
        needKw[i] = lo > 0 ? lo : 0;

        const baseline = baselineKw[i];
        let ref = commandKw[i];
        if (Number.isNaN(ref) || participates[i] === 0 || !(Math.abs(baseline - refBaselineKw[i]) <= deadbandKw)) {
          ref = baseline;
          refBaselineKw[i] = baseline;
        }
        s = ref > hi ? hi : ref;
        if (boosted) s = hi;
        if (s > 0 && s < minKw) s = lo > 0 ? lo : 0;
        else if (s < 0 && s > -minKw) s = 0;
        if (s < lo && s < 0) s = Math.min(lo, 0);
        startKw[i] = s;
      }
      setpoint[i] = s;
      for (let j = siteIndex[i]; j >= 0; j = parent[j]) siteLoad[j] += s;
    }
  }

  /** Needs get the site headroom first: charging above the floor is put back afterwards (restoreStarts). */
  private lowerToFloors(): void {
    const f = this.fleet;
    for (let i = 0; i < f.slotCount; i++) {
      if (f.active[i] === 0 || f.responsive[i] === 0) continue;
      const s = this.startKw[i];
      this.setpoint[i] = s > 0 ? Math.min(s, Math.max(this.lo[i], 0)) : s;
    }
  }

  private siteLimitBroken(): boolean {
    for (let j = 0; j < this.sites.count; j++) {
      if (this.siteLoad[j] > this.siteImportLimit[j] + EPS_KW || this.siteLoad[j] < -this.sites.exportLimitKw[j] - EPS_KW) return true;
    }
    return false;
  }

  /**
   * Under the nodes where a need was blocked, sessions give way: charging above their floor goes down
   * to the floor (restored afterwards as far as headroom allows). Returns how many were lowered; they
   * are listed in `lowered`, least laxity first.
   */
  private lowerUnderBlockedNodes(): number {
    const f = this.fleet;
    let count = 0;
    for (let i = 0; i < f.slotCount; i++) {
      if (f.active[i] === 0 || f.responsive[i] === 0) continue;
      const s = this.setpoint[i];
      const floor = Math.max(this.lo[i], 0);
      if (s <= floor || !this.underBlockedNode(i)) continue;
      this.move(i, floor);
      this.lowered[count++] = i;
    }
    this.sortByLaxity(this.lowered, count);
    return count;
  }

  /** Sorts slots in place: boosts first, then least laxity first (small lists only: a comparator sort). */
  private sortByLaxity(slots: Int32Array, count: number): void {
    const boost = this.fleet.boost;
    const laxity = this.fleet.laxityS;
    slots.subarray(0, count).sort((a, b) => boost[b] - boost[a] || laxity[a] - laxity[b]);
  }

  /** Puts charging above the floors back to where each listed session started, in list order, within site headroom. */
  private restoreStarts(slots: Int32Array, count: number): void {
    const f = this.fleet;
    for (let r = 0; r < count; r++) {
      const i = slots[r];
      if (f.responsive[i] === 0) continue;
      const s = this.setpoint[i];
      const start = this.startKw[i];
      if (start <= s) continue;
      const reach = Math.min(start, s + this.headroomUpKw(i));
      const to = snapToValid(reach, s, reach, f.minChargeKw[i], s, 'lower');
      if (to > s) this.move(i, to);
    }
  }

  private loadSites(): void {
    const f = this.fleet;
    const sites = this.sites;
    const load = this.siteLoad;
    load.fill(0);
    for (let j = 0; j < sites.count; j++) this.siteImportLimit[j] = sites.effectiveImportLimitKw(j);
    for (let i = 0; i < f.slotCount; i++) {
      if (f.active[i] === 0) continue;
      const p = this.setpoint[i];
      for (let j = f.siteIndex[i]; j >= 0; j = sites.parent[j]) load[j] += p;
    }
  }

  private headroomUpKw(slot: number): number {
    let room = Number.POSITIVE_INFINITY;
    const parent = this.sites.parent;
    for (let j = this.fleet.siteIndex[slot]; j >= 0; j = parent[j]) {
      const r = this.siteImportLimit[j] - this.siteLoad[j];
      if (r < room) room = r;
    }
    return room < 0 ? 0 : room;
  }

  private headroomDownKw(slot: number): number {
    let room = Number.POSITIVE_INFINITY;
    const parent = this.sites.parent;
    for (let j = this.fleet.siteIndex[slot]; j >= 0; j = parent[j]) {
      const r = this.siteLoad[j] + this.sites.exportLimitKw[j];
      if (r < room) room = r;
    }
    return room < 0 ? 0 : room;
  }

  private move(slot: number, toKw: number): void {
    const delta = toKw - this.setpoint[slot];
    if (delta === 0) return;
    this.setpoint[slot] = toKw;
    const parent = this.sites.parent;
    for (let j = this.fleet.siteIndex[slot]; j >= 0; j = parent[j]) this.siteLoad[j] += delta;
  }

  /** Import overload of the slot's most loaded ancestor (kW above its limit), 0 when none. */
  private overloadKw(slot: number): number {
    let worst = 0;
    const parent = this.sites.parent;
    for (let j = this.fleet.siteIndex[slot]; j >= 0; j = parent[j]) {
      const over = this.siteLoad[j] - this.siteImportLimit[j];
      if (over > worst) worst = over;
    }
    return worst;
  }

  /**
   * A site over its (possibly just lowered) limit sheds load, most laxity first, first down to the
   * sessions' floors and then, if that is not enough, below them (physics wins; reported as unmet need).
   */
  private repairSiteOverloads(): void {
    for (let round = 0; round < MAX_REPAIR_ROUNDS; round++) {
      let overExported = false;
      let overloaded = false;
      for (let j = 0; j < this.sites.count; j++) {
        if (this.siteLoad[j] < -this.sites.exportLimitKw[j] - EPS_KW) overExported = true;
        if (this.siteLoad[j] > this.siteImportLimit[j] + EPS_KW) overloaded = true;
      }
      if (!overExported && !overloaded) return;
      if (overExported) this.repairExport();
      if (overloaded) this.repairImport();
    }
  }

  /**
   * Pass 0 sheds load down to the sessions' floors, pass 1 stops charging altogether (the fuse wins
   * over the need), both without breaking an export limit below; pass 2 stops charging regardless (an
   * export limit this breaks is repaired by cutting discharge in the next round).
   */
  private repairImport(): void {
    const f = this.fleet;
    const order = this.laxityOrder.order;
    for (let pass = 0; pass < 3; pass++) {
      for (let r = this.laxityOrder.length - 1; r >= 0; r--) {
        const i = order[r];
        if (f.responsive[i] === 0) continue;
        if (pass === 0 && f.boost[i] === 1) continue;
        const over = this.overloadKw(i);
        if (over <= EPS_KW) continue;
        const s = this.setpoint[i];
        const floor = pass === 0 ? Math.max(this.lo[i], 0) : 0;
        if (s <= floor) continue;
        const lowest = pass < 2 ? Math.max(floor, s - this.headroomDownKw(i)) : floor;
        // Overshooting the min-power hole downwards (to 0) is fine for the fuse; undershooting is not.
        const to = snapToValid(Math.max(lowest, s - over), lowest, s, f.minChargeKw[i], s, 'lower');
        if (to < s) this.move(i, to);
      }
    }
  }

  /** Discharge beyond a node's export limit is cut back towards 0, least laxity first (they gain energy too). */
  private repairExport(): void {
    const f = this.fleet;
    const order = this.laxityOrder.order;
    const parent = this.sites.parent;
    for (let r = 0; r < this.laxityOrder.length; r++) {
      const i = order[r];
      const s = this.setpoint[i];
      if (f.responsive[i] === 0 || s >= 0) continue;
      let deficit = 0;
      for (let j = f.siteIndex[i]; j >= 0; j = parent[j]) {
        const d = -this.sites.exportLimitKw[j] - this.siteLoad[j];
        if (d > deficit) deficit = d;
      }
      if (deficit <= EPS_KW) continue;
      const want = Math.min(0, s + deficit);
      this.move(i, want > -f.minChargeKw[i] ? 0 : want);
    }
  }

  /**
   * Sessions below their need power (laxity gone) or boosted are raised first, least laxity first,
   * within site headroom. Nodes where a floor stays out of reach are marked blocked; returns whether any is.
   */
  private raiseToFloors(): boolean {
    if (this.anyBlocked) this.siteBlocked.fill(0);
    this.anyBlocked = false;
    const f = this.fleet;
    // Few sessions are below their floor in a cycle: list them and sort the list, rather than walk
    // the whole priority order.
    const { active, responsive } = f;
    const { setpoint, lo: floor, belowFloor } = this;
    let count = 0;
    for (let i = 0; i < f.slotCount; i++) {
      if (active[i] === 1 && responsive[i] === 1 && setpoint[i] < floor[i]) belowFloor[count++] = i;
    }
    if (count === 0) return false;
    this.sortByLaxity(belowFloor, count);
    for (let r = 0; r < count; r++) {
      const i = belowFloor[r];
      const s = this.setpoint[i];
      const lo = this.lo[i];
      // A deadband above the floor: a need power that creeps up (laxity gone) then does not ask for a
      // new command every cycle.
      const reach = Math.min(s + this.headroomUpKw(i), this.hi[i], lo + this.config.deadbandKw);
      const to = snapToValid(reach, s, reach, f.minChargeKw[i], s, 'nearest');
      if (to > s) this.move(i, to);
      if (to < lo - EPS_KW) {
        this.markBlocked(i, Math.max(lo - to, f.minChargeKw[i]));
        this.anyBlocked = true;
      }
    }
    return this.anyBlocked;
  }

  /** Marks the nodes above the slot that lack the given headroom. */
  private markBlocked(slot: number, lackingKw: number): void {
    const parent = this.sites.parent;
    for (let j = this.fleet.siteIndex[slot]; j >= 0; j = parent[j]) {
      if (this.siteImportLimit[j] - this.siteLoad[j] < lackingKw) this.siteBlocked[j] = 1;
    }
  }

  private underBlockedNode(slot: number): boolean {
    const parent = this.sites.parent;
    for (let j = this.fleet.siteIndex[slot]; j >= 0; j = parent[j]) if (this.siteBlocked[j] === 1) return true;
    return false;
  }

  private deadbandKw(slot: number): number {
    const previous = this.fleet.commandKw[slot];
    if (Number.isNaN(previous)) return 0;
    return Math.max(this.config.deadbandKw, (this.config.deadbandPct / 100) * Math.abs(previous));
  }

  /**
   * Hysteresis for moves the rules forced (plan changes, floors, restores under blocked nodes): a
   * session whose new value is within the deadband of its previous command keeps that command when
   * it is still allowed (range, minimum power, site headroom, same side of its baseline).
   */
  private holdWithinDeadband(): void {
    const f = this.fleet;
    const { active, responsive, commandKw, baselineKw, minChargeKw } = f;
    const { setpoint, lo, hi } = this;
    for (let i = 0; i < f.slotCount; i++) {
      if (active[i] === 0 || responsive[i] === 0) continue;
      const c = commandKw[i];
      const s = setpoint[i];
      if (s === c || Number.isNaN(c)) continue;
      if (Math.abs(s - c) > Math.max(this.config.deadbandKw, (this.config.deadbandPct / 100) * Math.abs(c))) continue;
      if (c < lo[i] - EPS_KW || c > hi[i] + EPS_KW || (c !== 0 && Math.abs(c) < minChargeKw[i])) continue;
      if ((c - baselineKw[i]) * (s - baselineKw[i]) < 0) continue;
      if (c > s ? this.headroomUpKw(i) < c - s : this.headroomDownKw(i) < s - c) continue;
      this.move(i, c);
    }
  }

  /** Whether a move from s to `to` is too small to send (hysteresis), given the session's baseline. */
  private suppressed(slot: number, s: number, to: number): boolean {
    const previous = this.fleet.commandKw[slot];
    if (Number.isNaN(previous) || s !== previous) return false;
    if (Math.abs(to - s) > this.deadbandKw(slot)) return false;
    // Its obligation changes sign: from above its baseline to below it or the other way round.
    const baseline = this.fleet.baselineKw[slot];
    return (to - baseline) * (s - baseline) >= 0;
  }

  /** Moves sessions in priority order until the fleet plan meets the target; returns the remaining gap. */
  private follow(targetKw: number, nowS: number): number {
    const f = this.fleet;
    let planned = 0;
    if (this.config.channelLatencyS === undefined) {
      for (let i = 0; i < f.slotCount; i++) if (f.active[i] === 1) planned += this.setpoint[i];
    } else {
      for (let i = 0; i < f.slotCount; i++) if (f.active[i] === 1) planned += this.contributionKw(i, nowS);
    }
    const movable = this.movable;
    let delta = targetKw - planned;
    const order = this.laxityOrder.order;
    const length = this.laxityOrder.length;
    const reserveS = this.config.laxityReserveS;
    // The last session that stopped at the near edge of its minimum-power hole, and its far edge:
    // if nobody after it can take the rest, jumping to the far edge may still get closer to the target.
    let holeSlot = -1;
    let holeFarKw = 0;
    if (delta > EPS_KW) {
      for (let r = 0; r < length && delta > EPS_KW; r++) {
        const i = order[r];
        if (movable[i] === 0) continue;
        const s = this.setpoint[i];
        if (s >= this.hi[i] - EPS_KW) continue;
        const reach = Math.min(this.hi[i], s + this.headroomUpKw(i));
        if (reach <= s + EPS_KW) continue;
        const want = Math.min(s + delta, reach);
        const to = snapToValid(want, s, reach, f.minChargeKw[i], s, 'lower');
        const far = to === want ? to : snapToValid(want, s, reach, f.minChargeKw[i], s, 'upper');
        if (far > to && !this.suppressed(i, s, far)) {
          holeSlot = i;
          holeFarKw = far;
        }
        if (to <= s || this.suppressed(i, s, to)) continue;
        this.move(i, to);
        delta -= to - s;
      }
    } else if (delta < -EPS_KW) {
      for (let r = length - 1; r >= 0 && delta < -EPS_KW; r--) {
        const i = order[r];
        if (movable[i] === 0) continue;
        const s = this.setpoint[i];
        if (s <= this.lo[i] + EPS_KW || f.laxityS[i] < reserveS) continue;
        // Behind a node where needs are blocked, headroom freed here belongs to those needs (next
        // cycle's floors take it), and discharging would only feed another car through the node
        // (round-trip losses): sessions there are not used for up-regulation this cycle.
        if (this.anyBlocked && this.underBlockedNode(i)) continue;
        const reach = Math.max(this.lo[i], s - this.headroomDownKw(i));
        if (reach >= s - EPS_KW) continue;
        const want = Math.max(s + delta, reach);
        const to = snapToValid(want, reach, s, f.minChargeKw[i], s, 'upper');
        const far = to === want ? to : snapToValid(want, reach, s, f.minChargeKw[i], s, 'lower');
        if (far < to && !this.suppressed(i, s, far)) {
          holeSlot = i;
          holeFarKw = far;
        }
        if (to >= s || this.suppressed(i, s, to)) continue;
        this.move(i, to);
        delta -= to - s;
      }
    }
    if (holeSlot >= 0 && Math.abs(delta) > EPS_KW) {
      const s = this.setpoint[holeSlot];
      const step = holeFarKw - s;
      const room = step > 0 ? this.headroomUpKw(holeSlot) : this.headroomDownKw(holeSlot);
      if (Math.abs(delta - step) < Math.abs(delta) && Math.abs(step) <= room + EPS_KW) {
        this.move(holeSlot, holeFarKw);
        delta -= step;
      }
    }
    return delta;
  }

  /** What a slot adds to the fleet's power as the target is followed (see channelLatencyS). */
  private contributionKw(slot: number, nowS: number): number {
    const f = this.fleet;
    const s = this.setpoint[slot];
    const latency = this.config.channelLatencyS;
    if (latency === undefined || f.participates[slot] === 1 || f.responsive[slot] === 0) return s;
    const command = f.commandKw[slot];
    // Only a command already handed out can be in flight; one made this cycle is in flight from now.
    const sentAt = Math.abs(s - command) <= 1e-9 ? f.commandAtS[slot] : nowS;
    if (!(nowS - sentAt < latency[f.channel[slot]])) return s;
    const expected = s > 0 ? Math.min(s, f.drawKw[slot]) : s;
    return Math.abs(f.measuredKw[slot] - expected) <= this.config.deadbandKw ? s : f.measuredKw[slot];
  }

  private emit(targetKw: number, shortfallKw: number, nowS: number, resorted: boolean): DisaggregationResult {
    const f = this.fleet;
    let changedCount = 0;
    let planned = 0;
    let unmet = 0;
    for (let i = 0; i < f.slotCount; i++) {
      if (f.active[i] === 0) {
        this.setpoint[i] = 0;
        continue;
      }
      if (f.responsive[i] === 0) {
        const release = this.release[i];
        if (!Number.isNaN(release)) {
          f.recordCommand(i, release, nowS);
          this.changed[changedCount++] = i;
          this.setpoint[i] = release;
          planned += release;
          continue;
        }
        planned += f.measuredKw[i];
        const previous = f.commandKw[i];
        this.setpoint[i] = Number.isNaN(previous) ? f.measuredKw[i] : previous;
        continue;
      }
      let s = this.setpoint[i];
      if (Math.abs(s - f.commandKw[i]) <= 1e-9) {
        // Float noise from load bookkeeping is not a new command: hand out the old one exactly.
        s = f.commandKw[i];
        this.setpoint[i] = s;
      } else {
        f.recordCommand(i, s, nowS);
        this.changed[changedCount++] = i;
      }
      planned += s;
      if (this.needKw[i] > s) unmet += this.needKw[i] - s;
    }
    return {
      setpointKw: this.setpoint,
      changed: this.changed,
      changedCount,
      targetKw,
      plannedKw: planned,
      // A gap within one deadband is hysteresis holding commands, not a fleet that cannot follow.
      shortfallKw: Math.abs(shortfallKw) <= Math.max(EPS_KW, this.config.deadbandKw) ? 0 : targetKw - planned,
      unmetNeedKw: unmet,
      resorted,
    };
  }
}

type SnapPreference = 'lower' | 'upper' | 'nearest';

/**
 * A value within [lower, upper] that the minimum-power rule allows (0 or |p| >= min), for a `want` that
 * may fall into the hole between; `fallback` when none is. When both edges of the hole are allowed,
 * `prefer` picks: 'lower' sheds more (fuse repair) or raises less, 'upper' the opposite, 'nearest' the closer.
 * Following the target uses the edge that does not overshoot, so the next session takes the rest.
 */
function snapToValid(want: number, lower: number, upper: number, minKw: number, fallback: number, prefer: SnapPreference): number {
  if (want === 0 || want >= minKw || want <= -minKw) return want;
  const a = want > 0 ? 0 : -minKw;
  const b = want > 0 ? minKw : 0;
  const aOk = a >= lower - EPS_KW && a <= upper + EPS_KW;
  const bOk = b >= lower - EPS_KW && b <= upper + EPS_KW;
  if (aOk && bOk) {
    if (prefer === 'lower') return a;
    if (prefer === 'upper') return b;
    return want - a <= b - want ? a : b;
  }
  if (aOk) return a;
  if (bOk) return b;
  return fallback;
}
