import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { PortfolioEntity } from '../../../../flexibility/src/infrastructure/portfolio/portfolio.entity';

/** The TSO's machine credential for one portfolio's activation feed (`vpp_<keyId>_<secret>`, secret stored as scrypt hash). */
@Entity({ name: 'dispatch_tso_feeds' })
@Unique('uq_dispatch_tso_feeds_key_id', ['keyId'])
@Index('ix_dispatch_tso_feeds_portfolio', ['portfolioId'])
export class TsoFeedEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_dispatch_tso_feeds' })
  id!: string;

  @Column({ type: 'uuid' })
  portfolioId!: string;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_dispatch_tso_feeds_portfolio' })
  portfolio?: PortfolioEntity;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text' })
  keyId!: string;

  @Column({ type: 'text' })
  secretHash!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
