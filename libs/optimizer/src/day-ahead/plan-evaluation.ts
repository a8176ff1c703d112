import type { FlexibilityEnvelope } from '@vpp/flexibility/domain';
import {
  EUR_PER_KW_ISP_PER_EUR_MWH,
  ISP_HOURS,
  LIMIT_OVERLOAD_PENALTY_EUR_PER_KWH,
  NEED_SHORTFALL_PENALTY_EUR_PER_KWH,
  ObjectiveBreakdown,
  PlanSlack,
} from './day-ahead-model';
import { NEED_TOLERANCE_KWH } from './headroom-fill';
import { SessionPlanState, storedDeltaKwh } from './session-plan-state';

const POWER_TOLERANCE_KW = 1e-6;

export interface SessionPlanCheck {
  /** Every ISP within [minPowerKw, maxPowerKw]. */
  readonly withinBand: boolean;
  /** Stored energy never above the earliest trajectory, and (when the target is met) never below the latest. */
  readonly withinTrajectory: boolean;
  /** Stored kWh below the envelope's target at departure (0 when met). */
  readonly shortfallStoredKwh: number;
}

/** Checks one session's plan against its own envelope, independent of how it was planned. */
export function checkSessionPlan(envelope: FlexibilityEnvelope, powerKw: ArrayLike<number>): SessionPlanCheck {
  let withinBand = true;
  let withinTrajectory = true;
  let stored = 0;
  const n = envelope.isps.length;
  const trajectory = new Float64Array(n);
  for (let k = 0; k < n; k += 1) {
    const p = powerKw[k];
    if (p > envelope.maxPowerKw[k] + POWER_TOLERANCE_KW || p < envelope.minPowerKw[k] - POWER_TOLERANCE_KW) withinBand = false;
    trajectory[k] = stored += storedDeltaKwh(envelope, p);
    if (stored > envelope.earliestEnergyKwh[k] + NEED_TOLERANCE_KWH) withinTrajectory = false;
  }
  const shortfallStoredKwh = Math.max(0, envelope.targetStoredKwh - stored);
  if (shortfallStoredKwh <= NEED_TOLERANCE_KWH) {
    for (let k = 0; k < n; k += 1) if (trajectory[k] < envelope.latestEnergyKwh[k] - NEED_TOLERANCE_KWH) withinTrajectory = false;
  }
  return { withinBand, withinTrajectory, shortfallStoredKwh: shortfallStoredKwh <= NEED_TOLERANCE_KWH ? 0 : shortfallStoredKwh };
}

export interface PlanEvaluation {
  readonly objective: ObjectiveBreakdown;
  readonly slacks: PlanSlack[];
}

/**
 * Cost and soft-constraint report of a per-session plan, computed from the plan itself (the
 * same for every method, so methods compare like for like). Energy cost covers the sessions'
 * power only (base load and PV are fixed costs); import and export pay the same price.
 */
export function evaluatePlan(state: SessionPlanState): PlanEvaluation {
  const { network, sessions } = state;
  const prices = network.pricesEurPerMwh;
  const slacks: PlanSlack[] = [];
  let energyEur = 0;
  let degradationEur = 0;
  let penaltyEur = 0;
  sessions.forEach((session, s) => {
    const env = session.envelope;
    const power = state.powerKw[s];
    const first = network.sessionFirstIsp[s];
    let stored = 0;
    for (let k = 0; k < power.length; k += 1) {
      energyEur += prices[first + k] * power[k] * EUR_PER_KW_ISP_PER_EUR_MWH;
      degradationEur += Math.abs(power[k]) * ISP_HOURS * env.degradationCostEurPerKwh;
      stored += storedDeltaKwh(env, power[k]);
    }
    if (!env.feasible) slacks.push({ kind: 'need-beyond-envelope', subjectId: session.id, amount: env.shortfallStoredKwh, unit: 'kWh stored' });
    const shortfall = env.targetStoredKwh - stored;
    if (shortfall > NEED_TOLERANCE_KWH) {
      slacks.push({ kind: 'need-shortfall', subjectId: session.id, amount: shortfall, unit: 'kWh stored' });
      penaltyEur += shortfall * NEED_SHORTFALL_PENALTY_EUR_PER_KWH;
    }
  });
  let capacityTariffEur = 0;
  for (let node = 0; node < network.nodeIds.length; node += 1) {
    const net = state.nodeNetKw[node];
    let peak = network.monthToDatePeakKw[node];
    for (let t = 0; t < network.ispCount; t += 1) {
      peak = Math.max(peak, net[t]);
      const over = net[t] - network.importLimitKw[node][t];
      const under = -network.exportLimitKw[node][t] - net[t];
      if (over > POWER_TOLERANCE_KW) slacks.push({ kind: 'import-overload', subjectId: network.nodeIds[node], ispNumber: t + 1, amount: over, unit: 'kW' });
      if (under > POWER_TOLERANCE_KW) slacks.push({ kind: 'export-overload', subjectId: network.nodeIds[node], ispNumber: t + 1, amount: under, unit: 'kW' });
      if (over > POWER_TOLERANCE_KW || under > POWER_TOLERANCE_KW) penaltyEur += Math.max(over, under) * ISP_HOURS * LIMIT_OVERLOAD_PENALTY_EUR_PER_KWH;
    }
    capacityTariffEur += network.capacityTariffEurPerKw[node] * peak;
  }
  const totalEur = energyEur + degradationEur + capacityTariffEur + penaltyEur;
  return { objective: { energyEur, degradationEur, capacityTariffEur, penaltyEur, totalEur }, slacks };
}
