import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import { PortfolioEntity } from '../../../../flexibility/src/infrastructure/portfolio/portfolio.entity';

/** A day-ahead position for one ISP (kW, positive = consumption), as the feed last sent it. */
@Entity({ name: 'dispatch_isp_positions' })
export class DispatchIspPositionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_dispatch_isp_positions' })
  portfolioId!: string;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_dispatch_isp_positions_portfolio' })
  portfolio?: PortfolioEntity;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_dispatch_isp_positions' })
  ispStart!: Date;

  @Column(decimalColumn('powerKw'))
  positionKw!: Decimal;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}
