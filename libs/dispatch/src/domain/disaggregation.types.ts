/** Tuning of one disaggregation cycle. */
export interface DisaggregationConfig {
  /** Length of a control cycle (aFRR: 4 s); energy bounds are checked over it. */
  readonly cycleS: number;
  /** Hysteresis: a session's command changes only if the change exceeds max(deadbandKw, deadbandPct/100 x |old command|) ... */
  readonly deadbandKw: number;
  readonly deadbandPct: number;
  /** ... or the sign of its deviation from baseline (its obligation) changes, or a constraint forces it. */
  /** Extra laxity (s) kept in reserve: sessions with less laxity are not curtailed for up-regulation. */
  readonly laxityReserveS: number;
  /**
   * Per channel code (DispatchChannel), seconds by which a session's need must be met before its
   * departure: a command reaches the car only after the channel's latency, so a session that must
   * charge at full power has to be told that much earlier (e.g. the measured p95 latency). Default 0.
   */
  readonly departureMarginS?: ArrayLike<number>;
  /**
   * Per channel code, the expected command-to-effect time (s). A session that does not take part in
   * activations (it follows its plan or need, e.g. a slow channel) and whose newer command is not yet
   * visible in its telemetry counts at its measured power until then, so the sessions that do take
   * part cover what it does now rather than what it will do later. Default: counted at its command.
   */
  readonly channelLatencyS?: ArrayLike<number>;
}

export const DEFAULT_DISAGGREGATION: DisaggregationConfig = { cycleS: 4, deadbandKw: 0.5, deadbandPct: 5, laxityReserveS: 0 };

/**
 * Output of one cycle. The arrays are owned by the Disaggregator and overwritten next cycle: copy what
 * must outlive it. Setpoints of unused slots are 0.
 */
export interface DisaggregationResult {
  /** Full setpoint array by slot (kW, positive = charging; for OCPI a cap). Non-responsive slots carry their last command. */
  readonly setpointKw: Float64Array;
  /** Slots whose command changed this cycle (for fan-out): changed[0 .. changedCount). */
  readonly changed: Int32Array;
  readonly changedCount: number;
  readonly targetKw: number;
  /** Fleet power the setpoints add up to (non-responsive sessions counted at their measured power). */
  readonly plannedKw: number;
  /** targetKw - plannedKw: positive = the fleet cannot consume as much as asked, negative = cannot reduce enough. */
  readonly shortfallKw: number;
  /** Power by which sessions' energy need (latest trajectory) or boost could not be honoured because of site limits. */
  readonly unmetNeedKw: number;
  /** Whether the laxity order had to be re-sorted from scratch this cycle (for benchmarks). */
  readonly resorted: boolean;
}
