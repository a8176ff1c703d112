import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import { PortfolioEntity } from '../../../../flexibility/src/infrastructure/portfolio/portfolio.entity';

/** Target against measured energy of one activation (e.g. `afrr`, `fcr`) in one ISP, summed over the loop's cycles. */
@Entity({ name: 'dispatch_tracking_isps' })
export class DispatchTrackingIspEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_dispatch_tracking_isps' })
  portfolioId!: string;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_dispatch_tracking_isps_portfolio' })
  portfolio?: PortfolioEntity;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_dispatch_tracking_isps' })
  activation!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_dispatch_tracking_isps' })
  ispStart!: Date;

  @Column(decimalColumn('energyKwh'))
  targetKwh!: Decimal;

  @Column(decimalColumn('energyKwh'))
  measuredKwh!: Decimal;

  @Column(decimalColumn('energyKwh'))
  absErrorKwh!: Decimal;

  /** Split by direction (the loop's IspEnergyLedger): up = less consumption than baseline. 0 where a writer did not split. */
  @Column({ ...decimalColumn('energyKwh'), default: 0 })
  requestedUpKwh!: Decimal;

  @Column({ ...decimalColumn('energyKwh'), default: 0 })
  requestedDownKwh!: Decimal;

  @Column({ ...decimalColumn('energyKwh'), default: 0 })
  deliveredUpKwh!: Decimal;

  @Column({ ...decimalColumn('energyKwh'), default: 0 })
  deliveredDownKwh!: Decimal;

  @Column({ type: 'integer' })
  cycles!: number;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
