import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ControlChannel } from '../../../../fleet/src/domain/fleet-vocabulary';
import { PortfolioEntity } from '../../../../flexibility/src/infrastructure/portfolio/portfolio.entity';

export type DispatchBatchStatus = 'recorded' | 'sent' | 'superseded';

/** One fan-out job's worth of commands: one channel, one party (CPO, depot, OEM cloud), one cycle. */
@Entity({ name: 'dispatch_command_batches' })
@Index('ix_dispatch_command_batches_portfolio', ['portfolioId', 'createdAt'])
@Check('ck_dispatch_command_batches_channel', `channel IN ('ocpi', 'ocpp', 'oem')`)
@Check('ck_dispatch_command_batches_status', `status IN ('recorded', 'sent', 'superseded')`)
export class DispatchCommandBatchEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_dispatch_command_batches' })
  id!: string;

  @Column({ type: 'uuid' })
  portfolioId!: string;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_dispatch_command_batches_portfolio' })
  portfolio?: PortfolioEntity;

  @Column({ type: 'bigint' })
  fencingToken!: string;

  @Column({ type: 'text' })
  channel!: ControlChannel;

  @Column({ type: 'text' })
  party!: string;

  @Column({ type: 'text' })
  status!: DispatchBatchStatus;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
