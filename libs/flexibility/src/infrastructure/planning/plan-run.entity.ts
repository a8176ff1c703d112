import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { PortfolioEntity } from '../portfolio/portfolio.entity';

export type PlanRunStatus = 'queued' | 'planned' | 'completed' | 'failed';

/**
 * One plan of a portfolio for a delivery day as known at `known_at` (the job's idempotency key):
 * `planned` once schedules and aggregate are stored, `completed` once ledger availability and
 * baselines are written from them.
 */
@Entity({ name: 'plan_runs' })
@Unique('uq_plan_runs_portfolio_day_known_at', ['portfolioId', 'deliveryDay', 'knownAt'])
@Check('ck_plan_runs_status', `status IN ('queued', 'planned', 'completed', 'failed')`)
export class PlanRunEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_plan_runs' })
  id!: string;

  @Column({ type: 'uuid' })
  portfolioId!: string;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_plan_runs_portfolio' })
  portfolio?: PortfolioEntity;

  @Column({ type: 'date' })
  deliveryDay!: string;

  @Column({ type: 'timestamptz' })
  knownAt!: Date;

  @Column({ type: 'text' })
  status!: PlanRunStatus;

  @Column({ type: 'text', nullable: true })
  method!: string | null;

  @Column({ type: 'text', nullable: true })
  solverStatus!: string | null;

  @Column({ type: 'text', nullable: true })
  reserveStatus!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  objective!: Record<string, unknown> | null;

  @Column({ type: 'integer', nullable: true })
  slacksCount!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  slacks!: unknown[] | null;

  @Column({ type: 'jsonb', nullable: true })
  reserves!: Record<string, unknown> | null;

  /** Counts, sources and every assumption the plan used (repeated wherever the plan is shown). */
  @Column({ type: 'jsonb', nullable: true })
  inputsSummary!: Record<string, unknown> | null;

  /** ISPs where the new availability was below what was already reserved (kept at the reserved kW). */
  @Column({ type: 'jsonb', nullable: true })
  ledgerConflicts!: unknown[] | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
