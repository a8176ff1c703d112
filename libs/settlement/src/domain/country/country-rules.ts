import { Decimal, DeliveryDay } from '@vpp/units';
import { SettlementError } from '../settlement.errors';

export const SETTLEMENT_COUNTRIES = ['NL', 'DE', 'SE', 'FR', 'HU', 'NO'] as const;
export type SettlementCountry = (typeof SETTLEMENT_COUNTRIES)[number];

/** The fields of a country rule that can rest on an assumption (named in `assumedFields`). */
export type CountryRuleField = 'energyTaxEurPerKwh' | 'gridFeeEurPerKwh' | 'dischargeTaxedTwice' | 'feedInCompensationEurPerKwh';

/**
 * What a country charges on EV charging, effective-dated (issue 7 item 3). Rates are EUR per kWh
 * excluding VAT, converted into EUR where the country's currency differs (the rate says so in
 * `source`). `verified` is true only when every field rests on a primary source; `assumedFields`
 * lists the fields with no source at all (ASSUMED); a field in neither list rests on a
 * third-party source (UNVERIFIED).
 */
export interface CountryRules {
  readonly country: SettlementCountry;
  readonly validFrom: Date;
  readonly validTo: Date | null;
  /** Energy tax on energy taken from the grid. */
  readonly energyTaxEurPerKwh: Decimal;
  /** Volumetric grid fee on energy taken from the grid (0 where grid tariffs are per connection). */
  readonly gridFeeEurPerKwh: Decimal;
  /**
   * True when energy discharged from an EV back to the grid was taxed on charging and is not
   * netted or refunded, so a V2G round trip pays energy tax and grid fee twice.
   */
  readonly dischargeTaxedTwice: boolean;
  /** What the owner is paid per kWh fed back to the grid outside the flexibility markets. */
  readonly feedInCompensationEurPerKwh: Decimal;
  readonly verified: boolean;
  readonly assumedFields: readonly CountryRuleField[];
  readonly source: string;
}

/**
 * The rule version of `country` in force at `at` (validFrom inclusive, validTo exclusive).
 *
 * @throws SettlementError `SETTLEMENT_COUNTRY_RULES_NOT_FOUND` when none is, `..._AMBIGUOUS` when several are.
 */
export function countryRulesAt(all: readonly CountryRules[], country: SettlementCountry, at: Date): CountryRules {
  const matching = all.filter(
    (rule) => rule.country === country && rule.validFrom.getTime() <= at.getTime() && (rule.validTo === null || at.getTime() < rule.validTo.getTime()),
  );
  if (matching.length === 0) throw new SettlementError('SETTLEMENT_COUNTRY_RULES_NOT_FOUND', `no country rules for ${country} at ${at.toISOString()}`);
  if (matching.length > 1) throw new SettlementError('SETTLEMENT_COUNTRY_RULES_AMBIGUOUS', `${matching.length} country rules for ${country} at ${at.toISOString()}`);
  return matching[0];
}

/** The label an output line carries for each rule field it used that is not primary-sourced. */
export function countryRuleAssumptions(rule: CountryRules, fields: readonly CountryRuleField[]): string[] {
  // Validity starts at local midnight (CET for all six countries): name the local day, as the tariff tables do.
  const validFrom = DeliveryDay.containing(rule.validFrom).isoDate;
  return fields.flatMap((field) => {
    if (rule.assumedFields.includes(field)) return [`ASSUMED: ${rule.country} ${field} (rules from ${validFrom})`];
    if (!rule.verified) return [`UNVERIFIED: ${rule.country} ${field} (rules from ${validFrom}; third-party source)`];
    return [];
  });
}
