import { DispatchChannel, DispatchChannelName } from './dispatch-channel';
import { DispatchError } from './dispatch.errors';

/** What the loop knows about one session; all powers in kW (positive = charging), energies in kWh, times in epoch seconds. */
export interface DispatchSessionInput {
  readonly sessionId: string;
  readonly channel: DispatchChannelName;
  /** Index into DispatchSites (the innermost site node the EVSE hangs under, e.g. the site behind a fuse); -1 for none. */
  readonly siteIndex: number;
  /** Scheduled power for the current ISP (the plan); the portfolio baseline is the sum of these. */
  readonly baselineKw: number;
  /** Latest measured power. */
  readonly measuredKw: number;
  /**
   * When the latest telemetry was taken; stale telemetry makes the session non-responsive. Without any
   * telemetry yet: the session's arrival, so the monitor's grace window runs from there.
   */
  readonly telemetryAtS: number;
  /**
   * Whether measuredKw is a meter reading. False = no telemetry yet: measuredKw is an ESTIMATE (see
   * estimateUnmeasuredDraw), never read as "draws 0 kW". Defaults to true.
   */
  readonly measured?: boolean;
  /** Envelope band for this ISP; a negative minimum means discharge is allowed (OCPP 2.1 only). The maximum includes the EVSE limit. */
  readonly bandMinKw: number;
  readonly bandMaxKw: number;
  /** What the car draws when nobody caps it (OCPI can only cap below this). Defaults to bandMaxKw. */
  readonly drawKw?: number;
  /** Physical maximum charging power (car x EVSE); laxity is computed against it. Defaults to bandMaxKw. */
  readonly maxKw?: number;
  /** Minimum charging power: min current x phases x voltage; a charging session is at 0 or at least this. */
  readonly minChargeKw: number;
  /** Energy delivered so far in this session. */
  readonly deliveredKwh: number;
  /** Energy promised by departure (the need); the latest trajectory ends here. */
  readonly targetKwh: number;
  /** Most energy the session may hold (earliest trajectory / battery room). Defaults to targetKwh. */
  readonly ceilingKwh?: number;
  /** Least energy the session may hold (below 0 = net discharge the driver allowed). Defaults to 0. */
  readonly floorKwh?: number;
  readonly departureS: number;
  /** Driver's boost: always wins over activations (fixed at the maximum); only physics (site limits) bounds it. */
  readonly boost?: boolean;
  /** Whether the session takes part in activations (qualified for the product, e.g. by channel latency). Defaults to true. */
  readonly participates?: boolean;
}

/**
 * Dispatch state of N sessions as struct-of-arrays: the 4-s cycle reads and writes typed arrays only,
 * so 100,000 sessions fit in cache-friendly columns (ARCHITECTURE.md section 7). A session occupies a
 * slot; freed slots are reused. Callers may write the columns directly between cycles (e.g. measuredKw
 * from telemetry) and use upsert() for whole records.
 */
export class DispatchFleet {
  readonly capacity: number;
  /** Highest slot in use + 1; loops run over [0, slotCount). */
  slotCount = 0;
  readonly sessionIds: (string | null)[];
  readonly active: Uint8Array;
  readonly channel: Uint8Array;
  readonly siteIndex: Int32Array;
  readonly baselineKw: Float64Array;
  readonly measuredKw: Float64Array;
  readonly telemetryAtS: Float64Array;
  /** 1 = measuredKw is a meter reading; 0 = no telemetry yet, measuredKw is an estimate (estimateUnmeasuredDraw). */
  readonly measured: Uint8Array;
  readonly bandMinKw: Float64Array;
  readonly bandMaxKw: Float64Array;
  readonly drawKw: Float64Array;
  readonly maxKw: Float64Array;
  readonly minChargeKw: Float64Array;
  readonly deliveredKwh: Float64Array;
  readonly targetKwh: Float64Array;
  readonly ceilingKwh: Float64Array;
  readonly floorKwh: Float64Array;
  readonly departureS: Float64Array;
  readonly boost: Uint8Array;
  readonly participates: Uint8Array;
  /** 1 = follows commands; 0 = excluded (ignores commands or stale telemetry): held at its measured power, its share moves to others. */
  readonly responsive: Uint8Array;
  /** Last command handed to fan-out, and when it changed; NaN before the first command. */
  readonly commandKw: Float64Array;
  readonly commandAtS: Float64Array;
  /** Command before the last one (the monitor accepts either while the channel latency has not passed). */
  readonly previousCommandKw: Float64Array;
  /** Time slack in seconds before the session must charge at maxKw to reach its target (computed by the cycle). */
  readonly laxityS: Float64Array;

  private readonly slotById = new Map<string, number>();
  private readonly freeSlots: number[] = [];

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0) throw new DispatchError('INVALID_INPUT', `capacity ${capacity} must be a positive integer`);
    this.capacity = capacity;
    this.sessionIds = new Array<string | null>(capacity).fill(null);
    this.active = new Uint8Array(capacity);
    this.channel = new Uint8Array(capacity);
    this.siteIndex = new Int32Array(capacity).fill(-1);
    this.baselineKw = new Float64Array(capacity);
    this.measuredKw = new Float64Array(capacity);
    this.telemetryAtS = new Float64Array(capacity);
    this.measured = new Uint8Array(capacity);
    this.bandMinKw = new Float64Array(capacity);
    this.bandMaxKw = new Float64Array(capacity);
    this.drawKw = new Float64Array(capacity);
    this.maxKw = new Float64Array(capacity);
    this.minChargeKw = new Float64Array(capacity);
    this.deliveredKwh = new Float64Array(capacity);
    this.targetKwh = new Float64Array(capacity);
    this.ceilingKwh = new Float64Array(capacity);
    this.floorKwh = new Float64Array(capacity);
    this.departureS = new Float64Array(capacity);
    this.boost = new Uint8Array(capacity);
    this.participates = new Uint8Array(capacity);
    this.responsive = new Uint8Array(capacity);
    this.commandKw = new Float64Array(capacity).fill(Number.NaN);
    this.commandAtS = new Float64Array(capacity).fill(Number.NaN);
    this.previousCommandKw = new Float64Array(capacity).fill(Number.NaN);
    this.laxityS = new Float64Array(capacity);
  }

  get size(): number {
    return this.slotById.size;
  }

  slotOf(sessionId: string): number | undefined {
    return this.slotById.get(sessionId);
  }

  /** Adds the session or overwrites its record (keeping its command history and responsive flag); returns its slot. */
  upsert(input: DispatchSessionInput): number {
    let slot = this.slotById.get(input.sessionId);
    const isNew = slot === undefined;
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.slotCount;
      if (slot >= this.capacity) throw new DispatchError('FLEET_FULL', `fleet capacity ${this.capacity} reached`);
      if (slot >= this.slotCount) this.slotCount = slot + 1;
      this.slotById.set(input.sessionId, slot);
      this.sessionIds[slot] = input.sessionId;
    }
    this.write(slot, input);
    if (isNew) {
      this.responsive[slot] = 1;
      this.commandKw[slot] = Number.NaN;
      this.commandAtS[slot] = Number.NaN;
      this.previousCommandKw[slot] = Number.NaN;
    }
    this.active[slot] = 1;
    return slot;
  }

  /** Frees the session's slot (session ended); returns false when unknown. */
  remove(sessionId: string): boolean {
    const slot = this.slotById.get(sessionId);
    if (slot === undefined) return false;
    this.slotById.delete(sessionId);
    this.sessionIds[slot] = null;
    this.active[slot] = 0;
    this.responsive[slot] = 0;
    this.boost[slot] = 0;
    this.freeSlots.push(slot);
    return true;
  }

  /** Records that fan-out was handed a new command for the slot. */
  recordCommand(slot: number, kw: number, atS: number): void {
    this.previousCommandKw[slot] = this.commandKw[slot];
    this.commandKw[slot] = kw;
    this.commandAtS[slot] = atS;
  }

  private write(slot: number, s: DispatchSessionInput): void {
    if (!(s.bandMinKw <= s.bandMaxKw)) throw new DispatchError('INVALID_INPUT', `session ${s.sessionId}: band ${s.bandMinKw}..${s.bandMaxKw} kW is empty`);
    if (!(s.minChargeKw >= 0)) throw new DispatchError('INVALID_INPUT', `session ${s.sessionId}: minimum charging power ${s.minChargeKw} kW`);
    this.channel[slot] = DispatchChannel[s.channel];
    this.siteIndex[slot] = s.siteIndex;
    this.baselineKw[slot] = s.baselineKw;
    this.measuredKw[slot] = s.measuredKw;
    this.telemetryAtS[slot] = s.telemetryAtS;
    this.measured[slot] = s.measured === false ? 0 : 1;
    this.bandMinKw[slot] = s.bandMinKw;
    this.bandMaxKw[slot] = s.bandMaxKw;
    this.drawKw[slot] = s.drawKw ?? s.bandMaxKw;
    this.maxKw[slot] = s.maxKw ?? Math.max(s.bandMaxKw, 0);
    this.minChargeKw[slot] = s.minChargeKw;
    this.deliveredKwh[slot] = s.deliveredKwh;
    this.targetKwh[slot] = s.targetKwh;
    this.ceilingKwh[slot] = s.ceilingKwh ?? s.targetKwh;
    this.floorKwh[slot] = s.floorKwh ?? 0;
    this.departureS[slot] = s.departureS;
    this.boost[slot] = s.boost === true ? 1 : 0;
    this.participates[slot] = s.participates === false ? 0 : 1;
  }
}
