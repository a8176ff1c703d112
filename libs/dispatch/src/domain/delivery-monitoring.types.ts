import { DISPATCH_CHANNEL_NAMES, type DispatchChannelName } from './dispatch-channel';

/** Non-responsive detection tuning. Latencies per channel come from measurement (ChannelLatencyTracker) or assumptions. */
export interface ResponsivenessConfig {
  /** Consecutive mismatching cycles before a session is marked non-responsive (k). */
  readonly mismatchCycles: number;
  /** Consecutive matching cycles before a marked session is trusted again. */
  readonly recoveryCycles: number;
  /** A measurement matches when within max(toleranceKw, tolerancePct/100 x |command|) of the expected power. */
  readonly toleranceKw: number;
  readonly tolerancePct: number;
  /** A session that never reported is stale (non-responsive) once its arrival is older than this (its grace window). */
  readonly staleAfterS: number;
  /**
   * Per channel code, how old a session's latest reading may grow before it is stale: a channel is
   * judged by its own reporting cadence. Default: `staleAfterS` for every channel.
   */
  readonly channelStaleAfterS?: ArrayLike<number>;
}

/**
 * ASSUMED reporting cadences (no spec fixes them): OCPP meter values every minute or so (the CSMS
 * configures the sample interval), stale after 5 minutes; an OCPI CPO updates its sessions about
 * every 15 minutes (the platform cannot ask for more), stale after two missed rounds; OEM states are
 * polled every 5 minutes, stale after three missed polls.
 */
export const ASSUMED_CHANNEL_STALE_AFTER_S: Readonly<Record<DispatchChannelName, number>> = { ocpi: 1800, ocpp: 300, oem: 900 };

export const DEFAULT_RESPONSIVENESS: ResponsivenessConfig = {
  mismatchCycles: 5,
  recoveryCycles: 5,
  toleranceKw: 0.5,
  tolerancePct: 10,
  staleAfterS: 300,
  channelStaleAfterS: Float64Array.from(DISPATCH_CHANNEL_NAMES, (name) => ASSUMED_CHANNEL_STALE_AFTER_S[name]),
};

/** Whether a session's telemetry is stale at `nowS` under `config` (see staleAfterS, channelStaleAfterS). */
export function telemetryStale(config: ResponsivenessConfig, channel: number, measured: boolean, telemetryAtS: number, nowS: number): boolean {
  const limitS = measured ? (config.channelStaleAfterS?.[channel] ?? config.staleAfterS) : config.staleAfterS;
  return nowS - telemetryAtS > limitS;
}

export interface ResponsivenessChange {
  /** Slots that were just marked non-responsive / responsive again. */
  readonly markedNonResponsive: readonly number[];
  readonly markedResponsive: readonly number[];
}
