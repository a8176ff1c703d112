import { Decimal, EnergyKwh, Money } from '@vpp/units';
import type { CountryRules } from './country-rules';
import { countryRuleAssumptions } from './country-rules';

/** One country charge a fleet owner bears (-) or is credited (+) on its energy bill. */
export interface ChargingCharge {
  readonly kind: 'energy-tax' | 'grid-fee' | 'discharge-netting' | 'feed-in-compensation';
  readonly amount: Money;
  readonly quantityKwh: Decimal;
  readonly assumptions: readonly string[];
}

/**
 * The country charges on a fleet's charging (issue 7 item 3): energy tax and grid fee on every
 * kWh charged; where discharged energy is NOT taxed twice, the tax and fee of the discharged kWh
 * come back as `discharge-netting`; feed-in compensation per discharged kWh. Charges with a zero
 * rate or zero energy give no entry.
 */
export function chargingCharges(rule: CountryRules, chargedKwh: EnergyKwh, dischargedKwh: EnergyKwh): ChargingCharge[] {
  const perKwh = rule.energyTaxEurPerKwh.plus(rule.gridFeeEurPerKwh);
  const charges: ChargingCharge[] = [
    charge('energy-tax', chargedKwh, rule.energyTaxEurPerKwh.negated(), countryRuleAssumptions(rule, ['energyTaxEurPerKwh'])),
    charge('grid-fee', chargedKwh, rule.gridFeeEurPerKwh.negated(), countryRuleAssumptions(rule, ['gridFeeEurPerKwh'])),
    charge(
      'discharge-netting',
      dischargedKwh,
      rule.dischargeTaxedTwice ? new Decimal(0) : perKwh,
      countryRuleAssumptions(rule, ['dischargeTaxedTwice', 'energyTaxEurPerKwh', 'gridFeeEurPerKwh']),
    ),
    charge('feed-in-compensation', dischargedKwh, rule.feedInCompensationEurPerKwh, countryRuleAssumptions(rule, ['feedInCompensationEurPerKwh'])),
  ];
  return charges.filter((entry) => !entry.amount.isZero());
}

/**
 * What discharging costs the vehicle owner under the country's rules: where discharged energy is
 * taxed twice, its energy tax and grid fee, less feed-in compensation, never below zero. The
 * allocation waterfall compensates it in its first step.
 */
export function dischargeCountryCost(rule: CountryRules, dischargedKwh: EnergyKwh): Money {
  const taxedTwice = rule.dischargeTaxedTwice ? rule.energyTaxEurPerKwh.plus(rule.gridFeeEurPerKwh) : new Decimal(0);
  const cost = Money.eur(dischargedKwh.value.times(taxedTwice.minus(rule.feedInCompensationEurPerKwh)));
  return cost.isNegative() ? Money.zero('EUR') : cost;
}

function charge(kind: ChargingCharge['kind'], energy: EnergyKwh, eurPerKwh: Decimal, assumptions: string[]): ChargingCharge {
  return { kind, amount: Money.eur(energy.value.times(eurPerKwh)), quantityKwh: energy.value, assumptions };
}
