import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { DispatcherLoops, TSO_FEED_WS_ENDPOINT, TsoFeedCredentials, TsoFeedWsServer } from '@vpp/dispatch';
import type { CycleReport } from '@vpp/dispatch';
import { Decimal, parseDecimal, PowerKw } from '@vpp/units';
import type { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { DERIVED_AFRR_LABEL } from '../../apps/simulator/src/tso/afrr-from-frequency';
import { SimulatedTso } from '../../apps/simulator/src/tso/simulated-tso';
import { allSettledOrThrow } from './all-settled';
import type { SimulatedDepot } from './depot-stage';
import type { Progress } from './progress';
import type { SimulatedClock } from './sim-clock';

// The loop's production cadence for aFRR (DISPATCH_CYCLE_MS); the sampled window runs at it.
const FINE_STEP_MS = 4_000;
// Outside the sampled window nothing needs 4 s (no activation is fed there): the loop follows the
// schedule and the sessions at this coarser step of simulated time. 5 minutes, not 1: measured on the
// shared 2-core machine with 60 EVs, the 1,380 cycles of a 60-s day took 522 s wall (each refreshes
// the sessions; the CPO reports ride along) against 92 s for the 900 cycles of the 4-s hour, far past
// the 4-minute budget of the 2,000-EV demo.
const DEFAULT_COARSE_STEP_MS = 300_000;
const DEFAULT_WINDOW_MS = 3_600_000;
// The CPOs report their sessions' charging progress (OCPI session kWh) every 15 simulated minutes.
const PROGRESS_EVERY_MS = 900_000;
// Depot stations send meter values every 5 simulated minutes, every minute inside the window.
const DEPOT_METER_COARSE_MS = 300_000;
const DEPOT_METER_FINE_MS = 60_000;
// How long (wall clock) the fan-out gets after the last cycle to answer the commands still in flight.
const DRAIN_MS = 20_000;
// ...and gives up sooner once nothing was answered for this long (wall clock).
const DRAIN_QUIET_MS = 3_000;
const FREQUENCY_FILE = 'frequency-ce-pmu-2019-03-19-part1.csv';

/** A channel's simulated devices, brought to each cycle's instant before the cycle (the OEM cars, oem-stage.ts). */
export interface DayParticipant {
  advance(now: Date, inWindow: boolean): Promise<void>;
  counts(): Record<string, unknown>;
}

/** Something that happens at a simulated instant of the day (e.g. the re-plan), run before that instant's cycle. */
export interface DayEvent {
  /** What the event is, for the wall-clock breakdown (eventsWallS). */
  readonly name: string;
  readonly at: Date;
  readonly run: () => Promise<void>;
}

export interface DayDriverInput {
  readonly app: NestFastifyApplication;
  readonly dataSource: DataSource;
  readonly portfolioId: string;
  readonly clock: SimulatedClock;
  readonly progress: Progress;
  readonly dataDir: string;
  readonly from: Date;
  readonly to: Date;
  /** The sampled window starts here unless an aFRR award picks another hour (see sampledWindow). */
  readonly preferredWindowStart: Date;
  /** They PATCH their sessions' kWh every 15 simulated minutes (reportChargingProgress); the platform turns it into meter values. */
  readonly cpos: readonly SimulatedCpo[];
  readonly depot: SimulatedDepot | null;
  /** The OEM-connected cars: plug events pushed, the platform's OEM polling round on the simulated clock (oem-stage.ts). */
  readonly oem?: DayParticipant | null;
  /**
   * The CPOs' cars plugging in (cpo-plug-ins.ts): brought to each event's instant before the event
   * and to each cycle's before anything else, so the sessions arrived by then are live when a re-plan
   * or a grid operator's event reads them; once more at `to` for the cars arriving after the last cycle.
   */
  readonly plugIns?: DayParticipant | null;
  readonly events: readonly DayEvent[];
  /** Length of the sampled 4-s window; an hour unless given (tests sample a shorter one). */
  readonly windowMs?: number;
  /** Step outside the window; 5 minutes of simulated time unless given. */
  readonly coarseStepMs?: number;
}

interface Resolution {
  cycles: number;
  activeCycles: number;
  maxCommandsPerCycle: number;
  targetKwSum: number;
  measuredKwSum: number;
  /** Wall-clock time the cycles took (ms), with what ran before each cycle (depot, CPO progress, TSO feed). */
  wallMs: number;
  /** The same wall-clock time split by what took it (ms): the loop's tick and each participant before it (depot, OEM and CPO progress run side by side, so theirs overlap). */
  partsMs: Record<string, number>;
}

export interface DayOutcome {
  readonly from: string;
  readonly to: string;
  readonly window: { readonly from: string; readonly to: string; readonly why: string };
  readonly resolution: Record<'coarse' | 'fine', Record<string, unknown>>;
  /** Wall-clock seconds each day event (re-plan, grid operators' events) took. */
  readonly eventsWallS: Record<string, string>;
  /** Wall-clock seconds the fan-out took to answer what was in flight after the last cycle. */
  readonly drainWallS: string;
  /** Session commands per channel:kind:status as the channels answered by the end of the run. */
  readonly commandsByChannel: Record<string, number>;
  readonly meanCommandKw: Record<string, string>;
  /** Wall-clock command-to-answer latency per channel (loopback simulators), from dispatch_commands.latency_ms. */
  readonly channelLatencyMs: Record<string, { readonly answered: number; readonly meanMs: number | null; readonly p95Ms: number | null }>;
  readonly awardsMw: { readonly afrrUp: string | null; readonly afrrDown: string | null; readonly fcr: string | null };
  readonly tso: Record<string, unknown> | null;
  /** Energy-weighted aFRR tracking error over the window from dispatch_tracking_isps; null without aFRR activation. */
  readonly trackingErrorPct: string | null;
  readonly fcr: Record<string, unknown> | null;
  readonly chargingProgress: Record<string, unknown>;
  readonly depot: Record<string, unknown> | null;
  readonly oem: Record<string, unknown> | null;
  readonly meterValues: Record<string, number>;
}

interface Awards {
  readonly afrrUpKw: Decimal;
  readonly afrrDownKw: Decimal;
  readonly fcrKw: Decimal;
}

const newResolution = (): Resolution => ({ cycles: 0, activeCycles: 0, maxCommandsPerCycle: 0, targetKwSum: 0, measuredKwSum: 0, wallMs: 0, partsMs: {} });

/** Runs `work`, adding its wall-clock time to `parts[name]`. */
async function timed<T>(parts: Record<string, number>, name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    parts[name] = (parts[name] ?? 0) + (Date.now() - started);
  }
}

function summarise(r: Resolution, stepS: number, note: string): Record<string, unknown> {
  return {
    stepS,
    cycles: r.cycles,
    activeCycles: r.activeCycles,
    maxCommandsPerCycle: r.maxCommandsPerCycle,
    meanTargetKw: r.cycles === 0 ? null : (r.targetKwSum / r.cycles).toFixed(1),
    meanMeasuredKw: r.cycles === 0 ? null : (r.measuredKwSum / r.cycles).toFixed(1),
    wallS: (r.wallMs / 1000).toFixed(1),
    wallSByPart: Object.fromEntries(Object.entries(r.partsMs).map(([part, ms]) => [part, (ms / 1000).toFixed(1)])),
    note,
  };
}

/** Held capacity per product in a span (max over its ISPs, kW), from the ledger's reservations (the awards after collection). */
async function heldKw(dataSource: DataSource, portfolioId: string, from: Date, to: Date): Promise<Awards> {
  const rows: { product: string; kw: string | null }[] = await dataSource.query(
    `SELECT product, max(kw)::text AS kw FROM (
       SELECT r.product, l.isp_start, sum(l.kw) AS kw FROM reservation_lines l JOIN reservations r ON r.id = l.reservation_id
        WHERE r.portfolio_id = $1 AND r.status = 'held' AND r.product IN ('afrr_up', 'afrr_down', 'fcr') AND l.isp_start >= $2 AND l.isp_start < $3
        GROUP BY r.product, l.isp_start, l.direction) per_isp GROUP BY product`,
    [portfolioId, from, to],
  );
  const of = (product: string): Decimal => parseDecimal(rows.find((r) => r.product === product)?.kw ?? '0');
  return { afrrUpKw: of('afrr_up'), afrrDownKw: of('afrr_down'), fcrKw: of('fcr') };
}

/**
 * The sampled 4-s window: the first whole hour at or after `preferred` in which aFRR capacity is
 * held (else the first such hour of the day), so activation is fed where the portfolio was awarded;
 * without any aFRR award, the hour from `preferred` (dispatch follows the schedule there too).
 */
async function sampledWindow(dataSource: DataSource, portfolioId: string, from: Date, to: Date, preferred: Date, windowMs: number): Promise<{ start: Date; why: string }> {
  const rows: { hour: Date }[] = await dataSource.query(
    `SELECT date_trunc('hour', l.isp_start) AS hour FROM reservation_lines l JOIN reservations r ON r.id = l.reservation_id
      WHERE r.portfolio_id = $1 AND r.status = 'held' AND r.product IN ('afrr_up', 'afrr_down') AND l.kw > 0 AND l.isp_start >= $2 AND l.isp_start < $3
      GROUP BY 1 HAVING count(DISTINCT l.isp_start) = 4 ORDER BY 1`,
    [portfolioId, from, new Date(to.getTime() - windowMs + 1)],
  );
  const hours = rows.map((r) => r.hour);
  const after = hours.find((h) => h.getTime() >= preferred.getTime());
  if (after) return { start: after, why: 'the first whole hour with aFRR capacity held (all four ISPs) from the re-plan on' };
  if (hours.length > 0) return { start: hours[0], why: 'the first whole hour of the day with aFRR capacity held (all four ISPs)' };
  const start = new Date(Math.max(from.getTime(), Math.min(preferred.getTime(), to.getTime() - windowMs)));
  return { start, why: 'no aFRR capacity held on the day: the hour from the re-plan on, schedule following only' };
}

/**
 * One delivery day of dispatch in simulated time. The production PortfolioLoop of the portfolio
 * (DispatcherLoops.createLoop, its lease checked in simulated time) is ticked from `from` to `to`:
 * every 5 minutes of simulated time where nothing needs 4 s, every 4 s over a sampled hour in which the
 * simulated TSO (apps/simulator SimulatedTso, over the dispatcher's WebSocket feed) sends an aFRR
 * setpoint per cycle, DERIVED from the real PMU frequency recording, and the frequency itself when
 * FCR is held, all stamped in simulated time. Along the way the CPOs push each session as its car
 * plugs in (with its driver's need) and report charging progress every 15 minutes, the depot's OCPP
 * stations plug in, meter and leave, and the day's events (the re-plan) run at their instants.
 * Commands fan out to OCPI, OCPP and OEM channels as on a live day.
 */
export async function driveDay(input: DayDriverInput): Promise<DayOutcome> {
  const { app, dataSource, portfolioId, clock, progress } = input;
  const windowMs = input.windowMs ?? DEFAULT_WINDOW_MS;
  const coarseStepMs = input.coarseStepMs ?? DEFAULT_COARSE_STEP_MS;
  const window = await sampledWindow(dataSource, portfolioId, input.from, input.to, input.preferredWindowStart, windowMs);
  const windowEnd = new Date(window.start.getTime() + windowMs);
  const awards = await heldKw(dataSource, portfolioId, window.start, windowEnd);
  const dayAwards = await heldKw(dataSource, portfolioId, input.from, input.to);

  // The TSO feed only where aFRR or FCR is held in the window: a 2019 day trades day-ahead only.
  let tso: SimulatedTso | null = null;
  let slots = 0;
  const afrrKw = Decimal.max(awards.afrrUpKw, awards.afrrDownKw);
  const fcrHeld = awards.fcrKw.gt(0);
  // The derivation is a float control model (apps/simulator); the capacities enter it through the named conversion.
  const mwOf = (kw: Decimal): number => PowerKw.fromString(kw.toFixed(3)).toFloat64ForOptimisation() / 1000;
  const afrrMw = mwOf(afrrKw);
  if (afrrKw.gt(0) || fcrHeld) {
    const feed = await app.get(TsoFeedCredentials, { strict: false }).issue(portfolioId, 'demo simulated TSO');
    const port = app.get(TsoFeedWsServer, { strict: false }).port();
    if (port === undefined) throw new Error('the TSO feed WebSocket is not listening (DISPATCH_TSO_WS_PORT)');
    tso = new SimulatedTso({
      portfolioId, apiKey: feed.apiKey, transport: { kind: 'ws', endpoint: `ws://127.0.0.1:${port}${TSO_FEED_WS_ENDPOINT}` },
      frequencyFile: join(input.dataDir, FREQUENCY_FILE), afrrCapacityMw: afrrMw, afrrUpCapacityMw: mwOf(awards.afrrUpKw), afrrDownCapacityMw: mwOf(awards.afrrDownKw), sendFrequency: fcrHeld, speedup: 1,
    });
    slots = await tso.open();
  }

  const loop = app.get(DispatcherLoops, { strict: false }).createLoop(portfolioId, () => clock.now().getTime());
  const coarse = newResolution();
  const fine = newResolution();
  const events = [...input.events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const progressTotals = { reports: 0, patched: 0, completed: 0 };
  let nextProgressMs = input.from.getTime();
  /** One round of the CPOs' kWh PATCHes at `at`, counted. */
  const reportProgress = async (at: Date): Promise<void> => {
    // Each CPO reports on its own, side by side with the others.
    for (const round of await allSettledOrThrow(input.cpos.map((cpo) => cpo.reportChargingProgress(at)))) {
      progressTotals.patched += round.patched;
      progressTotals.completed += round.completed;
    }
    progressTotals.reports += 1;
  };
  let slot = 0;
  const eventsMs: Record<string, number> = {};
  const note = (r: Resolution, report: CycleReport) => {
    r.cycles += 1;
    if (report.role === 'active') r.activeCycles += 1;
    r.maxCommandsPerCycle = Math.max(r.maxCommandsPerCycle, report.changedCommands);
    r.targetKwSum += report.targetKw;
    r.measuredKwSum += report.measuredKw;
  };
  try {
    let t = input.from.getTime();
    let lastHour = -1;
    while (t < input.to.getTime()) {
      const inWindow = t >= window.start.getTime() && t < windowEnd.getTime();
      const now = new Date(t);
      clock.set(now);
      const r = inWindow ? fine : coarse;
      while (events.length > 0 && events[0].at.getTime() <= t) {
        const event = events.shift() as DayEvent;
        if (input.plugIns) await timed(r.partsMs, 'plugIns', () => (input.plugIns as DayParticipant).advance(event.at, inWindow));
        await timed(eventsMs, event.name, event.run);
      }
      clock.set(now);
      const startedMs = Date.now();
      if (input.plugIns) await timed(r.partsMs, 'plugIns', () => (input.plugIns as DayParticipant).advance(now, inWindow));
      // The depot's stations, the OEM cloud and the CPOs' kWh rounds are independent counterparties
      // acting at the same instant: side by side, as they would be, each in its own order. Their
      // wall-clock parts (wallSByPart) then overlap.
      const progressDue = t >= nextProgressMs;
      if (progressDue) nextProgressMs += PROGRESS_EVERY_MS;
      await allSettledOrThrow([
        input.depot ? timed(r.partsMs, 'depot', () => (input.depot as SimulatedDepot).advance(now, inWindow ? DEPOT_METER_FINE_MS : DEPOT_METER_COARSE_MS)) : Promise.resolve(),
        input.oem ? timed(r.partsMs, 'oem', () => (input.oem as DayParticipant).advance(now, inWindow)) : Promise.resolve(),
        progressDue ? timed(r.partsMs, 'cpoProgress', () => reportProgress(now)) : Promise.resolve(),
      ]);
      if (inWindow && tso !== null && slot < slots) await timed(r.partsMs, 'tso', () => (tso as SimulatedTso).sendSlot(slot++, now));
      // A coarse step never jumps into the window past its start.
      let next = t + (inWindow ? FINE_STEP_MS : coarseStepMs);
      if (!inWindow && next > window.start.getTime() && t < window.start.getTime()) next = window.start.getTime();
      // The loop holds each session's need over the time until it acts again. Outside the window that
      // is two steps: OCPI profiles (start_date_time) and OEM commands (the cloud's clock) act from the
      // instant they were decided, but the depot's OCPP stations act when the command arrives, in
      // wall-clock time while the day jumps 5 simulated minutes per cycle, so such a cap may only act
      // at the next cycle's instant and holds until the cycle after. In the window a step is 4 s and
      // the fan-out's delay stays within the loop's latency margin.
      const report = await timed(r.partsMs, 'tick', () => loop.tick(now, { nextTickInMs: inWindow ? next - t : 2 * (next - t) }));
      note(r, report);
      r.wallMs += Date.now() - startedMs;
      const hour = Math.floor(t / 3_600_000);
      if (hour !== lastHour && hour % 3 === 0) progress.stage('dispatch', `${coarse.cycles} cycles at ${coarseStepMs / 1000} s, ${fine.cycles} at 4 s so far`);
      lastHour = hour;
      t = next;
    }
    clock.set(input.to);
    if (input.plugIns) await input.plugIns.advance(input.to, false);
    // The CPOs' last round of the day, at its end: without it the day's figures would read the kWh
    // of the round before, up to 15 minutes old.
    await reportProgress(input.to);
  } finally {
    await loop.stop(true);
    await tso?.close();
  }
  const drainStarted = Date.now();
  await drainFanOut(dataSource, portfolioId);
  const drainMs = Date.now() - drainStarted;

  const statuses: { key: string; n: number; kw: string }[] = await dataSource.query(
    `SELECT b.channel || ':' || c.kind || ':' || c.status AS key, count(*)::int AS n, round(avg(c.power_kw), 3)::text AS kw
       FROM dispatch_commands c JOIN dispatch_command_batches b ON b.id = c.batch_id WHERE b.portfolio_id = $1 GROUP BY 1 ORDER BY 1`,
    [portfolioId],
  );
  const latency: { channel: string; n: number; mean: number | null; p95: number | null }[] = await dataSource.query(
    `SELECT b.channel, count(c.latency_ms)::int AS n, round(avg(c.latency_ms))::int AS mean,
            percentile_disc(0.95) WITHIN GROUP (ORDER BY c.latency_ms) AS p95
       FROM dispatch_commands c JOIN dispatch_command_batches b ON b.id = c.batch_id
      WHERE b.portfolio_id = $1 AND c.latency_ms IS NOT NULL GROUP BY 1 ORDER BY 1`,
    [portfolioId],
  );
  const tracking: { activation: string; isps: number; target: string | null; measured: string | null; pct: string | null }[] = await dataSource.query(
    `SELECT activation, count(*)::int AS isps, round(sum(target_kwh), 3)::text AS target, round(sum(measured_kwh), 3)::text AS measured,
            CASE WHEN sum(abs(target_kwh)) > 0 THEN round(100 * sum(abs_error_kwh) / sum(abs(target_kwh)), 2)::text END AS pct
       FROM dispatch_tracking_isps WHERE portfolio_id = $1 AND isp_start >= $2 AND isp_start < $3 GROUP BY activation`,
    [portfolioId, window.start, windowEnd],
  );
  const setpoints: { outcome: string; n: number }[] = await dataSource.query(
    `SELECT transport || ':' || outcome AS outcome, count(*)::int AS n FROM dispatch_setpoints WHERE portfolio_id = $1 GROUP BY 1 ORDER BY 1`,
    [portfolioId],
  );
  const meter: { source: string; n: number }[] = await dataSource.query(
    `SELECT coalesce(s.control_channel, 'none') AS source, count(*)::int AS n FROM meter_values m JOIN sessions s ON s.id = m.session_id
      WHERE m.measured_at >= $1 AND m.measured_at < $2 GROUP BY 1 ORDER BY 1`,
    [input.from, input.to],
  );
  const afrr = tracking.find((r) => r.activation === 'afrr');
  const fcr = tracking.find((r) => r.activation === 'fcr');
  const mwText = (kw: Decimal): string | null => (kw.gt(0) ? kw.dividedBy(1000).toFixed(3) : null);
  const tsoSummary = tso?.summary();
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    window: { from: window.start.toISOString(), to: windowEnd.toISOString(), why: window.why },
    resolution: {
      coarse: summarise(coarse, coarseStepMs / 1000, 'the day outside the window: schedule following and the sessions as they come and go, no activation fed'),
      fine: summarise(fine, FINE_STEP_MS / 1000, fcrHeld
        ? 'the sampled hour at the aFRR cycle; FCR droop evaluated at each 4-s cycle on the latest frequency sample (production evaluates every DISPATCH_FCR_EVAL_MS = 1 s while FCR is held)'
        : 'the sampled hour at the aFRR cycle'),
    },
    eventsWallS: Object.fromEntries(Object.entries(eventsMs).map(([name, ms]) => [name, (ms / 1000).toFixed(1)])),
    drainWallS: (drainMs / 1000).toFixed(1),
    commandsByChannel: Object.fromEntries(statuses.map((r) => [r.key, r.n])),
    meanCommandKw: Object.fromEntries(statuses.map((r) => [r.key, r.kw])),
    channelLatencyMs: Object.fromEntries(latency.map((r) => [r.channel, { answered: r.n, meanMs: r.mean, p95Ms: r.p95 }])),
    awardsMw: { afrrUp: mwText(dayAwards.afrrUpKw), afrrDown: mwText(dayAwards.afrrDownKw), fcr: mwText(dayAwards.fcrKw) },
    tso: tsoSummary === undefined ? null : {
      label: `${DERIVED_AFRR_LABEL}: aFRR setpoints derived from the PMU frequency recording ${FREQUENCY_FILE} (PI controller on the frequency deviation as ACE proxy, clamped to the aFRR capacity held in the window, up ${awards.afrrUpKw.dividedBy(1000).toFixed(3)} MW, down ${awards.afrrDownKw.dividedBy(1000).toFixed(3)} MW), stamped in simulated time over the dispatcher's WebSocket feed`,
      setpointsSent: tsoSummary.setpoints,
      frequencySamplesSent: tsoSummary.frequencySamples,
      outcomes: tsoSummary.outcomes,
      stored: Object.fromEntries(setpoints.map((r) => [r.outcome, r.n])),
    },
    trackingErrorPct: afrr?.pct ?? null,
    fcr: fcrHeld || fcr !== undefined ? {
      heldMw: mwText(awards.fcrKw),
      isps: fcr?.isps ?? 0,
      requestedKwh: fcr?.target ?? null,
      deliveredKwh: fcr?.measured ?? null,
      trackingErrorPct: fcr?.pct ?? null,
      label: 'frequency from the real PMU recording (2019-03-19) replayed onto the window, DERIVED timing',
    } : null,
    chargingProgress: { cpos: input.cpos.length, everyMinutes: PROGRESS_EVERY_MS / 60_000, reports: progressTotals.reports, sessionsPatched: progressTotals.patched, sessionsCompleted: progressTotals.completed },
    depot: input.depot === null ? null : { ...input.depot.counts() },
    oem: input.oem ? { ...input.oem.counts() } : null,
    meterValues: Object.fromEntries(meter.map((r) => [r.source, r.n])),
  };
}

/**
 * Waits (wall clock, bounded) until the fan-out has answered every command still recorded or sent,
 * or no answer came for QUIET_MS: an OEM cloud answers a command as its simulated cars move, and
 * they no longer move once the day is over, so its last commands stay sent.
 */
async function drainFanOut(dataSource: DataSource, portfolioId: string): Promise<void> {
  const until = Date.now() + DRAIN_MS;
  let open = Number.POSITIVE_INFINITY;
  let lastAnswerAt = Date.now();
  while (Date.now() < until && Date.now() - lastAnswerAt < DRAIN_QUIET_MS) {
    const rows: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM dispatch_commands c JOIN dispatch_command_batches b ON b.id = c.batch_id
        WHERE b.portfolio_id = $1 AND c.status IN ('recorded', 'sent')`,
      [portfolioId],
    );
    const n = rows[0]?.n ?? 0;
    if (n === 0) return;
    if (n < open) lastAnswerAt = Date.now();
    open = n;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
