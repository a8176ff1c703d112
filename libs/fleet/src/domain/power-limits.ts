import { PowerKw } from '@vpp/units';

/** The limits that apply to one session, innermost first (ARCHITECTURE.md section 2: fuse -> site -> EVSE). */
export interface SessionPowerLimits {
  /** The vehicle's max charge power on this EVSE's current type; null when unknown. */
  readonly vehicleMaxKw: PowerKw | null;
  readonly evseMaxKw: PowerKw;
  /** The site's contracted import limit at the grid connection; null when the site has none recorded. */
  readonly siteImportLimitKw: PowerKw | null;
  /** The physical fuse of the connection; null when unknown. */
  readonly fuseLimitKw: PowerKw | null;
  /** Sessions drawing behind the same connection, this one included (at least 1). */
  readonly concurrentSessionsAtSite: number;
}

/**
 * Effective max power of a session = min(EV, EVSE, equal share of the tighter of site limit and
 * fuse). The equal share is the conservative default when nothing is known about how the site's
 * load manager divides power; planners with better knowledge pass a count of 1 and subtract others.
 */
export function effectiveMaxPowerKw(limits: SessionPowerLimits): PowerKw {
  let result = limits.evseMaxKw;
  if (limits.vehicleMaxKw !== null) result = minPower(result, limits.vehicleMaxKw);
  const connectionKw = tighterPowerKw(limits.siteImportLimitKw, limits.fuseLimitKw);
  if (connectionKw !== null) {
    const share = connectionKw.divide(Math.max(1, limits.concurrentSessionsAtSite));
    result = minPower(result, share);
  }
  return result.isNegative() ? PowerKw.zero() : result;
}

/** The lower of two optional limits; null only when both are unknown. */
export function tighterPowerKw(a: PowerKw | null, b: PowerKw | null): PowerKw | null {
  if (a === null) return b;
  if (b === null) return a;
  return minPower(a, b);
}

function minPower(a: PowerKw, b: PowerKw): PowerKw {
  return a.compare(b) <= 0 ? a : b;
}
