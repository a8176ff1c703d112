import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import { PortfolioEntity } from '../../../../flexibility/src/infrastructure/portfolio/portfolio.entity';

/** One aFRR setpoint as received from the TSO feed, with what the intake made of it. */
@Entity({ name: 'dispatch_setpoints' })
@Index('ix_dispatch_setpoints_portfolio_received', ['portfolioId', 'receivedAt'])
@Check('ck_dispatch_setpoints_transport', `transport IN ('http', 'ws')`)
@Check('ck_dispatch_setpoints_outcome', `outcome IN ('accepted', 'stale', 'out-of-order')`)
export class DispatchSetpointEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_dispatch_setpoints' })
  id!: string;

  @Column({ type: 'uuid' })
  portfolioId!: string;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_dispatch_setpoints_portfolio' })
  portfolio?: PortfolioEntity;

  @Column({ type: 'bigint' })
  sequence!: string;

  @Column({ type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  /** MW with 3 decimals (kW resolution); positive = upward regulation (less consumption). */
  @Column(decimalColumn('powerKw'))
  setpointMw!: Decimal;

  @Column({ type: 'text' })
  transport!: 'http' | 'ws';

  @Column({ type: 'text' })
  outcome!: 'accepted' | 'stale' | 'out-of-order';
}
