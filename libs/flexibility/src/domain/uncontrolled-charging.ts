import { Decimal, EnergyKwh, Isp, PowerKw } from '@vpp/units';

/** What a session did or would do without us: plugged in, drawing up to its max power. */
export interface UncontrolledChargingInput {
  readonly arrival: Date;
  readonly departure: Date;
  readonly energyNeed: EnergyKwh;
  readonly maxPower: PowerKw;
}

export interface IspEnergy {
  readonly isp: Isp;
  readonly energy: EnergyKwh;
}

export interface UncontrolledChargingProfile {
  readonly perIsp: readonly IspEnergy[];
  readonly delivered: EnergyKwh;
  /** Energy the dwell time could not hold at max power: the need is infeasible by that much. */
  readonly shortfall: EnergyKwh;
}

const MS_PER_HOUR = new Decimal(3_600_000);

/**
 * The default baseline (ARCHITECTURE.md section 2): charge at max power from arrival until the
 * energy need is met or the EV leaves, spread over the ISPs it touches. Exact decimals: a
 * partial ISP contributes power x (overlap ms / 3,600,000) h.
 */
export function uncontrolledCharging(input: UncontrolledChargingInput): UncontrolledChargingProfile {
  if (input.departure.getTime() < input.arrival.getTime()) {
    throw new RangeError('departure is before arrival');
  }
  if (input.energyNeed.isNegative() || input.maxPower.isNegative()) {
    throw new RangeError('energy need and max power must not be negative');
  }
  const perIsp: IspEnergy[] = [];
  let remaining = input.energyNeed;
  let isp = Isp.containing(input.arrival);
  const departureMs = input.departure.getTime();
  while (remaining.isPositive() && isp.start.getTime() < departureMs) {
    const fromMs = Math.max(isp.start.getTime(), input.arrival.getTime());
    const toMs = Math.min(isp.end.getTime(), departureMs);
    const hours = new Decimal(toMs - fromMs).dividedBy(MS_PER_HOUR);
    const atMaxPower = input.maxPower.times(hours);
    const energy = atMaxPower.compare(remaining) < 0 ? atMaxPower : remaining;
    if (energy.isPositive()) perIsp.push({ isp, energy });
    remaining = remaining.subtract(energy);
    isp = isp.next();
  }
  return { perIsp, delivered: input.energyNeed.subtract(remaining), shortfall: remaining };
}
