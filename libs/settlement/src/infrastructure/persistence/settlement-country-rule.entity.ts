import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';

/** One effective-dated version of a country's charging rules (domain: CountryRules). */
@Entity({ name: 'settlement_country_rules' })
@Check('ck_settlement_country_rules_country', `country IN ('NL', 'DE', 'SE', 'FR', 'HU', 'NO')`)
@Check('ck_settlement_country_rules_validity', `valid_to IS NULL OR valid_to > valid_from`)
@Check('ck_settlement_country_rules_verified', `NOT verified OR cardinality(assumed_fields) = 0`)
export class SettlementCountryRuleEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_settlement_country_rules' }) country!: string;
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_settlement_country_rules' }) validFrom!: Date;
  @Column({ type: 'timestamptz', nullable: true }) validTo!: Date | null;
  @Column(decimalColumn('money')) energyTaxEurPerKwh!: Decimal;
  @Column(decimalColumn('money')) gridFeeEurPerKwh!: Decimal;
  @Column({ type: 'boolean' }) dischargeTaxedTwice!: boolean;
  @Column(decimalColumn('money')) feedInCompensationEurPerKwh!: Decimal;
  @Column({ type: 'boolean' }) verified!: boolean;
  @Column({ type: 'text', array: true }) assumedFields!: string[];
  @Column({ type: 'text' }) source!: string;
}
