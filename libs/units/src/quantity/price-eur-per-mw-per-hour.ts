import { Decimal, DecimalOperand, parseDecimal, toDecimal } from '../decimal';
import { Quantity } from './quantity';

/**
 * Capacity price in EUR per MW per hour of availability (FCR, aFRR capacity), as regelleistung.net
 * quotes it. Revenue = MW x EUR/(MW·h) x hours: use `PowerMw.timesCapacityPrice`.
 */
export class PriceEurPerMwPerHour extends Quantity<PriceEurPerMwPerHour> {
  declare private readonly priceEurPerMwPerHourBrand: never;

  static of(eurPerMwPerHour: DecimalOperand): PriceEurPerMwPerHour {
    return new PriceEurPerMwPerHour(toDecimal(eurPerMwPerHour));
  }

  /** Parses a plain decimal string of EUR/(MW·h) (strict; see `parseDecimal`). */
  static fromString(text: string): PriceEurPerMwPerHour {
    return new PriceEurPerMwPerHour(parseDecimal(text));
  }

  static zero(): PriceEurPerMwPerHour {
    return new PriceEurPerMwPerHour(new Decimal(0));
  }

  get unit(): 'EUR/MW/h' {
    return 'EUR/MW/h';
  }

  protected create(value: Decimal): PriceEurPerMwPerHour {
    return new PriceEurPerMwPerHour(value);
  }
}
