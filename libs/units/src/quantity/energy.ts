import { Decimal, DecimalOperand, parseDecimal, toDecimal } from '../decimal';
import { Money } from '../money/money';
import { PhysicalQuantity, unitMismatch } from './quantity';
import { PriceEurPerMwh } from './price-eur-per-mwh';

const KWH_PER_MWH = 1000;

/**
 * Energy in kilowatt-hours (sessions, EV batteries, meter readings). Stored as `NUMERIC(19,6)`.
 * Sign convention is the caller's (usually positive = consumption, as in UFTP).
 */
export class EnergyKwh extends PhysicalQuantity<EnergyKwh> {
  declare private readonly energyKwhBrand: never;

  static of(kwh: DecimalOperand): EnergyKwh {
    return new EnergyKwh(toDecimal(kwh));
  }

  /** Parses a plain decimal string of kWh (strict; see `parseDecimal`). */
  static fromString(text: string): EnergyKwh {
    return new EnergyKwh(parseDecimal(text));
  }

  static zero(): EnergyKwh {
    return new EnergyKwh(new Decimal(0));
  }

  get unit(): 'kWh' {
    return 'kWh';
  }

  /** Exact: divides by 1000. */
  toMwh(): EnergyMwh {
    return EnergyMwh.of(this.value.dividedBy(KWH_PER_MWH));
  }

  protected create(value: Decimal): EnergyKwh {
    return new EnergyKwh(value);
  }
}

/** Energy in megawatt-hours (market volumes, day-ahead and aFRR energy settlement). */
export class EnergyMwh extends PhysicalQuantity<EnergyMwh> {
  declare private readonly energyMwhBrand: never;

  static of(mwh: DecimalOperand): EnergyMwh {
    return new EnergyMwh(toDecimal(mwh));
  }

  /** Parses a plain decimal string of MWh (strict; see `parseDecimal`). */
  static fromString(text: string): EnergyMwh {
    return new EnergyMwh(parseDecimal(text));
  }

  static zero(): EnergyMwh {
    return new EnergyMwh(new Decimal(0));
  }

  get unit(): 'MWh' {
    return 'MWh';
  }

  /** Exact: multiplies by 1000. */
  toKwh(): EnergyKwh {
    return EnergyKwh.of(this.value.times(KWH_PER_MWH));
  }

  /**
   * Energy value in EUR: MWh x EUR/MWh. Exact for stored magnitudes and not rounded to cents;
   * round at the settlement line (`Money.roundToCents`).
   */
  timesPrice(price: PriceEurPerMwh): Money {
    if (!(price instanceof PriceEurPerMwh)) {
      throw unitMismatch('PriceEurPerMwh', price);
    }
    return Money.eur(this.value.times(price.value));
  }

  protected create(value: Decimal): EnergyMwh {
    return new EnergyMwh(value);
  }
}
