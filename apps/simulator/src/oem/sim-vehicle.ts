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
}

/**
 * A car as its maker's cloud sees it: plugged in at sim start with the SoC the ACN driver's
 * requested energy implies (target 80 %), charging at 6.6 kW unless stopped or limited, SoC rising
 * with simulated time (`timeScale` simulated ms per real ms).
 */
export class SimVehicle {
  private socPct: Decimal;
  private updatedAtMs: number;
  private charging = true;
  private limitKw: Decimal | null = null;
  private targetSocPct = DEFAULT_TARGET_SOC;

  constructor(
    readonly seed: SimVehicleSeed,
    private readonly timeScale: number,
    nowMs: number,
  ) {
    const implied = DEFAULT_TARGET_SOC.minus(seed.requestedEnergyKwh.dividedBy(BATTERY_KWH).times(HUNDRED));
    this.socPct = Decimal.max(MIN_ARRIVAL_SOC, implied).toDecimalPlaces(2);
    this.updatedAtMs = nowMs;
  }

  snapshot(nowMs: number): SimVehicleSnapshot {
    this.advance(nowMs);
    return { socPct: this.socPct, pluggedIn: true, chargingPowerKw: this.powerKw(), observedAt: new Date(nowMs) };
  }

  apply(command: { type: string; chargeLimitKw?: Decimal; targetSocPct?: Decimal }, nowMs: number): void {
    this.advance(nowMs);
    if (command.type === 'start') this.charging = true;
    if (command.type === 'stop') this.charging = false;
    if (command.type === 'charge_limit' && command.chargeLimitKw) this.limitKw = command.chargeLimitKw;
    if (command.type === 'target_soc' && command.targetSocPct) this.targetSocPct = command.targetSocPct;
  }

  private powerKw(): Decimal {
    if (!this.charging || this.socPct.gte(this.targetSocPct)) return parseDecimal('0');
    return this.limitKw === null ? DEFAULT_POWER_KW : Decimal.min(DEFAULT_POWER_KW, this.limitKw);
  }

  private advance(nowMs: number): void {
    const power = this.powerKw();
    if (power.isZero()) {
      this.updatedAtMs = nowMs;
      return;
    }
    const simulatedMs = parseDecimal(String(Math.max(0, nowMs - this.updatedAtMs) * this.timeScale));
    const addedKwh = power.times(simulatedMs).dividedBy(MS_PER_HOUR);
    this.socPct = Decimal.min(this.targetSocPct, this.socPct.plus(addedKwh.dividedBy(BATTERY_KWH).times(HUNDRED))).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    this.updatedAtMs = nowMs;
  }
}
