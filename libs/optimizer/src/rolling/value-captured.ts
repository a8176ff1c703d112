import type { SessionOutcome } from './rolling-simulator';

/**
 * (uncontrolled - planned) / (uncontrolled - perfect foresight): the share of the saving an
 * all-knowing planner would make that this planner makes. NaN when there is nothing to save.
 */
export function valueCaptured(uncontrolledEur: number, plannedEur: number, perfectForesightEur: number): number {
  const possible = uncontrolledEur - perfectForesightEur;
  return possible > 0 ? (uncontrolledEur - plannedEur) / possible : Number.NaN;
}

export interface OutcomeSummary {
  readonly sessions: number;
  readonly feasible: number;
  /** Feasible sessions that did not leave early: the mobility promise applies to them. */
  readonly promised: number;
  readonly promisedMet: number;
  /** 100 x promisedMet / promised. */
  readonly needMetPct: number;
  /** Sessions that left before the departure the planner used (declared or forecast), counted apart. */
  readonly leftEarly: number;
  readonly leftEarlyNeedMet: number;
  /** Promised sessions whose need was missed although they stayed past the first departure: they left before a later, updated one. */
  readonly missedAfterUpdatedDeparture: number;
  /** 100 x met / feasible over every feasible session, early leavers included. */
  readonly needMetPctAllFeasible: number;
  readonly deliveredKwh: number;
  readonly deliverableKwh: number;
}

export function summariseOutcomes(outcomes: readonly SessionOutcome[]): OutcomeSummary {
  let feasible = 0;
  let promised = 0;
  let promisedMet = 0;
  let leftEarly = 0;
  let leftEarlyNeedMet = 0;
  let missedAfterUpdatedDeparture = 0;
  let feasibleMet = 0;
  let deliveredKwh = 0;
  let deliverable = 0;
  for (const o of outcomes) {
    deliveredKwh += o.deliveredKwh;
    deliverable += o.deliverableKwh;
    if (o.feasible) feasible += 1;
    if (o.feasible && o.needMet) feasibleMet += 1;
    if (o.leftEarly) {
      leftEarly += 1;
      if (o.needMet) leftEarlyNeedMet += 1;
    } else if (o.feasible) {
      promised += 1;
      if (o.needMet) promisedMet += 1;
      else if (o.leftBeforeBelief) missedAfterUpdatedDeparture += 1;
    }
  }
  return {
    sessions: outcomes.length,
    feasible,
    promised,
    promisedMet,
    needMetPct: promised === 0 ? 100 : (100 * promisedMet) / promised,
    leftEarly,
    leftEarlyNeedMet,
    missedAfterUpdatedDeparture,
    needMetPctAllFeasible: feasible === 0 ? 100 : (100 * feasibleMet) / feasible,
    deliveredKwh,
    deliverableKwh: deliverable,
  };
}
