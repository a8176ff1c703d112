import { Decimal, DecimalOperand, parseDecimal, toDecimal } from '../decimal';
import { Money } from '../money/money';
import { Duration, durationInHours } from './duration';
import { EnergyKwh, EnergyMwh } from './energy';
import { PriceEurPerMwPerHour } from './price-eur-per-mw-per-hour';
import { PhysicalQuantity, unitMismatch } from './quantity';

// The three power units live together so that conversions run both ways without import cycles.

const THOUSAND = 1000;
const MILLION = 1_000_000;

/** Power in watts (UFTP, OCPI charging limits). All conversions are exact. */
export class PowerW extends PhysicalQuantity<PowerW> {
  declare private readonly powerWBrand: never;

  static of(watts: DecimalOperand): PowerW {
    return new PowerW(toDecimal(watts));
  }

  /** Parses a plain decimal string of W (strict; see `parseDecimal`). */
  static fromString(text: string): PowerW {
    return new PowerW(parseDecimal(text));
  }

  static zero(): PowerW {
    return new PowerW(new Decimal(0));
  }

  get unit(): 'W' {
    return 'W';
  }

  toKw(): PowerKw {
    return PowerKw.of(this.value.dividedBy(THOUSAND));
  }

  toMw(): PowerMw {
    return PowerMw.of(this.value.dividedBy(MILLION));
  }

  protected create(value: Decimal): PowerW {
    return new PowerW(value);
  }
}

/** Power in kilowatts (EVs, EVSEs, sites, setpoints). Stored as `NUMERIC(14,3)`. */
export class PowerKw extends PhysicalQuantity<PowerKw> {
  declare private readonly powerKwBrand: never;

  static of(kw: DecimalOperand): PowerKw {
    return new PowerKw(toDecimal(kw));
  }

  /** Parses a plain decimal string of kW (strict; see `parseDecimal`). */
  static fromString(text: string): PowerKw {
    return new PowerKw(parseDecimal(text));
  }

  static zero(): PowerKw {
    return new PowerKw(new Decimal(0));
  }

  get unit(): 'kW' {
    return 'kW';
  }

  toW(): PowerW {
    return PowerW.of(this.value.times(THOUSAND));
  }

  toMw(): PowerMw {
    return PowerMw.of(this.value.dividedBy(THOUSAND));
  }

  /**
   * Energy at constant power: kW x h = kWh, exact. `duration` is hours or a period such as an
   * `Isp` (0.25 h) or `Block`.
   *
   * @throws UnitsError `INVALID_DURATION` for a negative duration.
   */
  times(duration: Duration): EnergyKwh {
    return EnergyKwh.of(this.value.times(durationInHours(duration)));
  }

  protected create(value: Decimal): PowerKw {
    return new PowerKw(value);
  }
}

/** Power in megawatts (market bids and awards, prequalified capacity). */
export class PowerMw extends PhysicalQuantity<PowerMw> {
  declare private readonly powerMwBrand: never;

  static of(mw: DecimalOperand): PowerMw {
    return new PowerMw(toDecimal(mw));
  }

  /** Parses a plain decimal string of MW (strict; see `parseDecimal`). */
  static fromString(text: string): PowerMw {
    return new PowerMw(parseDecimal(text));
  }

  static zero(): PowerMw {
    return new PowerMw(new Decimal(0));
  }

  get unit(): 'MW' {
    return 'MW';
  }

  toW(): PowerW {
    return PowerW.of(this.value.times(MILLION));
  }

  toKw(): PowerKw {
    return PowerKw.of(this.value.times(THOUSAND));
  }

  /** Energy at constant power: MW x h = MWh, exact. */
  times(duration: Duration): EnergyMwh {
    return EnergyMwh.of(this.value.times(durationInHours(duration)));
  }

  /**
   * Capacity revenue: MW x EUR/(MW·h) x hours, in EUR, exact and not rounded to cents
   * (e.g. 2 MW x 10.50 EUR/MW/h over a 4-hour block = 84 EUR).
   */
  timesCapacityPrice(price: PriceEurPerMwPerHour, duration: Duration): Money {
    if (!(price instanceof PriceEurPerMwPerHour)) {
      throw unitMismatch('PriceEurPerMwPerHour', price);
    }
    return Money.eur(this.value.times(price.value).times(durationInHours(duration)));
  }

  protected create(value: Decimal): PowerMw {
    return new PowerMw(value);
  }
}
