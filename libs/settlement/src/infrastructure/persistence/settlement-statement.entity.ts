import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';

/**
 * One version of a fleet's statement for a period. Immutable once `issued` (trigger
 * trg_settlement_statements_immutable); the inputs hash is unique per scope and period, which
 * makes issuing idempotent.
 */
@Entity({ name: 'settlement_statements' })
@Unique('uq_settlement_statements_inputs', ['portfolioId', 'fleetId', 'periodStart', 'periodEnd', 'inputsHash'])
@Unique('uq_settlement_statements_version', ['portfolioId', 'fleetId', 'periodStart', 'periodEnd', 'version'])
@Check('ck_settlement_statements_period', `period_end > period_start`)
@Check('ck_settlement_statements_version', `version >= 1`)
@Check('ck_settlement_statements_status', `(status = 'draft' AND issued_at IS NULL) OR (status = 'issued' AND issued_at IS NOT NULL)`)
@Check('ck_settlement_statements_inputs_hash', `inputs_hash ~ '^[0-9a-f]{64}$'`)
@Check('ck_settlement_statements_cents', `net_revenue = round(net_revenue, 2)`)
export class SettlementStatementEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_settlement_statements' }) id!: string;
  @Column({ type: 'uuid' }) portfolioId!: string;
  @Column({ type: 'uuid' }) fleetId!: string;
  @Column({ type: 'timestamptz' }) periodStart!: Date;
  @Column({ type: 'timestamptz' }) periodEnd!: Date;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) status!: 'draft' | 'issued';
  @Column({ type: 'text' }) inputsHash!: string;
  @Column({ type: 'text' }) contractId!: string;
  @Column(decimalColumn('money')) netRevenue!: Decimal;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) issuedAt!: Date | null;
}
