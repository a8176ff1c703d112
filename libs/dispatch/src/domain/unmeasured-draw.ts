import { DispatchFleet } from './dispatch-fleet';

/**
 * Label of every figure that counts sessions without telemetry at an estimated power.
 * ASSUMED (no measurement): such a session draws what it was last told (a charging command capped
 * at what the car draws), or its planned baseline before any command.
 */
export const UNMEASURED_DRAW_ASSUMPTION =
  'ASSUMED: a session without any meter value yet is counted at its last command (charging capped at its draw), or at its planned baseline before one';

/**
 * A session without telemetry has an unknown draw, not a draw of 0 kW. Until its first meter value it
 * is counted at an estimate (UNMEASURED_DRAW_ASSUMPTION), so:
 * - the responsiveness monitor neither sees it "ignore" a command nor credits it with following one:
 *   its telemetryAtS (the arrival) ages, and once older than the grace window (staleAfterS) it is
 *   marked stale and non-responsive; the disaggregator then holds it at this estimate and moves its
 *   share to sessions that respond, instead of capping it to 0 kW for want of data;
 * - fleet sums (planned power, site load, tracking) see the power it most likely draws.
 * Call once per cycle after telemetry was folded in and before the monitor; returns how many
 * sessions are counted at an estimate.
 */
export function estimateUnmeasuredDraw(fleet: DispatchFleet): number {
  let estimated = 0;
  const { active, measured, commandKw, drawKw, baselineKw, measuredKw } = fleet;
  for (let i = 0; i < fleet.slotCount; i++) {
    if (active[i] === 0 || measured[i] === 1) continue;
    const command = commandKw[i];
    const told = Number.isNaN(command) ? baselineKw[i] : command;
    measuredKw[i] = told > 0 ? Math.min(told, drawKw[i]) : told;
    estimated++;
  }
  return estimated;
}
