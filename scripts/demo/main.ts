import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfigOrExit } from '@vpp/config';
import { EnergyKwh, Money, RoundingMode, gateClosureInstant, parseGateClosureRule } from '@vpp/units';
import { deriveDay, readSessionIndex } from './derived-sessions';
import { dayPrices } from './derived-prices';
import { dayMarketData } from './derived-market-data';
import { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { gridOperatorEvents } from './grid-events-stage';
import { onboardCpos } from './cpo-stage';
import { CpoPlugIns, medianArrival as medianArrivalOf } from './cpo-plug-ins';
import { preparationNotes } from './markets-stage';
import { productsNotOnDay } from './products-of-day';
import { DEMO_CONGESTION_AREAS } from './grid-connections';
import { importFleetSessions, onDemoSite } from './import-sessions';
import { runMarkets, type MarketsOutcome } from './markets-stage';
import { marketDayOptions } from './options';
import { planDay, type PlanOutcome } from './plan-stage';
import { driveDay, type DayOutcome } from './day-driver';
import { depotAssumption, isDepotSession, SimulatedDepot } from './depot-stage';
import { isOemSession, oemAssumption, SimulatedOemFleet } from './oem-stage';
import { liveSessionsAt, poolCpoSites } from './pool-live-sessions';
import { DRIVER_NEEDS_BASIS } from './driver-needs-stage';
import { startPlatform } from './platform';
import { buildPortfolio } from './portfolio';
import { Progress } from './progress';
import { printSummary } from './print-summary';
import { seedParties } from './seed-parties';
import { checkServices, freshDemoDatabase, ServiceDownError } from './services';
import { SimulatedClock } from './sim-clock';
import { notRun, runStage, type StageResult } from './stage-result';
import type { DemoSummary } from './summary';
import { priceUncontrolledCharging } from './uncontrolled-cost';
import { retentionMonthsFor, settleDay, type SettledDay } from './settle-day';

// Six weeks: the forecaster backtests on the last 4 (DEFAULT_HOLDOUT_WEEKS) and trains on the weeks before.
const HISTORY_DAYS = 42;

const kwh = (energy: EnergyKwh): string => energy.toFixed(3, RoundingMode.HALF_EVEN);

export async function runMarketDay(argv: string[] = process.argv.slice(2)): Promise<DemoSummary> {
  const base = loadConfigOrExit({ LOG_LEVEL: 'warn' });
  const options = marketDayOptions(base.dataDir, argv);
  const { day } = options;
  const databaseUrl = new URL(base.database.url);
  databaseUrl.pathname = `/${options.database}`;
  // The day is in the past: telemetry retention long enough that its meter values are not quarantined as too old (settle-day.ts).
  const retentionMonths = retentionMonthsFor(day, new Date());
  const env = { DATABASE_URL: databaseUrl.toString(), LOG_LEVEL: base.log.level, TELEMETRY_RETENTION_MONTHS: String(retentionMonths) };
  const clock = new SimulatedClock(day.plusDays(-1).start);
  const progress = new Progress(clock);
  const stages: Record<string, StageResult> = {};
  const derived: string[] = [];

  progress.stage('services', `PostgreSQL ${databaseUrl.host}, Redis ${base.redis.url}`);
  try {
    await checkServices(base);
  } catch (error) {
    if (error instanceof ServiceDownError) {
      process.stderr.write(`demo: a service does not answer.\n${error.message}\n`);
      process.exit(69); // EX_UNAVAILABLE
    }
    throw error;
  }
  const migrations = await freshDemoDatabase({ ...base, database: { ...base.database, url: env.DATABASE_URL } });
  progress.stage('database', `${options.database} created afresh, ${migrations} migrations applied`);

  const inputsDir = join(options.outDir, 'inputs');
  mkdirSync(inputsDir, { recursive: true });
  const index = await readSessionIndex(options.sessionsPath);
  const sessions = deriveDay(index, day, options.evs);
  // Every session on its demo site (import-sessions.ts), the same for the history, the CPOs' pushes and the figures.
  const history = Array.from({ length: HISTORY_DAYS }, (_, k) => deriveDay(index, day.plusDays(-(k + 1)), options.evs).sessions).flat().map(onDemoSite);
  const daySessions = sessions.sessions.map(onDemoSite);
  const from = sessions.movedFrom.length > 6 ? `${sessions.movedFrom.slice(0, 6).join(', ')} and ${sessions.movedFrom.length - 6} more weeks` : sessions.movedFrom.join(', ');
  if (sessions.moved > 0) derived.push(`sessions DERIVED: ${sessions.moved} sessions of the same weekday from ${from} moved onto ${day.isoDate} (local time of day kept${sessions.sourceZone === 'Europe/Amsterdam' ? '' : `: ${sessions.sourceZone} wall clock read as Europe/Amsterdam`}); the file holds ${sessions.original} on the day`);
  if (sessions.replicated > 0) derived.push(`sessions REPLICATED: ${sessions.replicated} copies of the day's sessions (each on its own EVSE) to reach --evs ${options.evs}`);
  derived.push(`history DERIVED: the ${HISTORY_DAYS} days before ${day.isoDate}, each built by the same rule with --evs ${options.evs} sessions (${history.length} in all), so the forecaster learns a fleet of the demo's size`);
  derived.push('sites ASSUMED: the source charge points grouped into 20 demo sites, each charge point an EVSE of its site; each site operated by one of the 3 CPOs (sites dealt out in turn) and, for the fleet owners\' own records of the day, 10 sites per fleet owner');
  derived.push(`CPO history ASSUMED: each CPO hands over its past sessions (the ${HISTORY_DAYS} derived days) at its sites as a CDR export, imported and linked to the OCPI Locations and EVSEs it pushes, so the forecaster learns at the sites where the day's sessions arrive`);
  const prices = dayPrices(day, base.dataDir, inputsDir, options.pricesPath);
  if (prices.derived) derived.push(prices.derived);
  const market = dayMarketData(base.dataDir, day, options.imbalancePath);
  progress.stage('inputs', `${sessions.sessions.length} sessions for the day (${sessions.original} own, ${sessions.moved} moved, ${sessions.replicated} replicated), ${history.length} history; prices ${relative(process.cwd(), prices.path)}`);

  // A share of the day's cars are OEM-connected (oem-stage.ts): their maker's simulated cloud starts first, the platform is configured with it.
  const oemSessions = daySessions.filter((_, i) => isOemSession(i, daySessions.length));
  const oemFleet = oemSessions.length === 0 ? null : await SimulatedOemFleet.start(oemSessions, clock);
  const platform = await startPlatform({ ...env, ...oemFleet?.env }, prices, market, clock, options.evs);
  const { config } = platform;
  const missingProducts = await productsNotOnDay(platform.dataSource, day);
  if (market.derivedAfrr !== null && missingProducts['afrr-capacity-nl'] === undefined) derived.push(market.derivedAfrr);
  if (market.derivedGopacs !== null && missingProducts['idcons-nl'] === undefined) derived.push(market.derivedGopacs);
  if (market.derivedAfrrEnergy !== null && missingProducts['afrr-energy-nl'] === undefined) derived.push(market.derivedAfrrEnergy);
  if (missingProducts['idcons-nl'] === undefined) derived.push(`GOPACS volumes DERIVED: the day's cleared buckets scaled so the largest equals ${platform.gopacsPortfolioMw.toString()} MW (2.5 kW per EV, ASSUMED), others in proportion`);
  derived.push(`FCR capacity price ASSUMED: ${config.gateways.sim.fcrPricesEurPerMwH.join(', ')} EUR/MW/h per block (GATEWAYS_SIM_FCR_PRICES_EUR_PER_MW_H; no public FCR auction data)`);
  derived.push(`planner capacity prices ASSUMED: FCR ${config.planning.capacityPricesEurPerMwH.fcr}, aFRR up ${config.planning.capacityPricesEurPerMwH.afrrUp}, aFRR down ${config.planning.capacityPricesEurPerMwH.afrrDown} EUR/MW/h (PLANNING_CAPACITY_PRICES_EUR_PER_MW_H)`);
  let plan: PlanOutcome | null = null;
  let markets: MarketsOutcome | null = null;
  let cpos: SimulatedCpo[] = [];
  let depot: SimulatedDepot | null = null;
  let trackingErrorPct: string | null = null;
  let dispatchedDay: DayOutcome | null = null;
  let depotError: string | null = null;
  let oemError: string | null = null;
  let oemSessionFigures: Record<string, unknown> | null = null;
  let settledDay: SettledDay | null = null;
  try {
    progress.stage('platform', `PlatformModule on ${platform.baseUrl}; exchange, TSO and GOPACS simulated on loopback`);
    const parties = await seedParties(platform.dataSource, platform.baseUrl, config.auth.apiKeyDefaultTtlDays);
    progress.stage('parties', 'aggregator, 2 fleet owners, 3 CPOs, OEM, BRP, DSO, each with an API key');
    const imported = await importFleetSessions(platform.app, config, parties, day, { history, day: daySessions }, inputsDir);
    progress.stage('import', imported.reports.map((r) => `${r.imported} imported (${r.rowsRead} read)`).join('; '));
    const portfolio = await buildPortfolio(platform.baseUrl, parties, options.evs);
    derived.push(`prequalified capacity ASSUMED: ${Object.entries(portfolio.prequalifiedKw).map(([p, kw]) => `${p} ${kw} kW`).join(', ')}`);
    // A share of the day's cars charge at the first fleet owner's OCPP depot instead (depot-stage.ts); the CPOs push the rest.
    const depotSessions = daySessions.filter((_, i) => isDepotSession(i, daySessions.length));
    const cpoSessions = daySessions.filter((_, i) => !isDepotSession(i, daySessions.length) && !isOemSession(i, daySessions.length));
    // The CPOs join before the day is planned: OCPI handshake, their Locations pushed (linked to the
    // sites of their past sessions), delegation, their sites pooled with grid connections.
    const onboarded = await onboardCpos(platform.baseUrl, platform.dataSource, parties.operator, parties.cpos, { history, day: cpoSessions }, clock.now(), () => clock.now());
    cpos = onboarded.cpoObjects;
    progress.stage('cpos', `3 CPOs registered over OCPI 2.2.1, ${onboarded.locations} Locations with ${onboarded.evses} EVSEs pushed (${onboarded.linked.sites} sites, ${onboarded.linked.evses} EVSEs of their past sessions)`);
    const pooledSites = await poolCpoSites(platform.baseUrl, platform.dataSource, parties, portfolio.portfolioId);
    const eans = pooledSites.eans;
    derived.push('grid connections ASSUMED: each CPO site (OCPI Location) gets an EAN, import/export limit max(1,000 kW, its EVSEs summed), fuse 1.25x, the demo DSO; half the sites in congestion area demo-area-north, half in demo-area-south');
    progress.stage('portfolio', `${pooledSites.siteIds.length} CPO sites pooled in FCR, aFRR, day-ahead and congestion`);

    // The day-ahead plan as known before the first gate (FCR, D-1 08:00), less the gate's safety margin and an hour.
    const knownAt = new Date(gateClosureInstant(parseGateClosureRule('D-1 08:00'), day).getTime() - (config.markets.gateSafetyMarginMinutes + 60) * 60_000);
    clock.set(knownAt);
    const planned = await runStage(() => planDay(platform.app, platform.dataSource, portfolio.portfolioId, day, knownAt));
    plan = planned.value;
    stages.plan = planned.result ?? { ...plan, status: 'ran', knownAt: knownAt.toISOString() };
    progress.stage('plan', planned.error ?? `run ${plan?.runId} ${plan?.planStatus}: ${plan?.forecastCohorts} forecast cohorts, ${plan?.liveSessions} live sessions, ${plan?.plannedMwh} MWh planned (${plan?.priceSource} prices)`);

    const traded = await runStage(() => runMarkets(platform.app, platform.dataSource, config, day, clock, progress));
    markets = traded.value;
    stages.markets = traded.result ?? { status: 'ran', ...markets, productsWithoutVersion: missingProducts, preparations: await preparationNotes(platform.dataSource, day) };
    progress.stage('awards', traded.error ?? `${markets?.collected} gates collected; awards MW ${JSON.stringify(markets?.awardsMwByMarket)}`);
    if (markets?.reserveHeadroom?.cohortEligibility?.includes('ASSUMED')) derived.push(`reserve eligibility ASSUMED: ${markets.reserveHeadroom.cohortEligibility}`);

    // The day itself: each CPO pushes a session over OCPI as its car plugs in, and its driver states
    // the need then (cpo-plug-ins.ts), as the day driver reaches the arrival. The three stages keep
    // their place in the summary; they get the counts gathered over the day once it is driven.
    clock.set(day.start);
    const plugIns = new CpoPlugIns({ baseUrl: platform.baseUrl, dataSource: platform.dataSource, operator: parties.operator, portfolioId: portfolio.portfolioId, day, cpos, sessions: cpoSessions });
    const notDriven = cpoSessions.length === 0 ? 'no session of the day is at a CPO site' : 'the day was not driven (see stages.dispatch)';
    stages.cpos_ocpi = notRun(`the CPOs push each session as its car plugs in: ${notDriven}`);
    stages.pool_live_sessions = notRun(`no CPO session was pushed: ${notDriven}`);
    stages.driver_needs = notRun('no live sessions were pooled');
    // The grid operators' events (GOPACS IDCONS, the DSO's UFTP FlexRequest) at their instants of the day, each answered from
    // the day planned again as known at its instant, with the live sessions arrived by then (grid-events-stage.ts).
    const replanForEvent = async (at: Date, reason: string): Promise<void> => {
      const replanned = await runStage(() => planDay(platform.app, platform.dataSource, portfolio.portfolioId, day, at));
      stages[`replan_${reason}`] = replanned.result ?? { ...replanned.value, status: 'ran', knownAt: at.toISOString() };
      progress.stage('replan', replanned.error ?? `for ${reason}: run ${replanned.value?.runId} ${replanned.value?.planStatus}: ${replanned.value?.forecastCohorts} forecast cohorts, ${replanned.value?.liveSessions} live sessions, ${replanned.value?.plannedMwh} MWh planned`);
    };
    const grid = gridOperatorEvents({
      app: platform.app, baseUrl: platform.baseUrl, dataSource: platform.dataSource, config, day, clock, progress, portfolioId: portfolio.portfolioId, parties,
      idconsMissing: missingProducts['idcons-nl'], gopacsBuckets: market.gopacsBuckets, gopacsPortfolioMw: platform.gopacsPortfolioMw,
      idconsPoint: { pointEan: eans.get(pooledSites.siteIds[0]) ?? '', congestionArea: DEMO_CONGESTION_AREAS[0] }, replan: replanForEvent,
    }, stages);
    const depotRun = depotSessions.length === 0 ? null : await runStage(() => SimulatedDepot.start(platform.baseUrl, parties.fleetOwners[0], parties.operator, portfolio.portfolioId, depotSessions, clock.now()));
    depot = depotRun?.value ?? null;
    depotError = depotRun?.error ?? null;
    if (depotRun?.value) derived.push(depotAssumption(depotSessions.length, parties.fleetOwners[0].name));
    progress.stage('depot', depotRun?.error ?? `${depotSessions.length} OCPP 2.1 stations booted at the depot, site pooled`);
    const oemRun = oemFleet === null ? null : await runStage(() => oemFleet.link(platform.baseUrl, parties, portfolio.portfolioId));
    oemError = oemRun?.error ?? null;
    if (oemRun?.value) derived.push(oemAssumption(oemRun.value.linked, parties.fleetOwners[1].name));
    progress.stage('oem', oemRun?.error ?? `${oemRun?.value?.linked ?? 0} OEM-connected cars linked to the simulated OEM cloud, their wallboxes' site pooled`);
    // The day is planned again as known once half of the CPOs' sessions had arrived (the planner takes a
    // session from its arrival on, in place of the forecast cohorts that arrived by then), at the next ISP
    // boundary of the dispatched day; by then the plug-ins have pushed those sessions.
    const medianArrival = medianArrivalOf(cpoSessions, day);
    if (medianArrival !== null) {
      const replanAt = new Date(Math.ceil(medianArrival.getTime() / 900_000) * 900_000);
      const replan = async (): Promise<void> => {
        clock.set(replanAt);
        const replanned = await runStage(() => planDay(platform.app, platform.dataSource, portfolio.portfolioId, day, replanAt));
        stages.replan = replanned.result ?? { ...replanned.value, status: 'ran', knownAt: replanAt.toISOString() };
        progress.stage('replan', replanned.error ?? `run ${replanned.value?.runId} ${replanned.value?.planStatus}: ${replanned.value?.forecastCohorts} forecast cohorts, ${replanned.value?.liveSessions} live sessions, ${replanned.value?.plannedMwh} MWh planned`);
      };

      // The whole delivery day of dispatch (day-driver.ts): 5-min cycles, 4-s cycles over a sampled hour with the TSO feed.
      const dispatched = await runStage(() => driveDay({
        app: platform.app, dataSource: platform.dataSource, portfolioId: portfolio.portfolioId, clock, progress, dataDir: base.dataDir,
        from: day.start, to: day.end, preferredWindowStart: replanAt, cpos, depot, plugIns, events: [{ name: 'replan', at: replanAt, run: replan }, ...grid.events],
        oem: oemRun?.value && oemFleet !== null ? oemFleet.participant(platform.app, platform.baseUrl, platform.dataSource) : null,
      }));
      stages.dispatch = dispatched.result ?? { status: 'ran', ...dispatched.value };
      trackingErrorPct = dispatched.value?.trackingErrorPct ?? null;
      dispatchedDay = dispatched.value;
      if (oemFleet !== null && oemRun?.value) {
        const figures = await runStage(() => oemFleet.outcome(platform.dataSource, day.end));
        oemSessionFigures = figures.value ?? { error: figures.error };
      }
      progress.stage('dispatch', dispatched.error ?? `${JSON.stringify(dispatched.value?.resolution.coarse.cycles)} cycles at ${JSON.stringify(dispatched.value?.resolution.coarse.stepS)} s, ${JSON.stringify(dispatched.value?.resolution.fine.cycles)} at 4 s; commands ${JSON.stringify(dispatched.value?.commandsByChannel)}`);

      // What the CPOs and their drivers did over the day, read once it is driven (or stopped).
      const counts = plugIns.counts();
      const pushedAt = 'each session at its plug-in: PUT as ACTIVE (start = its arrival in the data) at the first instant the day driver reaches at or after its arrival (cycles 5 simulated minutes apart, 4 s in the sampled hour), in arrival order; its driver states the need right after';
      const cpoRun = await runStage(() => plugIns.outcome());
      const pushError = plugIns.pushError ?? cpoRun.error;
      stages.cpos_ocpi = pushError !== null
        ? { status: 'failed', error: pushError }
        : { status: 'ran', cpos: onboarded.cpos, locations: onboarded.locations, evses: onboarded.evses, linkedToPastSessions: onboarded.linked, pushedAt, sessionsPushed: cpoRun.value?.sessionsPushed, pushedPerParty: counts.pushedPerParty, sessionsStored: cpoRun.value?.sessionsStored, maxPushDelayS: counts.maxPushDelayS, notYetArrived: counts.notYetArrived };
      progress.stage('cpos', pushError ?? `${counts.sessionsPushed} sessions pushed at plug-in over the day (stored per party: ${JSON.stringify(cpoRun.value?.sessionsStored)})`);
      const pooled = await runStage(() => liveSessionsAt(platform.dataSource, pooledSites.siteIds, day));
      stages.pool_live_sessions = pooled.result ?? { status: 'ran', sites: pooledSites.siteIds.length, liveSessions: pooled.value?.liveSessions, note: 'the day\'s live sessions at the pooled CPO sites, each pushed as its car plugged in' };
      progress.stage('pool', pooled.error ?? `${pooled.value?.liveSessions ?? 0} live sessions at the ${pooledSites.siteIds.length} CPO sites`);
      if (counts.sessionsPushed > 0) {
        stages.driver_needs = plugIns.needsError !== null
          ? { status: 'failed', error: plugIns.needsError }
          : { status: 'ran', stated: counts.needsStated, unmatched: counts.unmatched, departedBeforeStated: counts.departedBeforeStated, basis: DRIVER_NEEDS_BASIS };
        if (counts.needsStated > 0) derived.push(`driver needs ${DRIVER_NEEDS_BASIS}`);
      }
      progress.stage('needs', `${counts.needsStated} drivers stated their energy need and departure at plug-in (${counts.unmatched} unmatched, ${counts.departedBeforeStated} left before their session was pushed)`);
    }
    // Events the day driver did not reach (it did not run: no CPO session on the day) run in order now.
    await grid.runRemaining();
    // The day has ended: the settlement pipeline closes it, the parties download their reports, the figures are read (settle-day.ts).
    const imbalancePath = options.imbalancePath ?? `${base.dataDir}/imbalance-prices-nl-2023-15min.csv`;
    settledDay = await settleDay({
      app: platform.app, dataSource: platform.dataSource, config, clock, progress, parties, portfolioId: portfolio.portfolioId, day, prices, imbalancePath,
      sessions: daySessions, baseUrl: platform.baseUrl, outDir: options.outDir, retentionMonths,
    });
    Object.assign(stages, settledDay.stages);
    derived.push(...settledDay.derived);
  } finally {
    await depot?.close();
    await oemFleet?.close();
    await Promise.all(cpos.map((cpo) => cpo.stop()));
    await platform.close();
  }
  stages.dso_flex_request ??= notRun('the platform stopped before the DSO\'s FlexRequest (see the failed stage)');
  const oemStage = oemError !== null ? { status: 'failed', error: oemError } : dispatchedDay?.oem ? { ...dispatchedDay.oem, sessions: oemSessionFigures } : { status: 'not_run', reason: oemFleet === null ? 'no OEM cars on a day this small' : 'the day was not driven (see stages.dispatch)' };
  stages.ocpp_depot_oem = depotError !== null ? { status: 'failed', error: `OCPP depot: ${depotError}; OEM: ${JSON.stringify(oemStage)}` } : dispatchedDay?.depot
    ? { status: 'ran', ocppDepot: dispatchedDay.depot, oem: oemStage }
    : notRun(`the OCPP depot was not driven (see stages.dispatch); OEM: ${JSON.stringify(oemStage)}`);
  stages.dispatch ??= notRun('no CPO session arrives on the day, so there is no live session to re-plan and dispatch');
  stages.meter_values = dispatchedDay === null
    ? notRun('the day was not driven (see stages.dispatch): no CPO progress reports, no depot meter values')
    : { status: 'ran', storedPerChannel: dispatchedDay.meterValues, cpoProgress: dispatchedDay.chargingProgress, note: 'CPOs: OCPI session kWh PATCHes (SimulatedCpo.reportChargingProgress) every 15 simulated minutes; depot: OCPP TransactionEvent meter values every 5 simulated minutes (every minute in the sampled hour); OEM cars: the platform\'s polls of the simulated OEM cloud at the same cadence, plus the plug events it pushes (energy MEASURED: the car\'s charged-energy counter)' };
  stages.settlement ??= notRun('the demo stopped before the day was settled (see the stages above)');
  stages.reports ??= notRun('settlement reports follow settlement');

  const uncontrolled = priceUncontrolledCharging(day, daySessions, prices.series, sessions.nominalEvseKw);
  const energy = daySessions.reduce((sum, s) => sum.add(s.energy), EnergyKwh.zero());
  const uncontrolledCost = Money.sum(uncontrolled.perIsp.map((line) => line.cost), 'EUR');
  derived.push(`uncontrolled baseline ASSUMED: each session draws its observed max power (else the layout's nominal EVSE rating, ${sessions.nominalEvseKw.toString()} kW) from arrival until its energy is delivered; the data records no profile; energy drawn after the day ends is not priced`);
  const summary: DemoSummary = {
    day: day.isoDate,
    isps: day.ispCount,
    evs: options.evs,
    sessions: sessions.sessions.length,
    sessions_feasible: sessions.sessions.length - uncontrolled.infeasibleSessions,
    sessions_need_met: settledDay?.mobility?.needMet ?? null,
    sessions_left_early: settledDay?.mobility?.leftEarly ?? null,
    energy_kwh: kwh(energy),
    bids: markets?.bidsByMarket ?? {},
    awards_mw: markets?.awardsMwByMarket ?? {},
    delivered_mwh: settledDay?.ledger?.deliveredMwh ?? null,
    tracking_error_pct: trackingErrorPct,
    revenue_eur: settledDay?.ledger?.revenueEur ?? null,
    allocation_eur: settledDay?.ledger?.allocationEur ?? null,
    uncontrolled_cost_eur: uncontrolledCost.roundToCents().toFixed(2, RoundingMode.HALF_EVEN),
    optimised_cost_eur: settledDay?.cost?.optimisedCostEur ?? null,
    ledger_total_eur: settledDay?.ledger?.ledgerTotalEur ?? null,
    reconciles: settledDay?.ledger?.reconciles ?? null,
    derived_inputs: derived,
    reports: settledDay?.reports ?? [],
    stages,
  };
  mkdirSync(options.outDir, { recursive: true });
  const summaryPath = join(options.outDir, 'summary.json');
  writeFileSync(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  printSummary(summary, summaryPath, progress.elapsedMs);
  return summary;
}
