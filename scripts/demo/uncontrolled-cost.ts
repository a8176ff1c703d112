import { uncontrolledCharging } from '@vpp/flexibility/domain/uncontrolled-charging';
import { ImportedSession } from '@vpp/fleet/domain/imported-session';
import { DayAheadPriceSeries } from '@vpp/markets/domain/day-ahead-price-series';
import { DeliveryDay, EnergyKwh, Money, PowerKw } from '@vpp/units';

export interface IspLine {
  readonly ispNumber: number;
  readonly energy: EnergyKwh;
  readonly cost: Money;
}

export interface PricedDay {
  readonly perIsp: IspLine[];
  readonly energyOutsideDay: EnergyKwh;
  readonly infeasibleSessions: number;
}

/**
 * Prices what the sessions arriving on `day` drew without control (the default baseline) at
 * the day-ahead price of each ISP, in exact decimals (a session without a recorded max power draws
 * the layout's nominal EVSE rating). Energy drawn after the day ends (a
 * session plugged in overnight) is reported apart, not priced with the next day's prices.
 */
export function priceUncontrolledCharging(day: DeliveryDay, sessions: readonly ImportedSession[], prices: DayAheadPriceSeries, nominalPower: PowerKw): PricedDay {
  const isps = day.isps();
  const energyPerIsp = isps.map(() => EnergyKwh.zero());
  let energyOutsideDay = EnergyKwh.zero();
  let infeasibleSessions = 0;
  for (const session of sessions) {
    const profile = uncontrolledCharging({
      arrival: session.arrival,
      departure: session.departure,
      energyNeed: session.energy,
      maxPower: session.maxPower ?? nominalPower,
    });
    if (!profile.shortfall.isZero()) infeasibleSessions += 1;
    for (const { isp, energy: ispEnergy } of profile.perIsp) {
      if (!day.contains(isp.start)) {
        energyOutsideDay = energyOutsideDay.add(ispEnergy);
        continue;
      }
      const index = day.ispNumber(isp) - 1;
      energyPerIsp[index] = energyPerIsp[index].add(ispEnergy);
    }
  }
  const perIsp = isps.map((isp, i) => {
    const price = prices.priceFor(isp);
    if (!price) throw new Error(`no day-ahead price for ${isp.start.toISOString()}`);
    return { ispNumber: i + 1, energy: energyPerIsp[i], cost: energyPerIsp[i].toMwh().timesPrice(price) };
  });
  return { perIsp, energyOutsideDay, infeasibleSessions };
}
