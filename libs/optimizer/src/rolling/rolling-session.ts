/**
 * A real session as the rolling simulator replays it (float64: optimisation and evaluation,
 * never settlement). The actual departure and energy are physics: the EV leaves at its actual
 * departure and stops drawing once it has taken its actual energy (it is full). What the
 * planner may know of them depends on the information regime (`BeliefModel`).
 */
export interface RollingSession {
  readonly id: string;
  readonly arrivalMs: number;
  readonly departureMs: number;
  /** Energy the session actually drew, metered kWh: the most it can take. */
  readonly energyKwh: number;
  /** Highest power the EV and EVSE draw, kW (observed, or a nominal rating: say which). */
  readonly maxPowerKw: number;
  /** What the driver declared at arrival (e.g. ACN user inputs), when the source has it. */
  readonly declaredDepartureMs?: number;
  readonly declaredEnergyKwh?: number;
}

/** What the planner believes of a present session at one instant. */
export interface SessionBelief {
  /** Believed departure: the planner delivers the need by then (later ISPs get nothing). */
  readonly departureMs: number;
  /** Believed total energy need since arrival, metered kWh. */
  readonly needKwh: number;
}

/** What the planner can observe of a present session. */
export interface SessionObservation {
  readonly session: RollingSession;
  readonly deliveredKwh: number;
  /** The EV took less than it was offered while plugged in: it is full. */
  readonly knownFull: boolean;
}

/**
 * An information regime: turns what can be observed at `nowMs` (the session is still plugged
 * in) into a belief. `previous` is the belief the last plan used (undefined at arrival).
 */
export interface BeliefModel {
  readonly name: string;
  beliefAt(observation: SessionObservation, nowMs: number, previous: SessionBelief | undefined): SessionBelief;
}

/** Perfect information: at arrival the actual departure and energy are declared and true. */
export const PERFECT_INFORMATION: BeliefModel = {
  name: 'perfect-information',
  beliefAt: ({ session }) => ({ departureMs: session.departureMs, needKwh: session.energyKwh }),
};

/** Energy the EV can physically take in its dwell at max power (a need above it is infeasible). */
export function deliverableKwh(session: RollingSession): number {
  return Math.min(session.energyKwh, (session.maxPowerKw * (session.departureMs - session.arrivalMs)) / 3_600_000);
}
