import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PortfolioEntity } from '../../../../flexibility/src/infrastructure/portfolio/portfolio.entity';

/** The newest fencing token that has written commands for a portfolio; older holders are refused. */
@Entity({ name: 'dispatch_fences' })
export class DispatchFenceEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_dispatch_fences' })
  portfolioId!: string;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_dispatch_fences_portfolio' })
  portfolio?: PortfolioEntity;

  /** bigint: node-postgres returns it as a string. */
  @Column({ type: 'bigint' })
  fencingToken!: string;

  @Column({ type: 'text' })
  holder!: string;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
