import type { Decimal, TimeRange } from '@vpp/units';
import type { PriceUnit, PricingRule } from '../products/market-product';

/**
 * What a counterparty answers for one order and one delivery period after clearing: the awarded
 * quantity (zero = not awarded) and the price that is paid. `labels` carry what the counterparty
 * assumed (e.g. an assumed FCR price, DE data used for NL); they travel into the stored award.
 */
export interface CounterpartyResult {
  readonly clientOrderId: string;
  readonly period: TimeRange;
  readonly quantityMw: Decimal;
  readonly price: Decimal;
  readonly priceUnit: PriceUnit;
  readonly pricing: PricingRule;
  readonly labels: readonly string[];
}
