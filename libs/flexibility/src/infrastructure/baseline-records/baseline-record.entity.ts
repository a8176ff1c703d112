import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OrganisationEntity } from '../../../../access/src/infrastructure/organisation.entity';
import { SessionEntity } from '../../../../fleet/src/infrastructure/persistence/session.entity';
import { SiteEntity } from '../../../../fleet/src/infrastructure/persistence/site.entity';
import type { BaselineMethod } from '../../domain/baseline';

/**
 * A baseline as it was known at `known_at` (ARCHITECTURE.md section 3): one per subject, method,
 * method version and `known_at`, so recording the same computation twice changes nothing.
 */
@Entity({ name: 'baseline_records' })
@Unique('uq_baseline_records_session_version_known_at', ['sessionId', 'method', 'methodVersion', 'knownAt'])
@Unique('uq_baseline_records_site_version_known_at', ['siteId', 'method', 'methodVersion', 'knownAt'])
@Index('ix_baseline_records_session_known_at', ['sessionId', 'knownAt'])
@Index('ix_baseline_records_site_known_at', ['siteId', 'knownAt'])
@Check('ck_baseline_records_subject', `(session_id IS NULL) <> (site_id IS NULL)`)
@Check('ck_baseline_records_method', `method IN ('uncontrolled-charging', 'nominated-schedule', 'meter-before', 'historical-x-of-y')`)
@Check('ck_baseline_records_method_version', `method_version > 0`)
export class BaselineRecordEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_baseline_records' })
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_baseline_records_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @ManyToOne(() => SessionEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_baseline_records_session' })
  session?: SessionEntity;

  @Column({ type: 'uuid', nullable: true })
  siteId!: string | null;

  @ManyToOne(() => SiteEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_baseline_records_site' })
  site?: SiteEntity;

  @Column({ type: 'text' })
  method!: BaselineMethod;

  @Column({ type: 'integer' })
  methodVersion!: number;

  @Column({ type: 'timestamptz' })
  knownAt!: Date;

  /** The method's input summary (`BaselineMetadata.inputs`), exact decimal strings. */
  @Column({ type: 'jsonb' })
  computedFrom!: Record<string, string>;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}
