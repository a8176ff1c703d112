import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalTransformer } from '../../../persistence/src/decimal.transformer';
import type { FlexOrderSettlementIsp } from '../domain/flex-settlement';
import { UftpFlexOrderEntity } from './uftp-flex-order.entity';

const amount = { type: 'numeric', precision: 18, scale: 4, transformer: decimalTransformer(4, 18) } as const;

/**
 * The FlexOrderSettlement of one order (UFTP-agr-dso.xsd FlexOrderSettlementType). Written by
 * `RecordFlexSettlementUseCase`, the seam issue 7 (delivered flex from meter data) calls.
 */
@Entity({ name: 'uftp_flex_settlements' })
@Unique('uq_uftp_flex_settlements_order', ['flexOrderId'])
export class UftpFlexSettlementEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_uftp_flex_settlements' })
  id!: string;

  @Column({ type: 'uuid' })
  flexOrderId!: string;

  @OneToOne(() => UftpFlexOrderEntity, { nullable: false })
  @JoinColumn({ name: 'flex_order_id', foreignKeyConstraintName: 'fk_uftp_flex_settlements_order' })
  flexOrder?: UftpFlexOrderEntity;

  @Column({ type: 'date' })
  period!: string;

  @Column(amount)
  price!: Decimal;

  @Column(amount)
  penalty!: Decimal;

  /** Price - Penalty. */
  @Column(amount)
  netSettlement!: Decimal;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'jsonb' })
  isps!: FlexOrderSettlementIsp[];

  /** When the delivery figures were known (baseline method and meter data cut-off). */
  @Column({ type: 'timestamptz' })
  knownAt!: Date;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
