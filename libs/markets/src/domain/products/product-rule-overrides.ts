import type { Decimal, GateClosureRule } from '@vpp/units';
import type { GateClosureZone, MarketProductRules } from './market-product';

/**
 * Configured values for rules MARKETS.md marks UNVERIFIED (issue 5: "make it configuration with a
 * documented default"). The documented defaults live in the seeded `market_products` rows; a
 * value set here replaces the row's value in every version of the product and is reported as
 * configured.
 */
export interface ProductRuleOverride {
  readonly gateClosure?: GateClosureRule;
  readonly gateClosureZone?: GateClosureZone;
  readonly quantityStepMw?: Decimal;
  readonly lerMinutes?: number;
}

/** Overrides by product code, e.g. `{ 'fcr-nl': { gateClosureZone: 'UTC' } }`. */
export type ProductRuleOverrides = Readonly<Record<string, ProductRuleOverride | undefined>>;

/** `rules` with the configured values of its product applied; the same object when there are none. */
export function applyProductRuleOverrides(rules: MarketProductRules, overrides: ProductRuleOverrides): MarketProductRules {
  const override = overrides[rules.productCode];
  if (override === undefined) return rules;
  const defined = Object.fromEntries(Object.entries(override).filter(([, value]) => value !== undefined)) as ProductRuleOverride;
  if (Object.keys(defined).length === 0) return rules;
  const configured = Object.keys(defined).map((field) => `${field} (configured)`);
  return {
    ...rules,
    ...defined,
    sourceNote: `${rules.sourceNote} Configured: ${Object.keys(defined).join(', ')}.`,
    unverifiedFields: [...new Set([...rules.unverifiedFields.filter((f) => !(f in defined)), ...configured])],
  };
}
