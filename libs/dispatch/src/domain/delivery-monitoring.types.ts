/** Non-responsive detection tuning. Latencies per channel come from measurement (ChannelLatencyTracker) or assumptions. */
export interface ResponsivenessConfig {
  /** Consecutive mismatching cycles before a session is marked non-responsive (k). */
  readonly mismatchCycles: number;
  /** Consecutive matching cycles before a marked session is trusted again. */
  readonly recoveryCycles: number;
  /** A measurement matches when within max(toleranceKw, tolerancePct/100 x |command|) of the expected power. */
  readonly toleranceKw: number;
  readonly tolerancePct: number;
  /** Telemetry older than this makes the session non-responsive at once. */
  readonly staleAfterS: number;
}

export const DEFAULT_RESPONSIVENESS: ResponsivenessConfig = { mismatchCycles: 5, recoveryCycles: 5, toleranceKw: 0.5, tolerancePct: 10, staleAfterS: 300 };

export interface ResponsivenessChange {
  /** Slots that were just marked non-responsive / responsive again. */
  readonly markedNonResponsive: readonly number[];
  readonly markedResponsive: readonly number[];
}
