/**
 * What a session is expected to draw under a command (kW). A charging command is a cap: the car
 * draws the command or, when it cannot draw that much, its own maximum. That maximum is often known
 * only from below (an OCPI session carries none; the most the car has drawn so far is a floor of
 * it), so the expectation is a range:
 * - at most min(command, drawKw): more than the cap (or than the car draws uncapped) is not following;
 * - at least min(command, drawKw, knownDrawKw): less than the car is known to be able to draw is not
 *   following. With knownDrawKw 0 (nothing known) any draw up to the cap follows it.
 * A zero or discharge command is expected exactly.
 */
export function expectedDrawHighKw(commandKw: number, drawKw: number): number {
  return commandKw > 0 ? Math.min(commandKw, drawKw) : commandKw;
}

/** The least a session follows `commandKw` with (see expectedDrawHighKw). */
export function expectedDrawLowKw(commandKw: number, drawKw: number, knownDrawKw: number): number {
  return commandKw > 0 ? Math.min(commandKw, drawKw, knownDrawKw) : commandKw;
}

/**
 * What the car is known to be able to draw (kW), for judging whether it follows its commands: the
 * maximum its source stated (OCPP charging needs, the OEM), else the most it has drawn so far (any
 * reading: the car did draw that), never above `bandMaxKw`; 0 when neither is known. Unlike
 * laxityMaxKw (which must not overestimate and so falls back to the least any car draws), a car
 * never seen charging is judged against nothing here: a 3.4 kW car on a 22 kW EVSE is not marked
 * for drawing less than the EVSE's maximum, nor one that has not started for drawing nothing yet;
 * once it draws, its readings set the floor it is held to.
 */
export function knownCarDrawKw(bandMaxKw: number, statedCarMaxKw: number | null, observedMaxKw: number | null): number {
  const known = statedCarMaxKw !== null ? statedCarMaxKw : observedMaxKw !== null ? observedMaxKw : 0;
  return Math.max(0, Math.min(bandMaxKw, known));
}

// Energy within this of the ceiling counts as at it (float noise of the kWh columns).
const FULL_EPS_KWH = 1e-6;

/** Whether the session's energy has reached its ceiling: the car may stop by itself, so drawing nothing follows any cap. */
export function energyAtCeiling(deliveredKwh: number, ceilingKwh: number): boolean {
  return deliveredKwh >= ceilingKwh - FULL_EPS_KWH;
}
