export { UnitsError } from './units-error';
export type { UnitsErrorCode } from './units-error';
export {
  DECIMAL_PRECISION,
  DECIMAL_STRING_PATTERN,
  Decimal,
  RoundingMode,
  formatDecimal,
  isDecimal,
  parseDecimal,
  toDecimal,
} from './decimal';
export type { DecimalOperand } from './decimal';

export { PhysicalQuantity, Quantity } from './quantity/quantity';
export { durationInHours } from './quantity/duration';
export type { Duration, HasDurationHours } from './quantity/duration';
export { EnergyKwh, EnergyMwh } from './quantity/energy';
export { PowerKw, PowerMw, PowerW } from './quantity/power';
export { PriceEurPerMwh } from './quantity/price-eur-per-mwh';
export { PriceEurPerMwPerHour } from './quantity/price-eur-per-mw-per-hour';

export { CURRENCY_CODES, CURRENCY_MINOR_DIGITS, isCurrencyCode, parseCurrencyCode } from './money/currency';
export type { CurrencyCode } from './money/currency';
export { DEFAULT_CENTS_ROUNDING, Money } from './money/money';
export { allocateLargestRemainder } from './money/largest-remainder';
export { roundLinesToCents } from './money/round-lines-to-cents';

export { MARKET_TIME_ZONE } from './market-time/market-time-zone';
export { TimeRange } from './market-time/time-range';
export { parseUtcInstant } from './market-time/utc-instant';
export { ISP_MINUTES, Isp } from './market-time/isp';
export { DeliveryDay } from './market-time/delivery-day';
export { BLOCKS_PER_DAY, Block } from './market-time/block';
export {
  formatGateClosureRule,
  gateClosureInstant,
  isBeforeStartRule,
  isGateClosed,
  parseGateClosureRule,
  validateGateClosureRule,
} from './market-time/gate-closure-rule';
export type {
  BeforeStartGateClosureRule,
  DayRelativeGateClosureRule,
  GateClosureRule,
  GateClosureTarget,
} from './market-time/gate-closure-rule';
