import type { DeliveryDay } from '@vpp/units';
import type { AggregationMember, ReserveProduct } from '../../domain/aggregation/aggregation-member';
import { DEFAULT_CHARGE_EFFICIENCY_F64, flexibilityEnvelope, type FlexibilityEnvelope } from '../../domain/flexibility-envelope';
import { boostSchedule } from '../../domain/planning/boost-schedule';
import { cutToDay } from '../../domain/planning/day-cut';
import { weightedEnvelope } from '../../domain/planning/weighted-envelope';
import type { PlanForecast, PlanLiveSession, PlanSite, SiteControlChannel } from './plan-inputs';

/** aFRR needs full activation within 5 min (MARKETS.md section 2), FCR within 30 s (section 1): the channel's measured p95 must fit. */
export const AFRR_MAX_LATENCY_MS = 300_000;
export const FCR_MAX_LATENCY_MS = 30_000;

export type PlanSubjectKind = 'session' | 'boost' | 'forecast';

/** One thing with a schedule in the plan: a flexible session, a boost (fixed) or a forecast cohort. */
export interface PlanSubject {
  readonly ref: string;
  readonly siteId: string;
  readonly kind: PlanSubjectKind;
  /** For the optimiser (scaled by the weight for cohorts); absent for boosts. */
  readonly envelope?: FlexibilityEnvelope;
  /** Fixed power per ISP of the day (boosts). */
  readonly fixedPowerKw?: Float64Array;
  readonly member?: AggregationMember;
}

export interface SkippedSession {
  readonly sessionId: string;
  readonly reason: string;
}

/**
 * The site's import limit (under its fuse) as one EV's share of it; a site without a grid
 * connection has no limit to keep (loadPlanSites), so the EV's own maximum stands in, keeping the
 * envelope finite.
 */
export function siteShareOf(site: PlanSite | undefined, ownMaxKw: number): number {
  const limit = site ? Math.min(site.limits.importLimitKw, site.limits.fuseLimitKw ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  return Number.isFinite(limit) ? limit : ownMaxKw;
}

export function eligibleProducts(latencyP95Ms: number | null): ReserveProduct[] {
  if (latencyP95Ms === null) return [];
  const products: ReserveProduct[] = [];
  if (latencyP95Ms <= FCR_MAX_LATENCY_MS) products.push('fcr');
  if (latencyP95Ms <= AFRR_MAX_LATENCY_MS) products.push('afrr');
  return products;
}

/**
 * Command-to-effect p95 per channel until a channel and party has a measured estimate, ms. ASSUMED
 * (no public measurement), the same figures as the dispatcher's allowance until measurements exist
 * (libs/dispatch ASSUMED_CHANNEL_LATENCY_S): OCPP ~1-10 s, OCPI ~30-60 s (CPO backend + profile
 * push), OEM ~60-120 s (cloud round trip to the car). So by default an OCPI or OEM site may serve
 * aFRR (5 min) but not FCR (30 s); an OCPP site both.
 */
export const ASSUMED_CHANNEL_P95_MS: Readonly<Record<SiteControlChannel['channel'], number>> = { ocpp: 10_000, ocpi: 60_000, oem: 120_000 };
/** Samples a measured estimate needs before it replaces the assumed figure (the dispatcher's rule too); below it the worse of both counts. */
export const MIN_LATENCY_SAMPLES = 20;

export interface SiteReserveEligibility {
  readonly products: ReserveProduct[];
  /** The site's worst channel p95 the products follow from, ms; null without a steerable channel. */
  readonly latencyP95Ms: number | null;
  /** `measured` when every channel had enough samples, `assumed` when a default stood in for any, `none` without a channel. */
  readonly basis: 'measured' | 'assumed' | 'none';
  /** The channel (and party) of the worst p95, e.g. `ocpi NL*CPA`. */
  readonly worstChannel: string | null;
}

/**
 * Which reserve products cohorts at a site may serve before their cars arrive: the site's control
 * channels are known (its charge points are reached over OCPI through a CPO party, or OCPP), and
 * the cohort's cars will be steered over one of them, so the site's worst channel p95 decides
 * (conservative). Per channel: the measured p95 once it has MIN_LATENCY_SAMPLES samples, else the
 * worse of the assumed default and any thinner measurement. No steerable channel: no product.
 */
export function siteReserveEligibility(channels: readonly SiteControlChannel[]): SiteReserveEligibility {
  let worst: { p95Ms: number; label: string } | null = null;
  let assumed = false;
  for (const c of channels) {
    const enough = c.measured !== null && c.measured.samples >= MIN_LATENCY_SAMPLES;
    const p95Ms = enough ? c.measured!.p95Ms : Math.max(ASSUMED_CHANNEL_P95_MS[c.channel], c.measured?.p95Ms ?? 0);
    if (!enough) assumed = true;
    if (worst === null || p95Ms > worst.p95Ms) worst = { p95Ms, label: c.party === null ? c.channel : `${c.channel} ${c.party}` };
  }
  if (worst === null) return { products: [], latencyP95Ms: null, basis: 'none', worstChannel: null };
  return { products: eligibleProducts(worst.p95Ms), latencyP95Ms: worst.p95Ms, basis: assumed ? 'assumed' : 'measured', worstChannel: worst.label };
}

/**
 * A live session's products: from its channel's measured p95, else from the channel's ASSUMED
 * default, the same rule as for cohorts at its site (siteReserveEligibility), so a car does not
 * lose the products its cohort was planned with just by arriving before its channel was measured.
 */
export function sessionReserveProducts(session: Pick<PlanLiveSession, 'latencyP95Ms' | 'controlChannel'>): ReserveProduct[] {
  if (session.latencyP95Ms !== null) return eligibleProducts(session.latencyP95Ms);
  return session.controlChannel == null ? [] : eligibleProducts(ASSUMED_CHANNEL_P95_MS[session.controlChannel]);
}

/**
 * Live sessions as plan subjects: cut at the day's edges, with a boost as a fixed full-power
 * schedule and everything else as an envelope. Skips (and says why) sessions without a departure
 * or a computable need, and those with nothing inside the day.
 */
export function liveSubjects(
  sessions: readonly PlanLiveSession[],
  sites: ReadonlyMap<string, PlanSite>,
  day: DeliveryDay,
  knownAt: Date,
  degradationEurPerKwh: number,
): { subjects: PlanSubject[]; skipped: SkippedSession[] } {
  const subjects: PlanSubject[] = [];
  const skipped: SkippedSession[] = [];
  for (const s of sessions) {
    if (s.departure === null) skipped.push({ sessionId: s.sessionId, reason: 'no expected departure' });
    else if (s.need === null) skipped.push({ sessionId: s.sessionId, reason: 'no energy need (nor target SoC with a measured SoC and battery size)' });
    else {
      const site = sites.get(s.siteId);
      const siteShareKw = siteShareOf(site, Math.min(s.evMaxChargeKw ?? s.evseMaxKw, s.evseMaxKw));
      const maxChargeKw = Math.min(s.evMaxChargeKw ?? s.evseMaxKw, s.evseMaxKw, siteShareKw);
      const cut = cutToDay({ arrival: s.arrival, departure: s.departure, from: knownAt, remainingNeedKwh: s.need.kwh, maxChargeKw, day });
      if (cut === null) skipped.push({ sessionId: s.sessionId, reason: 'nothing of the session lies inside the delivery day after known_at' });
      else if (s.boostRequestedAt !== null && s.boostRequestedAt.getTime() <= knownAt.getTime()) {
        subjects.push({ ref: s.sessionId, siteId: s.siteId, kind: 'boost', fixedPowerKw: boostSchedule(cut, s.need.kwh, maxChargeKw, day).powerKw });
      } else {
        const battery = s.batteryKwh !== null && s.socPct !== null ? { capacityKwh: s.batteryKwh, arrivalSoc: s.socPct / 100 } : undefined;
        const v2g = s.v2g ? { ...s.v2g, minSoc: (s.minSocPct ?? 0) / 100 } : undefined;
        const envelope = flexibilityEnvelope({
          arrival: cut.start,
          departure: cut.end,
          energyNeedKwh: cut.inDayNeedKwh,
          evMaxPowerKw: s.evMaxChargeKw ?? s.evseMaxKw,
          evseMaxPowerKw: s.evseMaxKw,
          siteShareKw,
          battery,
          v2g,
          chargeEfficiency: DEFAULT_CHARGE_EFFICIENCY_F64,
          degradationCostEurPerKwh: degradationEurPerKwh,
        });
        // A declared departure has no distribution: the plan counts on the EV until it (P10 = expected).
        const member: AggregationMember = { id: s.sessionId, envelope, departure: { expected: s.departure, p10: s.departure }, eligibleProducts: sessionReserveProducts(s) };
        subjects.push({ ref: s.sessionId, siteId: s.siteId, kind: 'session', envelope, member });
      }
    }
  }
  return { subjects, skipped };
}

/**
 * Forecast cohorts as plan subjects: one envelope per EV on the cohort's expected departure and
 * P50 need, cut at the day's end like a live session, weighted by the expected arrivals for the
 * optimiser. A cohort serves the reserve products its site's control channels allow
 * (siteReserveEligibility: the worst channel of the site); none at a site without a steerable channel.
 */
export function forecastSubjects(forecasts: readonly PlanForecast[], sites: ReadonlyMap<string, PlanSite>, day: DeliveryDay, knownAt: Date, degradationEurPerKwh: number): PlanSubject[] {
  const subjects: PlanSubject[] = [];
  for (const forecast of forecasts) {
    const site = sites.get(forecast.siteId);
    const products = siteReserveEligibility(site?.controlChannels ?? []).products;
    for (const m of forecast.members) {
      const siteShareKw = siteShareOf(site, m.maxPowerKw);
      const maxChargeKw = Math.min(m.maxPowerKw, siteShareKw);
      if (!(maxChargeKw > 0) || m.arrival.getTime() < knownAt.getTime()) continue;
      const cut = cutToDay({ arrival: m.arrival, departure: m.expectedDeparture, from: knownAt, remainingNeedKwh: m.energyNeedKwh.p50, maxChargeKw, day });
      if (cut === null) continue;
      const envelope = flexibilityEnvelope({
        arrival: cut.start,
        departure: cut.end,
        energyNeedKwh: cut.inDayNeedKwh,
        evMaxPowerKw: m.maxPowerKw,
        evseMaxPowerKw: m.maxPowerKw,
        siteShareKw,
        degradationCostEurPerKwh: degradationEurPerKwh,
      });
      const member: AggregationMember = {
        id: m.memberId,
        envelope,
        departure: { expected: m.expectedDeparture, p10: m.p10Departure },
        weight: m.weight,
        eligibleProducts: products,
      };
      subjects.push({ ref: m.memberId, siteId: forecast.siteId, kind: 'forecast', envelope: weightedEnvelope(envelope, m.weight), member });
    }
  }
  return subjects;
}
