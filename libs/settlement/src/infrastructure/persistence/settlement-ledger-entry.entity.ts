import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import { SettlementStatementEntity } from './settlement-statement.entity';

/**
 * One line of a statement version (domain: LedgerLine). Append-only: a trigger refuses UPDATE,
 * DELETE and TRUNCATE, and INSERT once the statement is issued. Amounts are whole cents.
 */
@Entity({ name: 'settlement_ledger_entries' })
@Index('ix_settlement_ledger_entries_corrects', ['correctsStatementId', 'correctsLineNo'])
@Index('ix_settlement_ledger_entries_stakeholder', ['stakeholderRole', 'stakeholderRef'])
@Check('ck_settlement_ledger_entries_line_no', `line_no >= 1`)
@Check('ck_settlement_ledger_entries_section', `section IN ('revenue', 'allocation', 'charges')`)
@Check('ck_settlement_ledger_entries_role', `stakeholder_role IN ('aggregator', 'fleet-owner', 'cpo', 'oem', 'driver')`)
@Check('ck_settlement_ledger_entries_market', `market IN ('fcr', 'afrr', 'day-ahead', 'idcons', 'uftp', 'imbalance', 'portfolio', 'charging')`)
@Check('ck_settlement_ledger_entries_basis', `basis IN ('measured', 'estimated', 'profile')`)
@Check('ck_settlement_ledger_entries_period', `period_end > period_start`)
@Check('ck_settlement_ledger_entries_cents', `amount = round(amount, 2)`)
@Check('ck_settlement_ledger_entries_corrects', `(corrects_statement_id IS NULL) = (corrects_line_no IS NULL)`)
export class SettlementLedgerEntryEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_settlement_ledger_entries' }) statementId!: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_settlement_ledger_entries' }) lineNo!: number;

  @ManyToOne(() => SettlementStatementEntity, { nullable: false })
  @JoinColumn({ name: 'statement_id', foreignKeyConstraintName: 'fk_settlement_ledger_entries_statement' })
  statement?: SettlementStatementEntity;

  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) section!: string;
  @Column({ type: 'text' }) stakeholderRole!: string;
  @Column({ type: 'text' }) stakeholderRef!: string;
  @Column({ type: 'text' }) market!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'timestamptz' }) periodStart!: Date;
  @Column({ type: 'timestamptz' }) periodEnd!: Date;
  @Column(decimalColumn('money')) amount!: Decimal;
  @Column(decimalColumn('energyKwh', { nullable: true })) quantity!: Decimal | null;
  @Column({ type: 'text', nullable: true }) unit!: string | null;
  @Column({ type: 'text' }) basis!: string;
  @Column({ type: 'text', array: true }) assumptions!: string[];
  @Column({ type: 'uuid', nullable: true }) correctsStatementId!: string | null;
  @Column({ type: 'integer', nullable: true }) correctsLineNo!: number | null;

  @ManyToOne(() => SettlementLedgerEntryEntity, { nullable: true })
  @JoinColumn([
    { name: 'corrects_statement_id', referencedColumnName: 'statementId', foreignKeyConstraintName: 'fk_settlement_ledger_entries_corrects' },
    { name: 'corrects_line_no', referencedColumnName: 'lineNo', foreignKeyConstraintName: 'fk_settlement_ledger_entries_corrects' },
  ])
  corrects?: SettlementLedgerEntryEntity | null;
}
