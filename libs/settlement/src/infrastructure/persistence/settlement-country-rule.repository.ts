import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CountryRuleField, CountryRules, SettlementCountry } from '../../domain/country/country-rules';
import { SettlementCountryRuleEntity } from './settlement-country-rule.entity';

/** Reads the country rule versions (a handful of rows; read per use, never cached stale). */
@Injectable()
export class SettlementCountryRuleRepository {
  async allVersions(manager: EntityManager): Promise<CountryRules[]> {
    const rows = await manager.find(SettlementCountryRuleEntity, { order: { country: 'ASC', validFrom: 'ASC' } });
    return rows.map(toCountryRules);
  }
}

export function toCountryRules(row: SettlementCountryRuleEntity): CountryRules {
  return {
    country: row.country as SettlementCountry,
    validFrom: row.validFrom,
    validTo: row.validTo,
    energyTaxEurPerKwh: row.energyTaxEurPerKwh,
    gridFeeEurPerKwh: row.gridFeeEurPerKwh,
    dischargeTaxedTwice: row.dischargeTaxedTwice,
    feedInCompensationEurPerKwh: row.feedInCompensationEurPerKwh,
    verified: row.verified,
    assumedFields: row.assumedFields as CountryRuleField[],
    source: row.source,
  };
}
