import type { LatestSetpoint } from './activation-state';

export interface ActivationHold {
  /** The aFRR activation the loop acts on, kW. */
  readonly afrrKw: number;
  /** True when a setpoint exists but none newer came within the silence limit. */
  readonly silent: boolean;
}

/**
 * The last aFRR setpoint holds until a newer one arrives, but not forever: a TSO feed that has
 * said nothing for `silentMs` (link down, TSO failover) must not keep the fleet deflected on an
 * old activation, so the activation falls back to 0 MW until the feed speaks again.
 * Measured from when we received it, the only clock we trust for our own link.
 */
export function holdActivation(setpoint: LatestSetpoint | null, nowMs: number, silentMs: number): ActivationHold {
  if (setpoint === null) return { afrrKw: 0, silent: false };
  if (nowMs - setpoint.receivedAtMs > silentMs) return { afrrKw: 0, silent: true };
  return { afrrKw: setpoint.kw, silent: false };
}
