import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { JsonValue } from '../domain/audit-chain';
import { OrganisationEntity } from './organisation.entity';

/**
 * Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). One hash chain per tenant
 * organisation: chain_position runs 1, 2, 3... per organisation_id.
 */
@Entity({ name: 'audit_log' })
@Unique('uq_audit_log_organisation_position', ['organisationId', 'chainPosition'])
@Index('ix_audit_log_occurred_at', ['occurredAt'])
@Check('ck_audit_log_position', `chain_position >= 1`)
@Check('ck_audit_log_actor_type', `actor_type IN ('user', 'client', 'system')`)
export class AuditLogEntryEntity {
  /** bigint comes back from node-postgres as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_audit_log' })
  seq!: string;

  /** The tenant the action touched. */
  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_audit_log_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'bigint' })
  chainPosition!: string;

  @Column({ type: 'text' })
  actorType!: 'user' | 'client' | 'system';

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOrganisationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  onBehalfOfOrganisationId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  entityType!: string;

  @Column({ type: 'text', nullable: true })
  entityId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: JsonValue | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: JsonValue | null;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text', nullable: true })
  correlationId!: string | null;

  @Column({ type: 'text' })
  prevHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
