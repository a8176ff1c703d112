import { BLOCKS_PER_DAY, type DeliveryDay } from '@vpp/units';
import { coOptimiseReserves, planDayAhead, type DayAheadSite, type ObjectiveBreakdown, type PlanSlack, type ReservePlan } from '@vpp/optimizer';
import { aggregatePortfolio, type PortfolioAggregate } from '../../domain/aggregation/portfolio-aggregate';
import { dayAheadSiteOf } from '../../domain/site-services/site-services-mapping';
import { touPricesForDay } from '../../domain/site-services/site-services-mapping';
import { ASSUMED_FEED_IN_EUR_PER_MWH, pvSelfConsumptionPrices } from '../../domain/site-services/pv-self-consumption';
import type { PlanInputs, PlanSite } from './plan-inputs';
import { ASSUMED_CHANNEL_P95_MS, forecastSubjects, liveSubjects, MIN_LATENCY_SAMPLES, siteReserveEligibility, type PlanSubject, type SiteReserveEligibility, type SkippedSession } from './plan-members';

/** The portfolio per ISP of the day (float64; rounded once when stored). */
export interface PortfolioIsps {
  readonly plannedKw: Float64Array;
  readonly upAvailableKw: Float64Array;
  readonly downAvailableKw: Float64Array;
  readonly batteryMinKw: Float64Array;
  readonly batteryMaxKw: Float64Array;
  readonly batteryEarliestKwh: Float64Array;
  readonly batteryLatestKwh: Float64Array;
}

export interface PlannedSubject {
  readonly ref: string;
  readonly siteId: string;
  readonly kind: PlanSubject['kind'];
  /** kW per ISP of the day. */
  readonly powerKw: Float64Array;
}

export interface PortfolioDayPlan {
  readonly method: string;
  readonly solverStatus: string;
  readonly reserveStatus: string;
  readonly objective: Record<string, unknown>;
  readonly slacks: readonly PlanSlack[];
  readonly reserves: Record<string, unknown>;
  readonly inputsSummary: Record<string, unknown>;
  readonly subjects: readonly PlannedSubject[];
  readonly portfolio: PortfolioIsps;
}

const ZERO_OBJECTIVE: ObjectiveBreakdown = { energyEur: 0, degradationEur: 0, capacityTariffEur: 0, penaltyEur: 0, totalEur: 0 };

/**
 * The plan of one portfolio for one delivery day from loaded inputs (issue 4 items 4, 5 and 7):
 * subjects (live sessions, boosts, forecast cohorts), the day-ahead schedule per price group
 * (sites on a time-of-use tariff plan against their own tariff, the rest against the market
 * prices), the portfolio aggregate at the configured quantile and the reserve co-optimisation.
 * Boosts are fixed site load, so no optimisation moves them.
 */
export async function planPortfolioDay(inputs: PlanInputs): Promise<PortfolioDayPlan> {
  const { day, knownAt } = inputs;
  const ispCount = day.ispCount;
  const sites = new Map(inputs.sites.map((site) => [site.limits.siteId, site]));
  const live = liveSubjects(inputs.sessions, sites, day, knownAt, inputs.options.degradationEurPerKwh);
  const forecast = forecastSubjects(inputs.forecasts, sites, day, knownAt, inputs.options.degradationEurPerKwh);
  const subjects = [...live.subjects, ...forecast];

  const planned: PlannedSubject[] = [];
  const objective = { ...ZERO_OBJECTIVE };
  const slacks: PlanSlack[] = [];
  const methods = new Set<string>();
  const solverStatuses = new Set<string>();
  const groups = priceGroups(inputs.sites, day, inputs.marketPrices.pricesEurPerMwh);
  for (const group of groups) {
    const groupSiteIds = new Set(group.sites.map((site) => site.limits.siteId));
    const boosts = subjects.filter((s) => s.kind === 'boost' && groupSiteIds.has(s.siteId));
    const flexible = subjects.filter((s) => s.envelope !== undefined && groupSiteIds.has(s.siteId));
    for (const boost of boosts) planned.push({ ref: boost.ref, siteId: boost.siteId, kind: 'boost', powerKw: boost.fixedPowerKw! });
    if (flexible.length === 0) continue;
    const dayAheadSites = group.sites.map((site) => withFixedLoad(siteOf(site, day), boosts.filter((b) => b.siteId === site.limits.siteId), ispCount));
    const pvSite = group.sites.length === 1 && dayAheadSites[0].pvKw ? dayAheadSites[0] : undefined;
    const plan = await planDayAhead({
      day,
      pricesEurPerMwh: pvSite ? pvSelfConsumptionPrices(group.prices, pvSite.pvKw!, pvSite.baseLoadKw, chargeCapacityKw(day, flexible)) : group.prices,
      sessions: flexible.map((s) => ({ id: s.ref, siteId: s.siteId, envelope: s.envelope! })),
      sites: dayAheadSites,
    });
    methods.add(plan.method);
    solverStatuses.add(plan.solverStatus);
    for (const key of Object.keys(objective) as (keyof ObjectiveBreakdown)[]) objective[key] += plan.objective[key];
    slacks.push(...plan.slacks);
    flexible.forEach((s, i) => planned.push({ ref: s.ref, siteId: s.siteId, kind: s.kind, powerKw: onDay(day, s.envelope!.isps[0].start, plan.sessionPowerKw[i]) }));
  }

  const members = subjects.flatMap((s) => (s.member ? [s.member] : []));
  const aggregate = aggregatePortfolio(members, { horizon: day.isps(), reserveConfidence: inputs.options.reserveConfidence });
  const reserves = members.length === 0 ? undefined : await coOptimise(inputs, aggregate);

  const plannedKw = new Float64Array(ispCount);
  for (const subject of planned) for (let k = 0; k < ispCount; k += 1) plannedKw[k] += subject.powerKw[k];
  const band = aggregate.reserveBands.any;
  return {
    method: methods.size === 0 ? 'nothing-to-optimise' : [...methods].join(','),
    solverStatus: solverStatuses.size === 0 ? 'not run' : [...solverStatuses].join(','),
    reserveStatus: reserves?.status ?? 'not run (no flexible members)',
    objective: { dayAhead: objective, reserves: reserves ? reserveObjective(reserves) : null },
    slacks,
    reserves: reserves ? reserveSummary(reserves, inputs) : { blocks: [], note: 'no flexible members' },
    inputsSummary: summary(inputs, subjects, live.skipped, groups.length),
    subjects: planned,
    portfolio: {
      plannedKw,
      upAvailableKw: band.upwardKw,
      downAvailableKw: band.downwardKw,
      batteryMinKw: aggregate.battery.minPowerKw,
      batteryMaxKw: aggregate.battery.maxPowerKw,
      batteryEarliestKwh: aggregate.battery.earliestEnergyKwh,
      batteryLatestKwh: aggregate.battery.latestEnergyKwh,
    },
  };
}

interface PriceGroup {
  readonly key: string;
  readonly prices: Float64Array;
  readonly sites: PlanSite[];
}

/**
 * Sites on a time-of-use tariff or with PV self-consumption are planned on their own prices (each
 * its own group: ToU replaces the market prices, PV lowers the prices of its surplus hours); the
 * rest plan together on the market's.
 */
function priceGroups(sites: readonly PlanSite[], day: DeliveryDay, marketPrices: Float64Array): PriceGroup[] {
  const market: PriceGroup = { key: 'market', prices: marketPrices, sites: [] };
  const groups: PriceGroup[] = [market];
  for (const site of sites) {
    const tariff = site.services?.tariff;
    const prices = tariff?.kind === 'time-of-use' ? touPricesForDay(tariff.periods, day) : marketPrices;
    if (tariff?.kind === 'time-of-use' || site.services?.pvProfileKw) groups.push({ key: `site:${site.limits.siteId}`, prices, sites: [site] });
    else market.sites.push(site);
  }
  return groups.filter((group) => group.sites.length > 0);
}

/** What the subjects could draw per ISP of the day at full power. */
function chargeCapacityKw(day: DeliveryDay, subjects: readonly PlanSubject[]): Float64Array {
  const capacity = new Float64Array(day.ispCount);
  for (const s of subjects) {
    const onTheDay = onDay(day, s.envelope!.isps[0].start, s.envelope!.maxPowerKw);
    for (let k = 0; k < capacity.length; k += 1) capacity[k] += onTheDay[k];
  }
  return capacity;
}

function siteOf(site: PlanSite, day: DeliveryDay): DayAheadSite {
  return dayAheadSiteOf(site.limits, site.services, day, site.monthToDatePeakKw);
}

/** Boosts join the site's uncontrolled load: the optimiser plans the rest around them. */
function withFixedLoad(site: DayAheadSite, boosts: readonly PlanSubject[], ispCount: number): DayAheadSite {
  if (boosts.length === 0) return site;
  const baseLoadKw = new Float64Array(ispCount);
  if (site.baseLoadKw) for (let k = 0; k < ispCount; k += 1) baseLoadKw[k] = site.baseLoadKw[k];
  for (const boost of boosts) for (let k = 0; k < ispCount; k += 1) baseLoadKw[k] += boost.fixedPowerKw![k];
  return { ...site, baseLoadKw };
}

/** A per-envelope-ISP series laid on the day's ISPs. */
function onDay(day: DeliveryDay, firstIspStart: Date, series: ArrayLike<number>): Float64Array {
  const out = new Float64Array(day.ispCount);
  const offset = Math.round((firstIspStart.getTime() - day.start.getTime()) / 900_000);
  for (let k = 0; k < series.length; k += 1) out[offset + k] = series[k];
  return out;
}

async function coOptimise(inputs: PlanInputs, aggregate: PortfolioAggregate): Promise<ReservePlan> {
  const prices = inputs.options.capacityPrices;
  const blockPrices = Array.from({ length: BLOCKS_PER_DAY }, () => ({ fcrEurPerMwH: prices.fcr, afrrUpEurPerMwH: prices.afrrUp, afrrDownEurPerMwH: prices.afrrDown }));
  const band = (pool: 'any' | 'fcr' | 'afrr') => ({
    maxPowerKw: aggregate.reserveBands[pool].maxPowerKw,
    minPowerKw: aggregate.reserveBands[pool].minPowerKw,
    firmShare: aggregate.reserveBands[pool].firmShare,
  });
  return coOptimiseReserves({
    day: inputs.day,
    battery: aggregate.battery,
    bands: { any: band('any'), fcr: band('fcr'), afrr: band('afrr') },
    dayAheadPriceEurPerMwh: inputs.marketPrices.pricesEurPerMwh,
    blockPrices,
    maxMw: inputs.prequalifiedMw,
  });
}

function reserveObjective(plan: ReservePlan): Record<string, number> {
  return { energyCostEur: plan.energyCostEur, degradationCostEur: plan.degradationCostEur, capacityRevenueEur: plan.capacityRevenueEur, netCostEur: plan.netCostEur };
}

function reserveSummary(plan: ReservePlan, inputs: PlanInputs): Record<string, unknown> {
  return {
    status: plan.status,
    solverStatus: plan.solverStatus,
    ...(plan.fallbackReason ? { fallbackReason: plan.fallbackReason } : {}),
    blocks: plan.blocks.map((b) => ({ start: b.block.start.toISOString(), end: b.block.end.toISOString(), fcrMw: b.fcrMw, afrrUpMw: b.afrrUpMw, afrrDownMw: b.afrrDownMw, revenueEur: b.revenueEur })),
    capacityPrices: inputs.options.capacityPricesNote,
  };
}

function summary(inputs: PlanInputs, subjects: readonly PlanSubject[], skipped: readonly SkippedSession[], priceGroupCount: number): Record<string, unknown> {
  const count = (kind: PlanSubject['kind']) => subjects.filter((s) => s.kind === kind).length;
  const assumptions = [
    inputs.options.capacityPricesNote,
    `assumed: degradation ${inputs.options.degradationEurPerKwh} EUR/kWh of throughput for every vehicle (no per-model value stored)`,
    'assumed: live sessions with a declared departure stay until it (P10 departure = declared departure)',
    'assumed: nothing is charged between known_at and the day start (D-1 plans count the whole remaining need)',
    cohortEligibilityNote(inputs),
    ...(inputs.marketPrices.source === 'naive-week-before' ? [inputs.marketPrices.note] : []),
    ...inputs.forecasts.flatMap((f) => f.assumptions),
  ];
  if (inputs.sites.some((s) => s.services?.pvProfileKw)) {
    assumptions.push(
      `assumed: PV surplus is worth ${ASSUMED_FEED_IN_EUR_PER_MWH} EUR/MWh fed in; PV sites plan on prices lowered by the share of full-power charging the surplus covers (an approximation of self-consumption)`,
    );
  }
  if (inputs.sites.some((s) => s.services?.capacityTariffEurPerKwMonth && s.peakSource === 'sessions-measured-power')) {
    assumptions.push("month-to-date peak from the sessions' own measured power (no site meter): other site load is not in it");
  }
  return {
    knownAt: inputs.knownAt.toISOString(),
    sites: inputs.sites.length,
    liveSessions: inputs.sessions.length,
    plannedSessions: count('session'),
    boosts: count('boost'),
    forecastCohorts: count('forecast'),
    skippedSessions: skipped,
    needOverrides: inputs.sessions.filter((s) => s.needOrigin.need.endsWith('override') || s.needOrigin.departure.endsWith('override')).map((s) => s.sessionId),
    forecasts: inputs.forecasts.map((f) => ({ siteId: f.siteId, forecastId: f.forecastId, source: f.source, knownAt: f.knownAt.toISOString(), cohorts: f.members.length })),
    forecastNotes: inputs.forecastNotes,
    cohortEligibility: cohortEligibility(inputs),
    // The bid builders price bids from the plan's own per-ISP prices and cost parameters (libs/markets StoredPlanSource).
    prices: { source: inputs.marketPrices.source, note: inputs.marketPrices.note, eurPerMwh: Array.from(inputs.marketPrices.pricesEurPerMwh) },
    degradationEurPerKwh: inputs.options.degradationEurPerKwh,
    priceGroups: priceGroupCount,
    reserveConfidence: inputs.options.reserveConfidence,
    assumptions,
  };
}

/** Per forecast site, the reserve products its cohorts serve and why (siteReserveEligibility). */
function cohortEligibility(inputs: PlanInputs): (SiteReserveEligibility & { siteId: string })[] {
  const sites = new Map(inputs.sites.map((site) => [site.limits.siteId, site]));
  return inputs.forecasts.map((f) => ({ siteId: f.siteId, ...siteReserveEligibility(sites.get(f.siteId)?.controlChannels ?? []) }));
}

function cohortEligibilityNote(inputs: PlanInputs): string {
  const rows = cohortEligibility(inputs);
  const count = (basis: string) => rows.filter((r) => r.basis === basis).length;
  const defaults = Object.entries(ASSUMED_CHANNEL_P95_MS).map(([channel, ms]) => `${channel} ${ms / 1000} s`).join(', ');
  const assumed = count('assumed');
  return `forecast cohorts serve the reserve products their site's worst control channel allows (FCR p95 <= 30 s, aFRR <= 5 min): ${count('measured')} forecast sites on measured channel latency, `
    + `${assumed} on ${assumed > 0 ? 'ASSUMED ' : ''}default p95 (${defaults}; used until a channel and party has ${MIN_LATENCY_SAMPLES} samples), ${count('none')} without a steerable channel (no reserve product)`;
}
