import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';

/** A fleet's revenue-sharing contract, effective-dated (domain: SettlementContract). */
@Entity({ name: 'settlement_contracts' })
@Unique('uq_settlement_contracts_fleet_valid_from', ['fleetId', 'validFrom'])
@Check('ck_settlement_contracts_validity', `valid_to IS NULL OR valid_to > valid_from`)
export class SettlementContractEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_settlement_contracts' }) id!: string;
  @Column({ type: 'uuid' }) fleetId!: string;
  @Column({ type: 'timestamptz' }) validFrom!: Date;
  @Column({ type: 'timestamptz', nullable: true }) validTo!: Date | null;
  @Column({ type: 'text' }) aggregatorRef!: string;
  @Column({ type: 'text' }) vehicleOwnerRef!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** One term of a contract, in the contract's order (domain: ContractTerm; the unit of `rate` follows `kind`). */
@Entity({ name: 'settlement_contract_terms' })
@Check(
  'ck_settlement_contract_terms_kind',
  `kind IN ('battery-wear', 'cpo-fee-per-session', 'cpo-fee-per-kwh', 'fixed-fee-per-session', 'fixed-fee-per-month', 'driver-reward-per-plugged-hour', 'driver-reward-per-kwh-shifted', 'revenue-share')`,
)
@Check('ck_settlement_contract_terms_payee', `(payee_role IS NULL) = (payee_ref IS NULL) AND (payee_role IS NULL) = (kind LIKE 'driver-reward-%')`)
@Check('ck_settlement_contract_terms_rate', `rate >= 0`)
export class SettlementContractTermEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_settlement_contract_terms' }) contractId!: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_settlement_contract_terms' }) termNo!: number;

  @ManyToOne(() => SettlementContractEntity, { nullable: false })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_settlement_contract_terms_contract' })
  contract?: SettlementContractEntity;

  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text', nullable: true }) payeeRole!: string | null;
  @Column({ type: 'text', nullable: true }) payeeRef!: string | null;
  @Column(decimalColumn('money')) rate!: Decimal;
}
