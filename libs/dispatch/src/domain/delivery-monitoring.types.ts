import { DISPATCH_CHANNEL_NAMES, type DispatchChannelName } from './dispatch-channel';
import { energyAtCeiling } from './expected-draw';

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
  /**
   * Per channel code, 1 when the channel reports only on change (an OCPI CPO PATCHes a Session when
   * its kWh changes): a session expected to draw nothing then falls silent, and that silence is not
   * stale telemetry (see silenceExpected). Default: no channel.
   */
  readonly channelReportsOnChange?: ArrayLike<number>;
}

/**
 * ASSUMED reporting cadences (no spec fixes them): OCPP meter values every minute or so (the CSMS
 * configures the sample interval), stale after 5 minutes; an OCPI CPO updates its sessions about
 * every 15 minutes (the platform cannot ask for more), stale after two missed rounds; OEM states are
 * polled every 5 minutes, stale after three missed polls.
 */
export const ASSUMED_CHANNEL_STALE_AFTER_S: Readonly<Record<DispatchChannelName, number>> = { ocpi: 1800, ocpp: 300, oem: 900 };

/**
 * Channels that report only on change. OCPI 2.2.1 (Sessions module): the CPO pushes a Session's
 * changes to the eMSP (PUT/PATCH); a Session whose kWh does not change (capped at 0 kW, or full)
 * gets no update. OCPP meter values are sampled at the station's interval and OEM states are
 * polled by us, so silence there is a fault.
 */
export const CHANNEL_REPORTS_ON_CHANGE: Readonly<Record<DispatchChannelName, boolean>> = { ocpi: true, ocpp: false, oem: false };

export const DEFAULT_RESPONSIVENESS: ResponsivenessConfig = {
  mismatchCycles: 5,
  recoveryCycles: 5,
  toleranceKw: 0.5,
  tolerancePct: 10,
  staleAfterS: 300,
  channelStaleAfterS: Float64Array.from(DISPATCH_CHANNEL_NAMES, (name) => ASSUMED_CHANNEL_STALE_AFTER_S[name]),
  channelReportsOnChange: Uint8Array.from(DISPATCH_CHANNEL_NAMES, (name) => (CHANNEL_REPORTS_ON_CHANGE[name] ? 1 : 0)),
};

/** Whether a session's telemetry is stale at `nowS` under `config` (see staleAfterS, channelStaleAfterS). */
export function telemetryStale(config: ResponsivenessConfig, channel: number, measured: boolean, telemetryAtS: number, nowS: number): boolean {
  const limitS = measured ? (config.channelStaleAfterS?.[channel] ?? config.staleAfterS) : config.staleAfterS;
  return nowS - telemetryAtS > limitS;
}

/**
 * Whether silence is what the session is expected to produce: it reported before on a channel that
 * reports only on change, and is expected to draw nothing (told 0 kW, or its energy has reached its
 * ceiling, where the car stops by itself). A car that draws anyway changes its kWh and so reports,
 * and that reading is judged against the command; silence alone is no sign of a fault. A session
 * told to charge that stays silent is stale as before, and so is one that never reported.
 */
export function silenceExpected(
  config: ResponsivenessConfig,
  channel: number,
  measured: boolean,
  commandKw: number,
  deliveredKwh: number,
  ceilingKwh: number,
): boolean {
  if (!measured || config.channelReportsOnChange?.[channel] !== 1) return false;
  return commandKw === 0 || energyAtCeiling(deliveredKwh, ceilingKwh);
}

export interface ResponsivenessChange {
  /** Slots that were just marked non-responsive / responsive again. */
  readonly markedNonResponsive: readonly number[];
  readonly markedResponsive: readonly number[];
}
