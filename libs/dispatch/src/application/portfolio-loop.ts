import type { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { RecordChannelLatencyUseCase } from '@vpp/fleet';
import { EnergyKwh, ISP_MINUTES, Isp } from '@vpp/units';
import {
  AggregateFeedback,
  ChannelLatencyTracker,
  DEFAULT_DISAGGREGATION,
  DEFAULT_RESPONSIVENESS,
  DISPATCH_CHANNEL_NAMES,
  Disaggregator,
  DispatchFleet,
  DispatchSites,
  estimateUnmeasuredDraw,
  fleetBaselineKw,
  IspEnergyLedger,
  portfolioTarget,
  ResponsivenessMonitor,
  telemetryStale,
  UNMEASURED_DRAW_ASSUMPTION,
} from '../domain';
import type { CongestionOrdersLoader } from '../infrastructure/congestion-orders.loader';
import { kwOf, type LoadedPortfolio, type PortfolioSessionsLoader } from '../infrastructure/portfolio-sessions.loader';
import type { LeaseGrant, PortfolioLease } from '../infrastructure/redis/portfolio-lease';
import type { ActivationState } from './activation-state';
import { StaleFencingTokenError } from './dispatch-fence';
import type { DispatchStateMirror } from './dispatch-state-mirror';
import { dispatchCongestionCaps, dispatchFeedSilent, dispatchSilentFeedTotal } from '../infrastructure/metrics/dispatch-metrics';
import { applyCongestionCaps, type CongestionOrder } from './congestion-caps';
import { reconcileChannelResults } from './reconcile-channel-results';
import { holdActivation } from './silent-feed';
import type { RecordCommandBatchesUseCase, SessionCommand } from './record-command-batches';

export interface PortfolioLoopSettings {
  readonly holder: string;
  readonly cycleMs: number;
  readonly fcrEvalMs: number;
  readonly standbyPollMs: number;
  readonly staleSetpointS: number;
  /** The last aFRR setpoint expires after this long without a newer one (0 MW activation, alert). */
  readonly silentFeedS: number;
  readonly sessionRefreshS: number;
  /** Initial session slots (grows as needed). */
  readonly capacity: number;
}

export interface PortfolioLoopDeps {
  readonly dataSource: DataSource;
  readonly lease: PortfolioLease;
  readonly loader: PortfolioSessionsLoader;
  readonly signals: ActivationState;
  readonly recorder: RecordCommandBatchesUseCase;
  readonly mirror: DispatchStateMirror;
  readonly logger: Logger;
  readonly congestion: CongestionOrdersLoader;
  /** Folds the command-to-effect latencies the loop measures into channel_latency per party (libs/fleet). */
  readonly recordLatency: RecordChannelLatencyUseCase;
  /**
   * The clock the lease's validity is checked against before commands go out (default the wall
   * clock). A seam for driving tick(now) in simulated time (the demo), where the grant's validity
   * is in the simulated clock too.
   */
  readonly leaseClockMs?: () => number;
}

/** What one cycle did (for logs, tests and the benchmark of the whole loop). */
export interface CycleReport {
  readonly role: 'active' | 'standby';
  readonly fencingToken: number | null;
  readonly targetKw: number;
  /** Integral correction added to the target for the disaggregation (AggregateFeedback); 0 without an activation. */
  readonly correctionKw?: number;
  /** Fleet power: meter readings, plus the ESTIMATED draw of `estimatedDrawSessions` sessions without any (UNMEASURED_DRAW_ASSUMPTION). */
  readonly measuredKw: number;
  readonly estimatedDrawSessions?: number;
  readonly changedCommands: number;
  /** Sites under a congestion cap this cycle (UFTP FlexOrders, IDCONS awards). */
  readonly congestionCappedSites?: number;
  readonly refused?: 'stale-fencing-token' | 'lease-expired';
}

/**
 * ASSUMED tuning of the integral correction (as in the tracking benchmark): a quarter of the
 * remaining error per cycle, clamped to the size of the running activation.
 */
const FEEDBACK_GAIN_PER_CYCLE = 0.25;
/** Command-to-effect samples folded into channel_latency per channel and party at one flush; the newest are kept (the EWMA weighs the last ~10). */
const LATENCY_SAMPLES_PER_PARTY = 20;

type ActivationKind = 'afrr' | 'fcr';

/**
 * One portfolio's real-time loop in one dispatcher process (ARCHITECTURE.md section 3: a timer loop,
 * state in memory mirrored to Redis, not BullMQ). Every tick: hold or take the lease, refresh the
 * sessions now and then and their telemetry every tick, read the newest activation signals, ask the
 * core for per-session setpoints, and hand the changed ones to fan-out in one fenced transaction.
 * The tick is every 4 s for aFRR, every second while FCR capacity is awarded (droop per sample).
 */
export class PortfolioLoop {
  private grant: LeaseGrant | null = null;
  private fleet: DispatchFleet;
  private sites = DispatchSites.none();
  private siteKey = '';
  private disaggregator: Disaggregator;
  private monitor: ResponsivenessMonitor;
  private latency: ChannelLatencyTracker;
  private parties: string[];
  /** Per slot, the party its latency is kept under in channel_latency (null: unknown). */
  private latencyParties: (string | null)[];
  /** Command-to-effect samples measured since the last flush, per `channel\u0000party`. */
  private latencySamples = new Map<string, Array<{ ms: number; at: Date }>>();
  /** Session ids of the fleet's slots in use; rebuilt after a refresh changed them. */
  private sessionIdList: string[] | null = null;
  /** Integral correction, and what the last cycle asked (its obligation and activation), booked when the next cycle measures. */
  private feedback = new AggregateFeedback(FEEDBACK_GAIN_PER_CYCLE);
  private lastObligationKw = 0;
  private lastActivation: ActivationKind | null = null;
  /** Per activation, the ISPs' requested and delivered energy by direction (persisted to dispatch_tracking_isps each cycle). */
  private readonly ledgers = new Map<ActivationKind, IspEnergyLedger>();
  /** Set on taking the lease: the next cycle continues from the previous holder's mirrored feedback. */
  private resumeFromMirror = false;
  private refreshedAtMs = 0;
  private telemetrySince = new Date(0);
  private lastTickAtMs: number | null = null;
  private feedSilent = false;
  private congestionOrders: CongestionOrder[] = [];
  private loaded: LoadedPortfolio | null = null;
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;
  /** Session slots; grows (doubling) when a refresh brings more sessions. */
  private capacity: number;
  /**
   * Per channel code, how long before departure a session's need must be met: the channel's p95
   * command latency (measured, else ASSUMED), refreshed each cycle. A command reaches the car only
   * that long after it is sent, so a session due to charge at full power is told that much earlier.
   */
  private readonly departureMarginS = new Float64Array(3);

  constructor(
    readonly portfolioId: string,
    private readonly settings: PortfolioLoopSettings,
    private readonly deps: PortfolioLoopDeps,
  ) {
    this.capacity = settings.capacity;
    this.fleet = new DispatchFleet(this.capacity);
    this.parties = new Array<string>(this.capacity).fill('');
    this.latencyParties = new Array<string | null>(this.capacity).fill(null);
    this.disaggregator = new Disaggregator(this.fleet, this.sites, { ...DEFAULT_DISAGGREGATION, cycleS: settings.cycleMs / 1000, departureMarginS: this.departureMarginS });
    this.monitor = new ResponsivenessMonitor(this.capacity);
    this.latency = new ChannelLatencyTracker(this.capacity);
  }

  get role(): 'active' | 'standby' {
    return this.grant === null ? 'standby' : 'active';
  }

  get fencingToken(): number | null {
    return this.grant?.fencingToken ?? null;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops ticking; `release` hands the lease over at once (orderly shutdown), without it the lease expires (a crash). */
  async stop(release: boolean): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 10));
    if (release && this.grant) await this.deps.lease.release(this.grant).catch(() => undefined);
    this.grant = null;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.tickSafely();
    }, delayMs);
  }

  private async tickSafely(): Promise<void> {
    this.running = true;
    let nextMs = this.settings.standbyPollMs;
    try {
      const report = await this.tick(new Date());
      if (report.role === 'active') nextMs = (this.loaded?.fcrContractedKw ?? 0) > 0 ? this.settings.fcrEvalMs : this.settings.cycleMs;
    } catch (error) {
      this.deps.logger.error({ err: error, portfolioId: this.portfolioId }, 'dispatch cycle failed');
    } finally {
      this.running = false;
      this.schedule(nextMs);
    }
  }

  /**
   * One cycle; public for tests and simulated days, which drive the loop without timers.
   * `nextTickInMs`: when the driver will tick next (default the configured cycle); the energy
   * bounds are held over the longer of it and the time since the last cycle (a loop running late
   * is assumed late again), so no session sits below its need until a cycle that comes too late.
   */
  async tick(now: Date, options: { readonly nextTickInMs?: number } = {}): Promise<CycleReport> {
    const nowMs = now.getTime();
    if (!(await this.holdLease(nowMs))) return { role: 'standby', fencingToken: null, targetKw: 0, measuredKw: 0, changedCommands: 0 };
    const grant = this.grant as LeaseGrant;
    if (this.loaded === null || nowMs - this.refreshedAtMs >= this.settings.sessionRefreshS * 1000) await this.refresh(now);
    if (this.resumeFromMirror) await this.resume(nowMs);
    await this.foldTelemetry(now);
    const nowS = nowMs / 1000;
    // No telemetry is an unknown draw, not 0 kW: counted at an estimate until the session reports
    // or goes stale (its telemetry is as old as its arrival), see estimateUnmeasuredDraw.
    const estimatedDrawSessions = estimateUnmeasuredDraw(this.fleet);
    const allowance = this.latency.allowanceS();
    this.departureMarginS.set(this.latency.latencyS());
    this.latency.observe(this.fleet, nowS, this.onLatencySample);
    const change = this.monitor.observe(this.fleet, nowS, allowance);
    await this.persistMarks(change.markedNonResponsive, change.markedResponsive, now);

    // Both reads are on the 4-s hot path: one Redis round trip's wait instead of two.
    const [setpoint, frequency] = await Promise.all([this.deps.signals.latestSetpoint(this.portfolioId), this.deps.signals.latestFrequency(this.portfolioId)]);
    const activation = holdActivation(setpoint, nowMs, this.settings.silentFeedS * 1000);
    this.noteSilence(activation.silent, setpoint?.sequence ?? null);
    const freshFrequency = frequency !== null && nowMs - frequency.measuredAtMs <= this.settings.staleSetpointS * 1000 ? frequency.hz : null;
    const baselineKw = fleetBaselineKw(this.fleet.baselineKw, this.fleet.active, this.fleet.slotCount);
    const target = portfolioTarget(baselineKw, {
      afrrSetpointKw: activation.afrrKw,
      fcrContractedKw: this.loaded?.fcrContractedKw ?? 0,
      frequencyHz: freshFrequency,
      positionCorrectionKw: this.loaded?.positionKw === null || this.loaded === null ? 0 : this.loaded.positionKw - baselineKw,
    });
    const kind: ActivationKind | null = activation.afrrKw !== 0 ? 'afrr' : freshFrequency !== null && target.fcrUpKw !== 0 ? 'fcr' : null;
    // The interval since the last cycle: what it asked against what the meters show now, booked to
    // its ISP and folded into the integral correction (closing the loop on the fleet's response).
    const deliveredKw = this.meteredDeviationKw();
    await this.track(nowMs, deliveredKw);
    const limitKw = Math.max(Math.abs(activation.afrrKw), this.loaded?.fcrContractedKw ?? 0);
    let correctionKw = 0;
    if (kind === null || (this.lastActivation !== null && kind !== this.lastActivation)) this.feedback.reset();
    if (kind !== null) {
      correctionKw = this.lastActivation === kind && this.lastTickAtMs !== null ? this.feedback.update(this.lastObligationKw, deliveredKw, limitKw) : this.feedback.correctionKw;
    }
    const congestionCappedSites = applyCongestionCaps(this.sites, this.fleet, this.congestionOrders, nowMs);
    dispatchCongestionCaps.set({ portfolio: this.portfolioId }, congestionCappedSites);
    const sinceLastMs = this.lastTickAtMs === null ? 0 : nowMs - this.lastTickAtMs;
    const horizonS = Math.max(options.nextTickInMs ?? this.settings.cycleMs, sinceLastMs) / 1000;
    const result = this.disaggregator.run(target.targetKw + correctionKw, nowS, horizonS);

    const commands: SessionCommand[] = [];
    for (let k = 0; k < result.changedCount; k++) {
      const slot = result.changed[k];
      const sessionId = this.fleet.sessionIds[slot];
      if (sessionId === null) continue;
      const channel = this.fleet.channel[slot] === 0 ? 'ocpi' : this.fleet.channel[slot] === 1 ? 'ocpp' : 'oem';
      commands.push({ sessionId, channel, party: this.parties[slot], kw: result.setpointKw[slot] });
    }
    const measuredKw = this.measuredFleetKw();
    this.lastObligationKw = target.obligationKw;
    this.lastActivation = kind;

    if (commands.length > 0) {
      // Fencing, local half: a holder that could not renew within its TTL must assume it was deposed.
      if ((this.deps.leaseClockMs ?? Date.now)() >= grant.validUntilMs) {
        this.forget(result.changed, result.changedCount);
        this.grant = null;
        return { role: 'standby', fencingToken: null, targetKw: target.targetKw, measuredKw, changedCommands: 0, refused: 'lease-expired' };
      }
      try {
        await this.deps.recorder.execute({ portfolioId: this.portfolioId, fencingToken: grant.fencingToken, holder: grant.holder, commands, now });
      } catch (error) {
        this.forget(result.changed, result.changedCount);
        if (!(error instanceof StaleFencingTokenError)) throw error;
        this.deps.logger.warn({ portfolioId: this.portfolioId, fencingToken: grant.fencingToken }, 'deposed: a newer lease holder has written; no command sent');
        this.grant = null;
        return { role: 'standby', fencingToken: null, targetKw: target.targetKw, measuredKw, changedCommands: 0, refused: 'stale-fencing-token' };
      }
      await this.deps.mirror.commands(this.portfolioId, commands);
    }
    await this.deps.mirror.cycle(this.portfolioId, {
      holder: grant.holder, fencingToken: grant.fencingToken, atMs: nowMs, targetKw: target.targetKw, plannedKw: result.plannedKw, measuredKw,
      shortfallKw: result.shortfallKw, setpointSequence: setpoint?.sequence ?? null, sessions: this.fleet.size,
      assumedDepartureSessions: this.loaded?.assumedDepartureSessions ?? 0,
      estimatedDrawSessions, estimatedDrawBasis: estimatedDrawSessions > 0 ? UNMEASURED_DRAW_ASSUMPTION : '',
      activation: kind ?? '', obligationKw: target.obligationKw, correctionKw,
    });
    this.lastTickAtMs = nowMs;
    return { role: 'active', fencingToken: grant.fencingToken, targetKw: target.targetKw, correctionKw, measuredKw, estimatedDrawSessions, changedCommands: commands.length, congestionCappedSites };
  }

  /** Alerts once when the feed falls silent (log + metric) and once when it speaks again. */
  private noteSilence(silent: boolean, lastSequence: number | null): void {
    if (silent === this.feedSilent) return;
    this.feedSilent = silent;
    dispatchFeedSilent.set({ portfolio: this.portfolioId }, silent ? 1 : 0);
    if (silent) {
      dispatchSilentFeedTotal.inc({ portfolio: this.portfolioId });
      this.deps.logger.warn(
        { portfolioId: this.portfolioId, lastSequence, silentFeedS: this.settings.silentFeedS },
        'TSO feed silent: no aFRR setpoint within the limit; activation falls back to 0 MW',
      );
    } else {
      this.deps.logger.log({ portfolioId: this.portfolioId, lastSequence }, 'TSO feed back: aFRR activation follows the setpoints again');
    }
  }

  private async holdLease(nowMs: number): Promise<boolean> {
    if (this.grant !== null) {
      this.grant = await this.deps.lease.renew(this.grant, nowMs);
      if (this.grant === null) this.loseState();
      return this.grant !== null;
    }
    const grant = await this.deps.lease.acquire(this.portfolioId, this.settings.holder, nowMs);
    if (grant === null) return false;
    this.grant = grant;
    // A takeover starts from what the previous holder handed out (the Redis mirror), so hysteresis
    // continues and the new holder does not resend every command; its integral correction and
    // tracking continue too (mirror and dispatch_tracking_isps).
    this.loaded = null;
    this.resumeFromMirror = true;
    this.deps.logger.log({ portfolioId: this.portfolioId, holder: grant.holder, fencingToken: grant.fencingToken }, 'took the dispatch lease');
    return true;
  }

  private loseState(): void {
    this.deps.logger.warn({ portfolioId: this.portfolioId }, 'lost the dispatch lease; standing by');
    this.loaded = null;
    this.fleet = new DispatchFleet(this.capacity);
    this.siteKey = '';
    this.rebuild(DispatchSites.none());
    this.sessionIdList = null;
    this.feedback.reset();
    this.lastActivation = null;
    this.lastTickAtMs = null;
    this.ledgers.clear();
    this.latencySamples.clear();
  }

  /**
   * After taking the lease: continues the previous holder's activation from its last mirrored cycle
   * (its integral correction, and the obligation its last interval was asked), when that cycle is
   * recent enough to still be the same activation (within the silent-feed limit).
   */
  private async resume(nowMs: number): Promise<void> {
    this.resumeFromMirror = false;
    this.feedback.reset();
    this.lastActivation = null;
    this.lastTickAtMs = null;
    this.ledgers.clear();
    const last = await this.deps.mirror.lastCycle(this.portfolioId);
    const atMs = last.atMs === undefined ? Number.NaN : Number.parseInt(last.atMs, 10);
    if (!(nowMs - atMs >= 0 && nowMs - atMs <= this.settings.silentFeedS * 1000)) return;
    if (last.activation !== 'afrr' && last.activation !== 'fcr') return;
    this.lastActivation = last.activation;
    this.lastTickAtMs = atMs;
    this.lastObligationKw = Number.parseInt(last.obligationKw ?? '0', 10) / 1000;
    this.feedback.restore(Number.parseInt(last.correctionKw ?? '0', 10) / 1000);
  }

  private rebuild(sites: DispatchSites): void {
    this.sites = sites;
    this.disaggregator = new Disaggregator(this.fleet, this.sites, { ...DEFAULT_DISAGGREGATION, cycleS: this.settings.cycleMs / 1000, departureMarginS: this.departureMarginS });
    this.monitor = new ResponsivenessMonitor(this.capacity);
    this.latency = new ChannelLatencyTracker(this.capacity);
  }

  private async refresh(now: Date): Promise<void> {
    const loaded = await this.deps.loader.load(this.portfolioId, now);
    const siteKey = JSON.stringify(loaded.sites);
    const fresh = this.fleet.size === 0;
    if (loaded.sessions.length > this.capacity) {
      while (loaded.sessions.length > this.capacity) this.capacity *= 2;
      this.parties = new Array<string>(this.capacity).fill('');
      this.latencyParties = new Array<string | null>(this.capacity).fill(null);
      this.siteKey = '';
    }
    if (siteKey !== this.siteKey) {
      this.fleet = new DispatchFleet(this.capacity);
      this.siteKey = siteKey;
      this.rebuild(new DispatchSites(loaded.sites));
    }
    const live = new Set<string>();
    for (const session of loaded.sessions) {
      const slot = this.fleet.upsert(session);
      this.parties[slot] = session.party;
      this.latencyParties[slot] = session.latencyParty;
      if (session.marked) this.fleet.responsive[slot] = 0;
      live.add(session.sessionId);
    }
    for (const id of this.fleet.sessionIds) if (id !== null && !live.has(id)) this.fleet.remove(id);
    this.sessionIdList = null;
    if (fresh || this.fleet.size > 0) await this.restoreCommands(now);
    this.loaded = loaded;
    // Orders starting before the next refresh are known now, so a cap starts on its ISP's first cycle.
    this.congestionOrders = await this.deps.congestion.load(this.portfolioId, now, this.settings.sessionRefreshS * 1000 + ISP_MINUTES * 60_000);
    this.refreshedAtMs = now.getTime();
    await reconcileChannelResults(this.deps.dataSource, this.portfolioId);
    await this.flushLatency();
  }

  /** A command-to-effect time the tracker measured (slot, ms): kept for the slot's party until the next flush. */
  private readonly onLatencySample = (slot: number, elapsedMs: number): void => {
    const party = this.latencyParties[slot];
    if (party === null || party === undefined) return;
    const key = `${DISPATCH_CHANNEL_NAMES[this.fleet.channel[slot]]}\u0000${party}`;
    let samples = this.latencySamples.get(key);
    if (samples === undefined) {
      samples = [];
      this.latencySamples.set(key, samples);
    }
    samples.push({ ms: elapsedMs, at: new Date(this.fleet.telemetryAtS[slot] * 1000) });
    if (samples.length > LATENCY_SAMPLES_PER_PARTY) samples.shift();
  };

  /**
   * Folds the latencies measured since the last flush into channel_latency (libs/fleet), once per
   * session refresh rather than per cycle: one transaction, oldest sample first per party. A failure
   * is logged and the samples dropped (an estimate, not a record).
   */
  private async flushLatency(): Promise<void> {
    if (this.latencySamples.size === 0) return;
    const batch = [...this.latencySamples.entries()];
    this.latencySamples = new Map();
    try {
      await this.deps.dataSource.transaction(async (manager) => {
        for (const [key, samples] of batch) {
          const [channel, party] = key.split('\u0000') as [(typeof DISPATCH_CHANNEL_NAMES)[number], string];
          for (const sample of samples) await this.deps.recordLatency.execute(manager, channel, party, sample.ms, sample.at);
        }
      });
    } catch (error) {
      this.deps.logger.warn({ err: error, portfolioId: this.portfolioId }, 'measured channel latencies not recorded');
    }
  }

  private async restoreCommands(now: Date): Promise<void> {
    const handedOut = await this.deps.mirror.handedOut(this.portfolioId);
    const nowS = now.getTime() / 1000;
    for (const [sessionId, kw] of handedOut) {
      const slot = this.fleet.slotOf(sessionId);
      if (slot !== undefined && Number.isNaN(this.fleet.commandKw[slot])) this.fleet.recordCommand(slot, kw, nowS);
    }
  }

  private async foldTelemetry(now: Date): Promise<void> {
    this.sessionIdList ??= this.fleet.sessionIds.filter((id): id is string => id !== null);
    const ids = this.sessionIdList;
    if (ids.length === 0) return;
    const rows: Array<{ session_id: string; power_kw: string; measured_at: Date }> = await this.deps.dataSource.query(
      `SELECT DISTINCT ON (session_id) session_id, power_kw::text AS power_kw, measured_at FROM meter_values
        WHERE session_id = ANY($1::uuid[]) AND measured_at > $2 ORDER BY session_id, measured_at DESC`,
      [ids, this.telemetrySince],
    );
    for (const row of rows) {
      const slot = this.fleet.slotOf(row.session_id);
      if (slot === undefined) continue;
      this.fleet.measuredKw[slot] = kwOf(row.power_kw);
      this.fleet.telemetryAtS[slot] = row.measured_at.getTime() / 1000;
      this.fleet.measured[slot] = 1;
      if (row.measured_at > this.telemetrySince) this.telemetrySince = row.measured_at;
    }
    // Readings can arrive late (clock skew, batching): look back a little past the newest seen.
    this.telemetrySince = new Date(Math.min(this.telemetrySince.getTime(), now.getTime()) - 60_000);
  }

  private measuredFleetKw(): number {
    let sum = 0;
    for (let i = 0; i < this.fleet.slotCount; i++) if (this.fleet.active[i] === 1) sum += this.fleet.measuredKw[i];
    return sum;
  }

  /**
   * Delivered deviation from baseline, from meter readings only: a session without telemetry is
   * credited with none (its estimated draw is never booked as delivered energy).
   */
  private meteredDeviationKw(): number {
    const f = this.fleet;
    let sum = 0;
    for (let i = 0; i < f.slotCount; i++) if (f.active[i] === 1 && f.measured[i] === 1) sum += f.measuredKw[i] - f.baselineKw[i];
    return sum;
  }

  private async persistMarks(nonResponsive: readonly number[], responsive: readonly number[], now: Date): Promise<void> {
    const nowS = now.getTime() / 1000;
    const marked = nonResponsive.map((slot) => this.fleet.sessionIds[slot]).filter((id): id is string => id !== null);
    const f = this.fleet;
    const reasons = nonResponsive.map((slot) => (telemetryStale(DEFAULT_RESPONSIVENESS, f.channel[slot], f.measured[slot] === 1, f.telemetryAtS[slot], nowS) ? 'stale-telemetry' : 'non-responsive'));
    const cleared = responsive.map((slot) => this.fleet.sessionIds[slot]).filter((id): id is string => id !== null);
    if (marked.length > 0) {
      await this.deps.dataSource.query(
        `INSERT INTO dispatch_session_marks (session_id, portfolio_id, reason, marked_at)
         SELECT t.session_id, $1, t.reason, $4 FROM unnest($2::uuid[], $3::text[]) AS t(session_id, reason)
         ON CONFLICT ON CONSTRAINT pk_dispatch_session_marks DO UPDATE SET reason = EXCLUDED.reason, marked_at = EXCLUDED.marked_at`,
        [this.portfolioId, marked, reasons, now],
      );
    }
    if (cleared.length > 0) await this.deps.dataSource.query(`DELETE FROM dispatch_session_marks WHERE session_id = ANY($1::uuid[])`, [cleared]);
  }

  /**
   * Books the interval since the last cycle (what that cycle asked, against the delivered deviation
   * measured now) to the ISP it started in, in the activation's IspEnergyLedger, and writes that
   * ISP's totals to dispatch_tracking_isps (net, absolute error, and by direction). The write sets
   * totals rather than adding to them, and only moves forward (more cycles), so a repeated or
   * deposed write cannot double-count; an ISP this process has not booked yet starts from what is
   * stored (a previous lease holder's cycles).
   */
  private async track(nowMs: number, deliveredKw: number): Promise<void> {
    const kind = this.lastActivation;
    if (kind === null || this.lastTickAtMs === null) return;
    const durationS = Math.min(60, (nowMs - this.lastTickAtMs) / 1000);
    if (durationS <= 0) return;
    const ispStart = Isp.containing(new Date(this.lastTickAtMs)).start;
    const ispStartS = ispStart.getTime() / 1000;
    let ledger = this.ledgers.get(kind);
    if (ledger === undefined) {
      ledger = new IspEnergyLedger();
      this.ledgers.set(kind, ledger);
    }
    if (!ledger.has(ispStartS)) await this.restoreIsp(ledger, kind, ispStart);
    ledger.record(this.lastTickAtMs / 1000, durationS, this.lastObligationKw, deliveredKw);
    ledger.prune(ispStartS);
    const row = ledger.get(ispStartS);
    if (row === undefined) return;
    const kwh = (value: number) => value.toFixed(6);
    await this.deps.dataSource.query(
      `INSERT INTO dispatch_tracking_isps (portfolio_id, activation, isp_start, target_kwh, measured_kwh, abs_error_kwh, cycles, updated_at,
                                          requested_up_kwh, requested_down_kwh, delivered_up_kwh, delivered_down_kwh)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT ON CONSTRAINT pk_dispatch_tracking_isps DO UPDATE SET
         target_kwh = EXCLUDED.target_kwh, measured_kwh = EXCLUDED.measured_kwh, abs_error_kwh = EXCLUDED.abs_error_kwh, cycles = EXCLUDED.cycles,
         updated_at = EXCLUDED.updated_at, requested_up_kwh = EXCLUDED.requested_up_kwh, requested_down_kwh = EXCLUDED.requested_down_kwh,
         delivered_up_kwh = EXCLUDED.delivered_up_kwh, delivered_down_kwh = EXCLUDED.delivered_down_kwh
       WHERE dispatch_tracking_isps.cycles < EXCLUDED.cycles`,
      [
        this.portfolioId, kind, ispStart,
        kwh(row.requestedDownKwh - row.requestedUpKwh), kwh(row.deliveredDownKwh - row.deliveredUpKwh), kwh(row.absErrorKwh), row.cycles, new Date(nowMs),
        kwh(row.requestedUpKwh), kwh(row.requestedDownKwh), kwh(row.deliveredUpKwh), kwh(row.deliveredDownKwh),
      ],
    );
  }

  private async restoreIsp(ledger: IspEnergyLedger, kind: ActivationKind, ispStart: Date): Promise<void> {
    const rows: Array<{
      target_kwh: string; measured_kwh: string; requested_up_kwh: string; requested_down_kwh: string; delivered_up_kwh: string; delivered_down_kwh: string;
      abs_error_kwh: string; cycles: number;
    }> = await this.deps.dataSource.query(
      `SELECT target_kwh::text, measured_kwh::text, requested_up_kwh::text, requested_down_kwh::text, delivered_up_kwh::text, delivered_down_kwh::text,
              abs_error_kwh::text, cycles
         FROM dispatch_tracking_isps WHERE portfolio_id = $1 AND activation = $2 AND isp_start = $3`,
      [this.portfolioId, kind, ispStart],
    );
    if (rows.length === 0) return;
    const r = rows[0];
    const kwh = (text: string) => EnergyKwh.fromString(text).toFloat64ForOptimisation();
    const split = { requestedUpKwh: kwh(r.requested_up_kwh), requestedDownKwh: kwh(r.requested_down_kwh), deliveredUpKwh: kwh(r.delivered_up_kwh), deliveredDownKwh: kwh(r.delivered_down_kwh) };
    // A row booked before the split existed holds only net figures: continue from those.
    const unsplit = split.requestedUpKwh === 0 && split.requestedDownKwh === 0 && split.deliveredUpKwh === 0 && split.deliveredDownKwh === 0;
    const target = kwh(r.target_kwh);
    const measured = kwh(r.measured_kwh);
    ledger.restore({
      ispStartS: ispStart.getTime() / 1000,
      ...(unsplit ? { requestedUpKwh: Math.max(0, -target), requestedDownKwh: Math.max(0, target), deliveredUpKwh: Math.max(0, -measured), deliveredDownKwh: Math.max(0, measured) } : split),
      absErrorKwh: kwh(r.abs_error_kwh), cycles: r.cycles,
    });
  }

  /** Commands that could not be recorded are forgotten so the next cycle hands them out again. */
  private forget(changed: Int32Array, count: number): void {
    for (let k = 0; k < count; k++) {
      const slot = changed[k];
      this.fleet.commandKw[slot] = this.fleet.previousCommandKw[slot];
    }
  }
}
