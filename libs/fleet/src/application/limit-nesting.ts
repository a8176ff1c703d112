import type { PowerKw } from '@vpp/units';
import { tighterPowerKw } from '../domain/power-limits';
import { FleetAssetError } from './fleet-asset.errors';

/** The limits of a site's grid connection, as far as they nest (ARCHITECTURE.md section 2). */
export interface ConnectionLimits {
  readonly importLimitKw: PowerKw;
  readonly exportLimitKw: PowerKw;
  readonly fuseLimitKw: PowerKw | null;
}

/** Site limits may not exceed the physical fuse: a contract above the fuse can never be used. */
export function assertSiteLimitsNest(limits: ConnectionLimits): void {
  const fuse = limits.fuseLimitKw;
  if (fuse === null) return;
  for (const [name, value] of [['importLimitKw', limits.importLimitKw], ['exportLimitKw', limits.exportLimitKw]] as const) {
    if (value.greaterThan(fuse)) throw new FleetAssetError('LIMITS_NOT_NESTED', `${name} ${value.toString()} kW is above the fuse limit ${fuse.toString()} kW`);
  }
}

/**
 * Each EVSE's rating may not exceed what the connection can take (the tighter of the site's
 * import limit and the fuse, as `effectiveMaxPowerKw` reads them). Sites without a recorded grid
 * connection accept any rating. `evses` are (label, rating) pairs, so the message names the culprit.
 */
export function assertEvsesNest(evses: readonly { readonly label: string; readonly maxPowerKw: PowerKw }[], limits: ConnectionLimits | null): void {
  if (limits === null) return;
  const connection = tighterPowerKw(limits.importLimitKw, limits.fuseLimitKw);
  if (connection === null) return;
  for (const evse of evses) {
    if (evse.maxPowerKw.greaterThan(connection)) {
      throw new FleetAssetError('LIMITS_NOT_NESTED', `${evse.label}: ${evse.maxPowerKw.toString()} kW is above the site's connection limit ${connection.toString()} kW`);
    }
  }
}
