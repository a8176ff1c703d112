import type { FlexibilityEnvelope } from '@vpp/flexibility/domain';
import { DayAheadSession, ISP_HOURS } from './day-ahead-model';
import type { SiteNetwork } from './site-network';

/**
 * A planning unit: one session (exact model) or a group of sessions that share everything the
 * LP sees except their size (grouped model). Bounds are exact sums over the members: power per
 * ISP, and the earliest (upper) and latest (lower) cumulative stored-energy trajectories. The
 * aggregate is therefore a relaxation of the members' own models that is tight whenever the
 * group's plan splits back into member plans; the grouping key is chosen so that it does.
 */
export interface PlanUnit {
  readonly members: Int32Array;
  /** 0-based day ISP of the unit's first ISP, and its length. */
  readonly firstIsp: number;
  readonly ispCount: number;
  /** Innermost site or fuse that can bind, -1 when none. */
  readonly keyNode: number;
  readonly v2g: boolean;
  readonly chargeEfficiency: number;
  readonly dischargeEfficiency: number;
  readonly degradationCostEurPerKwh: number;
  readonly maxChargeKw: Float64Array;
  /** Positive kW. */
  readonly maxDischargeKw: Float64Array;
  readonly upperStoredKwh: Float64Array;
  readonly lowerStoredKwh: Float64Array;
  /** Sum of min(latest, 0): the SoC floors (V2G), always reachable by not discharging. */
  readonly floorStoredKwh: Float64Array;
  readonly targetStoredKwh: number;
}

/**
 * EVSE/vehicle power classes, kW (upper edges): 1-phase 16 A, 1-phase 32 A, 3-phase 16 A,
 * 3-phase 32 A, then DC. Members of a class differ by less than the step between classes.
 */
const POWER_CLASS_EDGES_KW = [3.7, 7.4, 11, 22, 50, 150];
const POWER_CLASS_SLACK_KW = 0.05;

export function powerClassOf(envelope: FlexibilityEnvelope): number {
  let nominalKw = 0;
  for (let k = 0; k < envelope.isps.length; k += 1) {
    if (envelope.presentFraction[k] > 0) nominalKw = Math.max(nominalKw, envelope.maxPowerKw[k] / envelope.presentFraction[k]);
  }
  const index = POWER_CLASS_EDGES_KW.findIndex((edge) => nominalKw <= edge + POWER_CLASS_SLACK_KW);
  return index < 0 ? POWER_CLASS_EDGES_KW.length : index;
}

/**
 * Need level = target / energy at full power over the whole window, rounded up to 1/steps.
 * Relative rather than absolute kWh because what decides whether a group splits back exactly
 * is how tight members are (laxity), not their size.
 */
export function needLevelOf(envelope: FlexibilityEnvelope, steps: number): number {
  let fullKwh = 0;
  for (let k = 0; k < envelope.isps.length; k += 1) fullKwh += envelope.maxPowerKw[k] * ISP_HOURS * envelope.chargeEfficiency;
  if (envelope.targetStoredKwh <= 0 || fullKwh <= 0) return 0;
  return Math.min(steps, Math.ceil((envelope.targetStoredKwh / fullKwh) * steps - 1e-9));
}

/** Sessions nobody can steer (no need, no V2G) plan to zero without a unit. */
function needsUnit(envelope: FlexibilityEnvelope): boolean {
  return envelope.v2gAllowed || envelope.targetStoredKwh > 0;
}

const RIGID_TOLERANCE_KWH = 1e-9;

/**
 * A session whose earliest and latest trajectories coincide (full power all the way: a need
 * that takes the whole dwell, or a best effort) has one possible plan. Under no site or fuse
 * that can bind, nothing else depends on it, so it is planned directly, outside the LP
 * (exact; about 15 % of the real sessions cut at midnight are like this).
 */
export function isRigidAndUnconstrained(envelope: FlexibilityEnvelope, s: number, network: SiteNetwork): boolean {
  if (envelope.v2gAllowed || network.bindingChain[network.sessionSiteNode[s]].length > 0) return false;
  for (let k = 0; k < envelope.isps.length; k += 1) {
    if (envelope.earliestEnergyKwh[k] - envelope.latestEnergyKwh[k] > RIGID_TOLERANCE_KWH) return false;
  }
  return true;
}

function newUnit(members: number[], sessions: readonly DayAheadSession[], network: SiteNetwork): PlanUnit {
  const s0 = members[0];
  const first = network.sessionFirstIsp[s0];
  const n = network.sessionIspCount[s0];
  const e0 = sessions[s0].envelope;
  const chain = network.bindingChain[network.sessionSiteNode[s0]];
  const maxChargeKw = new Float64Array(n);
  const maxDischargeKw = new Float64Array(n);
  const upperStoredKwh = new Float64Array(n);
  const lowerStoredKwh = new Float64Array(n);
  const floorStoredKwh = new Float64Array(n);
  let targetStoredKwh = 0;
  for (const s of members) {
    const env = sessions[s].envelope;
    targetStoredKwh += env.targetStoredKwh;
    for (let k = 0; k < n; k += 1) {
      maxChargeKw[k] += env.maxPowerKw[k];
      maxDischargeKw[k] -= env.minPowerKw[k];
      upperStoredKwh[k] += env.earliestEnergyKwh[k];
      lowerStoredKwh[k] += env.latestEnergyKwh[k];
      floorStoredKwh[k] += Math.min(env.latestEnergyKwh[k], 0);
    }
  }
  return {
    members: Int32Array.from(members),
    firstIsp: first,
    ispCount: n,
    keyNode: chain.length > 0 ? chain[0] : -1,
    v2g: e0.v2gAllowed,
    chargeEfficiency: e0.chargeEfficiency,
    dischargeEfficiency: e0.dischargeEfficiency,
    degradationCostEurPerKwh: e0.degradationCostEurPerKwh,
    maxChargeKw,
    maxDischargeKw,
    upperStoredKwh,
    lowerStoredKwh,
    floorStoredKwh,
    targetStoredKwh,
  };
}

/** One unit per session that needs one (the exact per-session model). */
export function sessionUnits(sessions: readonly DayAheadSession[], network: SiteNetwork): PlanUnit[] {
  const units: PlanUnit[] = [];
  sessions.forEach((session, s) => {
    if (needsUnit(session.envelope) && !isRigidAndUnconstrained(session.envelope, s, network)) units.push(newUnit([s], sessions, network));
  });
  return units;
}

/**
 * Groups sessions for the grouped model. Key: the innermost site or fuse that can bind (nodes
 * that cannot bind are not in the model, so sessions under them share groups across sites),
 * arrival ISP, departure ISP, power class, need level, charge and discharge efficiency and
 * degradation cost (these enter the LP's coefficients, so they must be equal, not close).
 * V2G sessions stay single: their SoC floors and mixed charge/discharge within an ISP would
 * not split back exactly. Groups are ordered by their first member (input order).
 */
export function groupedUnits(sessions: readonly DayAheadSession[], network: SiteNetwork, needLevelSteps: number): PlanUnit[] {
  const groups = new Map<string, number[]>();
  sessions.forEach((session, s) => {
    const env = session.envelope;
    if (!needsUnit(env) || isRigidAndUnconstrained(env, s, network)) return;
    const chain = network.bindingChain[network.sessionSiteNode[s]];
    const key = env.v2gAllowed
      ? `v2g:${s}`
      : [
          chain.length > 0 ? chain[0] : -1,
          network.sessionFirstIsp[s],
          network.sessionIspCount[s],
          powerClassOf(env),
          needLevelOf(env, needLevelSteps),
          env.chargeEfficiency,
          env.dischargeEfficiency,
          env.degradationCostEurPerKwh,
        ].join('|');
    const members = groups.get(key);
    if (members) members.push(s);
    else groups.set(key, [s]);
  });
  return [...groups.values()].map((members) => newUnit(members, sessions, network));
}
