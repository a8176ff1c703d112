import { Decimal, EnergyKwh, PowerKw } from '@vpp/units';
import { uncontrolledChargingBaseline, type Baseline } from '../../domain/baseline';
import type { PlanLiveSession } from '../planning/plan-inputs';

/**
 * A live session's uncontrolled-charging baseline as known at `knownAt`: full power (the lower of
 * the EV's and the EVSE's) from the later of arrival and `knownAt` until the remaining need is met
 * or the car leaves. Null when the session has no departure or need yet, or leaves by then.
 */
export function sessionUncontrolledBaseline(s: PlanLiveSession, knownAt: Date): Baseline | null {
  if (s.departure === null || s.need === null) return null;
  const arrival = new Date(Math.max(s.arrival.getTime(), knownAt.getTime()));
  if (s.departure.getTime() <= arrival.getTime()) return null;
  const maxKw = Math.min(s.evMaxChargeKw ?? s.evseMaxKw, s.evseMaxKw);
  return uncontrolledChargingBaseline({
    arrival,
    departure: s.departure,
    energyNeedKwh: EnergyKwh.of(new Decimal(s.need.kwh).toDecimalPlaces(6)),
    maxPowerKw: PowerKw.of(new Decimal(maxKw).toDecimalPlaces(3)),
    knownAt,
  });
}
