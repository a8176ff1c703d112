import { fillTowardsTarget, ispsCheapestFirst, tightestFirst } from './headroom-fill';
import { SessionPlanState } from './session-plan-state';

/**
 * The plan when the solver cannot give one in time: sessions tightest first (least laxity,
 * ties by index), each charged in its cheapest ISPs (ties by ISP order) up to its target,
 * within its band and the headroom every site and fuse has left. No discharge and no peak
 * shaving: it is the safe plan, not the best one. Same inputs, same output.
 */
export function planGreedy(state: SessionPlanState): void {
  const cheapestFirst = ispsCheapestFirst(state.network.pricesEurPerMwh);
  const withNeed: number[] = [];
  state.sessions.forEach((session, s) => {
    if (session.envelope.targetStoredKwh > 0) withNeed.push(s);
  });
  for (const s of tightestFirst(state, withNeed)) fillTowardsTarget(state, s, cheapestFirst);
}
