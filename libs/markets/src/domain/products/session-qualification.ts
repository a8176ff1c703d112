import type { BidDirection, MarketProductRules, QualifyingChannel } from './market-product';

/** What libs/fleet knows of a session's steering (QualifiedSession: channel, channel_latency p95, discharge). */
export interface SessionSteering {
  readonly channel: QualifyingChannel;
  /** Measured p95 command latency of the session's channel and party; null when never measured. */
  readonly latencyP95Ms: number | null;
  readonly canDischarge: boolean;
}

export type QualificationProblem = 'CHANNEL_NOT_QUALIFIED' | 'LATENCY_UNMEASURED' | 'LATENCY_TOO_HIGH' | 'DISCHARGE_REQUIRED';

/**
 * Why a session may not serve `direction` of a product (empty: it may). aFRR asks full activation
 * within 5 min and FCR within 30 s, so the channel's measured p95 must be within that; an
 * unmeasured channel does not qualify for a latency-bound product; directions only V2G can
 * deliver (day-ahead sell) need a session that may discharge.
 */
export function qualificationProblems(rules: MarketProductRules, direction: BidDirection, session: SessionSteering): QualificationProblem[] {
  const { channels, maxLatencyP95Ms, dischargeRequiredFor } = rules.qualification;
  const problems: QualificationProblem[] = [];
  if (!channels.includes(session.channel)) problems.push('CHANNEL_NOT_QUALIFIED');
  if (maxLatencyP95Ms !== null && session.latencyP95Ms === null) problems.push('LATENCY_UNMEASURED');
  if (maxLatencyP95Ms !== null && session.latencyP95Ms !== null && session.latencyP95Ms > maxLatencyP95Ms) problems.push('LATENCY_TOO_HIGH');
  if (dischargeRequiredFor.includes(direction) && !session.canDischarge) problems.push('DISCHARGE_REQUIRED');
  return problems;
}
