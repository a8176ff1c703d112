import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import { BaselineRecordEntity } from './baseline-record.entity';

/** A recorded baseline's value in one ISP. */
@Entity({ name: 'baseline_record_isps' })
@Check('ck_baseline_record_isps_isp_start', `extract(epoch FROM isp_start) % 900 = 0`)
export class BaselineRecordIspEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_baseline_record_isps' })
  baselineRecordId!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_baseline_record_isps' })
  ispStart!: Date;

  @ManyToOne(() => BaselineRecordEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'baseline_record_id', foreignKeyConstraintName: 'fk_baseline_record_isps_record' })
  baselineRecord?: BaselineRecordEntity;

  @Column(decimalColumn('powerKw'))
  powerKw!: Decimal;

  @Column(decimalColumn('energyKwh'))
  energyKwh!: Decimal;
}
