import { Decimal, parseDecimal } from '@vpp/units';
import type { SimVehicleSeed } from './acn-sim-vehicles.reader';

// ACN-Data records no battery size; 60 kWh is a mid-size car (MARKETS.md section 7: 18-100 kWh).
const BATTERY_KWH = parseDecimal('60');
// Caltech's Level-2 stations deliver about 6.6 kW to most cars.
const DEFAULT_POWER_KW = parseDecimal('6.6');
const DEFAULT_TARGET_SOC = parseDecimal('80');
const MIN_ARRIVAL_SOC = parseDecimal('5');
const HUNDRED = parseDecimal('100');
const MS_PER_HOUR = parseDecimal('3600000');

export interface SimVehicleSnapshot {
  readonly socPct: Decimal;
  readonly pluggedIn: boolean;
  readonly chargingPowerKw: Decimal;
  readonly observedAt: Date;
  /**
   * The car's charged-energy counter: kWh it took since its plug-in, rounded down to 1 Wh so it
   * never claims energy the car did not take.
   */
  readonly chargeEnergyAddedKwh: Decimal;
}

/**
 * A car as its maker's cloud sees it: charging at 6.6 kW (or its seed's power) unless stopped or
 * limited, from the SoC the driver's requested energy implies (target 80 %), SoC rising with
 * simulated time (`timeScale` simulated ms per ms of the cloud's clock). Plugged in from the seed's
 * arrival until its `unplugAt` when it has one (charging only in between), else all along. Its
 * counter of the energy added since plug-in keeps the exact sum of what it took; it starts at 0
 * with the car, whose one plug-in is its seed's arrival (before it, it takes nothing), and stays
 * after the unplug, as makers keep it until the next plug-in.
 */
export class SimVehicle {
  private socPct: Decimal;
  private updatedAtMs: number;
  private addedKwh = parseDecimal('0');
  private charging = true;
  private limitKw: Decimal | null = null;
  private targetSocPct = DEFAULT_TARGET_SOC;
  private readonly batteryKwh: Decimal;
  private readonly maxPowerKw: Decimal;

  constructor(
    readonly seed: SimVehicleSeed,
    private readonly timeScale: number,
    nowMs: number,
  ) {
    this.batteryKwh = seed.batteryKwh ?? BATTERY_KWH;
    this.maxPowerKw = seed.maxPowerKw ?? DEFAULT_POWER_KW;
    const implied = DEFAULT_TARGET_SOC.minus(seed.requestedEnergyKwh.dividedBy(this.batteryKwh).times(HUNDRED));
    // Down, so the requested energy never takes the car past its target: it needs at least that much.
    this.socPct = Decimal.max(MIN_ARRIVAL_SOC, implied).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    this.updatedAtMs = nowMs;
  }

  /** Whether the car is at its charger at `nowMs`. */
  pluggedInAt(nowMs: number): boolean {
    const unplugAt = this.seed.unplugAt;
    return unplugAt === undefined || (this.seed.arrivalAt.getTime() <= nowMs && nowMs < unplugAt.getTime());
  }

  snapshot(nowMs: number): SimVehicleSnapshot {
    this.advance(nowMs);
    const pluggedIn = this.pluggedInAt(nowMs);
    return {
      socPct: this.socPct,
      pluggedIn,
      chargingPowerKw: pluggedIn ? this.powerKw() : parseDecimal('0'),
      observedAt: new Date(nowMs),
      chargeEnergyAddedKwh: this.addedKwh.toDecimalPlaces(3, Decimal.ROUND_DOWN),
    };
  }

  /** Applies a command from `nowMs` on, or from the car's last state if that is later (what it reported stays true). */
  apply(command: { type: string; chargeLimitKw?: Decimal; targetSocPct?: Decimal }, nowMs: number): void {
    this.advance(nowMs);
    if (command.type === 'start') this.charging = true;
    if (command.type === 'stop') this.charging = false;
    if (command.type === 'charge_limit' && command.chargeLimitKw) this.limitKw = command.chargeLimitKw;
    if (command.type === 'target_soc' && command.targetSocPct) this.targetSocPct = command.targetSocPct;
  }

  private powerKw(): Decimal {
    if (!this.charging || this.socPct.gte(this.targetSocPct)) return parseDecimal('0');
    return this.limitKw === null ? this.maxPowerKw : Decimal.min(this.maxPowerKw, this.limitKw);
  }

  private advance(nowMs: number): void {
    const power = this.powerKw();
    let fromMs = this.updatedAtMs;
    let toMs = nowMs;
    if (this.seed.unplugAt !== undefined) {
      // Charging happens at the charger only.
      fromMs = Math.max(fromMs, this.seed.arrivalAt.getTime());
      toMs = Math.min(toMs, this.seed.unplugAt.getTime());
    }
    this.updatedAtMs = Math.max(this.updatedAtMs, nowMs);
    if (power.isZero() || toMs <= fromMs) return;
    const simulatedMs = parseDecimal(String((toMs - fromMs) * this.timeScale));
    // A car reaching its target mid-step stops there: it takes only what was left to the target.
    const headroomKwh = Decimal.max(0, this.targetSocPct.minus(this.socPct).dividedBy(HUNDRED).times(this.batteryKwh));
    const addedKwh = Decimal.min(headroomKwh, power.times(simulatedMs).dividedBy(MS_PER_HOUR));
    this.addedKwh = this.addedKwh.plus(addedKwh);
    this.socPct = Decimal.min(this.targetSocPct, this.socPct.plus(addedKwh.dividedBy(this.batteryKwh).times(HUNDRED))).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  }
}
