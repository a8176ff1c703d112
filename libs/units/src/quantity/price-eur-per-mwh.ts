import { Decimal, DecimalOperand, parseDecimal, toDecimal } from '../decimal';
import { Quantity } from './quantity';

/**
 * Energy price in EUR per MWh (day-ahead, aFRR energy, imbalance). Stored as `NUMERIC(14,5)`.
 * May be negative. Multiply with `EnergyMwh.timesPrice` to get money.
 */
export class PriceEurPerMwh extends Quantity<PriceEurPerMwh> {
  declare private readonly priceEurPerMwhBrand: never;

  static of(eurPerMwh: DecimalOperand): PriceEurPerMwh {
    return new PriceEurPerMwh(toDecimal(eurPerMwh));
  }

  /** Parses a plain decimal string of EUR/MWh (strict; see `parseDecimal`). */
  static fromString(text: string): PriceEurPerMwh {
    return new PriceEurPerMwh(parseDecimal(text));
  }

  static zero(): PriceEurPerMwh {
    return new PriceEurPerMwh(new Decimal(0));
  }

  get unit(): 'EUR/MWh' {
    return 'EUR/MWh';
  }

  protected create(value: Decimal): PriceEurPerMwh {
    return new PriceEurPerMwh(value);
  }
}
