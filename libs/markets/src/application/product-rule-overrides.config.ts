import type { AppConfig } from '@vpp/config';
import { parseDecimal, parseGateClosureRule } from '@vpp/units';
import type { ProductRuleOverrides } from '../domain/products/product-rule-overrides';

/** Product codes of the seeded products whose UNVERIFIED rules are configurable. */
export const FCR_PRODUCT = 'fcr-nl';
export const AFRR_CAPACITY_PRODUCT = 'afrr-capacity-nl';
export const AFRR_ENERGY_PRODUCT = 'afrr-energy-nl';

/** The configured overrides of UNVERIFIED rules (unset variables keep the seeded documented default). */
export function productRuleOverridesFrom(config: AppConfig['markets']['unverified']): ProductRuleOverrides {
  return {
    [FCR_PRODUCT]: {
      gateClosure: config.fcrGateClosure === undefined ? undefined : parseGateClosureRule(config.fcrGateClosure),
      gateClosureZone: config.fcrGateClosureZone,
      quantityStepMw: config.fcrQuantityStepMw === undefined ? undefined : parseDecimal(config.fcrQuantityStepMw),
      lerMinutes: config.fcrLerMinutes,
    },
    [AFRR_CAPACITY_PRODUCT]: {
      gateClosure: config.afrrCapacityGateClosure === undefined ? undefined : parseGateClosureRule(config.afrrCapacityGateClosure),
    },
    [AFRR_ENERGY_PRODUCT]: {
      gateClosure: config.afrrEnergyGateClosure === undefined ? undefined : parseGateClosureRule(config.afrrEnergyGateClosure),
    },
  };
}
