import type { Decimal } from '@vpp/units';
import type { MobilityNeeds } from './mobility-needs';

export type NeedsOrigin = 'session-override' | 'vehicle-override' | 'reported' | 'none';

export interface EffectiveNeeds {
  readonly departureAt: Date | null;
  readonly energyNeedKwh: Decimal | null;
  readonly targetSocPct: Decimal | null;
  readonly minSocPct: Decimal | null;
  readonly boostRequestedAt: Date | null;
  /** Where each value came from, so a planner (and a support desk) can explain a schedule. */
  readonly origin: { departure: NeedsOrigin; need: NeedsOrigin; minSoc: NeedsOrigin };
}

export interface NeedsOverride extends MobilityNeeds {
  readonly boostRequestedAt: Date | null;
}

type Layer = { origin: NeedsOrigin; needs: MobilityNeeds | null };

/**
 * Precedence per field (issue 3 item 6, "these override everything downstream"): the session's
 * override, then the vehicle's, then what the CPO, charge point or OEM reported. Energy need and
 * target SoC move together: whichever layer says anything about the need decides both.
 */
export function effectiveNeeds(reported: MobilityNeeds, sessionOverride: NeedsOverride | null, vehicleOverride: NeedsOverride | null): EffectiveNeeds {
  const layers: Layer[] = [
    { origin: 'session-override', needs: sessionOverride },
    { origin: 'vehicle-override', needs: vehicleOverride },
    { origin: 'reported', needs: reported },
  ];
  const pick = <T>(read: (needs: MobilityNeeds) => T | null): { value: T | null; origin: NeedsOrigin } => {
    for (const layer of layers) {
      const value = layer.needs ? read(layer.needs) : null;
      if (value !== null) return { value, origin: layer.origin };
    }
    return { value: null, origin: 'none' };
  };
  const departure = pick((needs) => needs.departureAt);
  const need = pick((needs) => (needs.energyNeedKwh !== null || needs.targetSocPct !== null ? needs : null));
  const minSoc = pick((needs) => needs.minSocPct);
  return {
    departureAt: departure.value,
    energyNeedKwh: need.value?.energyNeedKwh ?? null,
    targetSocPct: need.value?.targetSocPct ?? null,
    minSocPct: minSoc.value,
    boostRequestedAt: sessionOverride?.boostRequestedAt ?? vehicleOverride?.boostRequestedAt ?? null,
    origin: { departure: departure.origin, need: need.origin, minSoc: minSoc.origin },
  };
}
