import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SessionEntity } from '../../../../fleet/src/infrastructure/persistence/session.entity';
import { PortfolioEntity } from '../../../../flexibility/src/infrastructure/portfolio/portfolio.entity';

export type SessionMarkReason = 'non-responsive' | 'stale-telemetry';

/** A session the loop stopped counting on; its share goes to responsive sessions while the mark stands. */
@Entity({ name: 'dispatch_session_marks' })
@Check('ck_dispatch_session_marks_reason', `reason IN ('non-responsive', 'stale-telemetry')`)
export class DispatchSessionMarkEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_dispatch_session_marks' })
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_dispatch_session_marks_session' })
  session?: SessionEntity;

  @Column({ type: 'uuid' })
  portfolioId!: string;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_dispatch_session_marks_portfolio' })
  portfolio?: PortfolioEntity;

  @Column({ type: 'text' })
  reason!: SessionMarkReason;

  @Column({ type: 'timestamptz' })
  markedAt!: Date;
}
