import type { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ISP_MINUTES, Isp, PowerKw } from '@vpp/units';
import {
  ChannelLatencyTracker,
  DEFAULT_DISAGGREGATION,
  Disaggregator,
  DispatchFleet,
  DispatchSites,
  fleetBaselineKw,
  portfolioTarget,
  ResponsivenessMonitor,
} from '../domain';
import type { CongestionOrdersLoader } from '../infrastructure/congestion-orders.loader';
import type { LoadedPortfolio, PortfolioSessionsLoader } from '../infrastructure/portfolio-sessions.loader';
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
  readonly measuredKw: number;
  readonly changedCommands: number;
  /** Sites under a congestion cap this cycle (UFTP FlexOrders, IDCONS awards). */
  readonly congestionCappedSites?: number;
  readonly refused?: 'stale-fencing-token' | 'lease-expired';
}

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

  constructor(
    readonly portfolioId: string,
    private readonly settings: PortfolioLoopSettings,
    private readonly deps: PortfolioLoopDeps,
  ) {
    this.capacity = settings.capacity;
    this.fleet = new DispatchFleet(this.capacity);
    this.parties = new Array<string>(this.capacity).fill('');
    this.disaggregator = new Disaggregator(this.fleet, this.sites, { ...DEFAULT_DISAGGREGATION, cycleS: settings.cycleMs / 1000 });
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

  /** One cycle; public for tests, which drive the loop without timers. */
  async tick(now: Date): Promise<CycleReport> {
    const nowMs = now.getTime();
    if (!(await this.holdLease(nowMs))) return { role: 'standby', fencingToken: null, targetKw: 0, measuredKw: 0, changedCommands: 0 };
    const grant = this.grant as LeaseGrant;
    if (this.loaded === null || nowMs - this.refreshedAtMs >= this.settings.sessionRefreshS * 1000) await this.refresh(now);
    await this.foldTelemetry(now);
    const nowS = nowMs / 1000;
    const allowance = this.latency.allowanceS();
    this.latency.observe(this.fleet, nowS);
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
    const congestionCappedSites = applyCongestionCaps(this.sites, this.fleet, this.congestionOrders, nowMs);
    dispatchCongestionCaps.set({ portfolio: this.portfolioId }, congestionCappedSites);
    const result = this.disaggregator.run(target.targetKw, nowS);

    const commands: SessionCommand[] = [];
    for (let k = 0; k < result.changedCount; k++) {
      const slot = result.changed[k];
      const sessionId = this.fleet.sessionIds[slot];
      if (sessionId === null) continue;
      const channel = this.fleet.channel[slot] === 0 ? 'ocpi' : this.fleet.channel[slot] === 1 ? 'ocpp' : 'oem';
      commands.push({ sessionId, channel, party: this.parties[slot], kw: result.setpointKw[slot] });
    }
    const measuredKw = this.measuredFleetKw();
    await this.track(now, target.obligationKw, measuredKw - baselineKw, activation.afrrKw !== 0 ? 'afrr' : freshFrequency !== null && target.fcrUpKw !== 0 ? 'fcr' : null);

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
    });
    this.lastTickAtMs = nowMs;
    return { role: 'active', fencingToken: grant.fencingToken, targetKw: target.targetKw, measuredKw, changedCommands: commands.length, congestionCappedSites };
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
    // continues and the new holder does not resend every command.
    this.loaded = null;
    this.deps.logger.log({ portfolioId: this.portfolioId, holder: grant.holder, fencingToken: grant.fencingToken }, 'took the dispatch lease');
    return true;
  }

  private loseState(): void {
    this.deps.logger.warn({ portfolioId: this.portfolioId }, 'lost the dispatch lease; standing by');
    this.loaded = null;
    this.fleet = new DispatchFleet(this.capacity);
    this.siteKey = '';
    this.rebuild(DispatchSites.none());
  }

  private rebuild(sites: DispatchSites): void {
    this.sites = sites;
    this.disaggregator = new Disaggregator(this.fleet, this.sites, { ...DEFAULT_DISAGGREGATION, cycleS: this.settings.cycleMs / 1000 });
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
      if (session.marked) this.fleet.responsive[slot] = 0;
      live.add(session.sessionId);
    }
    for (const id of this.fleet.sessionIds) if (id !== null && !live.has(id)) this.fleet.remove(id);
    if (fresh || this.fleet.size > 0) await this.restoreCommands(now);
    this.loaded = loaded;
    // Orders starting before the next refresh are known now, so a cap starts on its ISP's first cycle.
    this.congestionOrders = await this.deps.congestion.load(this.portfolioId, now, this.settings.sessionRefreshS * 1000 + ISP_MINUTES * 60_000);
    this.refreshedAtMs = now.getTime();
    await reconcileChannelResults(this.deps.dataSource, this.portfolioId);
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
    const ids = this.fleet.sessionIds.filter((id): id is string => id !== null);
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

  private async persistMarks(nonResponsive: readonly number[], responsive: readonly number[], now: Date): Promise<void> {
    const nowS = now.getTime() / 1000;
    const marked = nonResponsive.map((slot) => this.fleet.sessionIds[slot]).filter((id): id is string => id !== null);
    const reasons = nonResponsive.map((slot) => (nowS - this.fleet.telemetryAtS[slot] > 300 ? 'stale-telemetry' : 'non-responsive'));
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

  /** Books the cycle's requested and delivered deviation to its ISP (stored per activation and ISP). */
  private async track(now: Date, requestedKw: number, deliveredKw: number, activation: 'afrr' | 'fcr' | null): Promise<void> {
    const nowMs = now.getTime();
    const durationS = this.lastTickAtMs === null ? 0 : Math.min(60, (nowMs - this.lastTickAtMs) / 1000);
    if (activation === null || durationS <= 0) return;
    const hours = durationS / 3600;
    const ispStart = Isp.containing(now).start;
    await this.deps.dataSource.query(
      `INSERT INTO dispatch_tracking_isps (portfolio_id, activation, isp_start, target_kwh, measured_kwh, abs_error_kwh, cycles, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, $7)
       ON CONFLICT ON CONSTRAINT pk_dispatch_tracking_isps DO UPDATE SET
         target_kwh = dispatch_tracking_isps.target_kwh + EXCLUDED.target_kwh, measured_kwh = dispatch_tracking_isps.measured_kwh + EXCLUDED.measured_kwh,
         abs_error_kwh = dispatch_tracking_isps.abs_error_kwh + EXCLUDED.abs_error_kwh, cycles = dispatch_tracking_isps.cycles + 1, updated_at = EXCLUDED.updated_at`,
      [this.portfolioId, activation, ispStart, (requestedKw * hours).toFixed(6), (deliveredKw * hours).toFixed(6), (Math.abs(requestedKw - deliveredKw) * hours).toFixed(6), now],
    );
  }

  /** Commands that could not be recorded are forgotten so the next cycle hands them out again. */
  private forget(changed: Int32Array, count: number): void {
    for (let k = 0; k < count; k++) {
      const slot = changed[k];
      this.fleet.commandKw[slot] = this.fleet.previousCommandKw[slot];
    }
  }
}

function kwOf(text: string): number {
  return PowerKw.fromString(text).toFloat64ForOptimisation();
}
