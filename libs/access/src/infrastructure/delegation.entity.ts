import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

/** Lets the operator organisation act inside the client organisation between valid_from and valid_to. */
@Entity({ name: 'delegations' })
@Index('ix_delegations_client_operator', ['clientOrganisationId', 'operatorOrganisationId'])
@Index('ix_delegations_operator', ['operatorOrganisationId'])
@Check('ck_delegations_window', `valid_to > valid_from`)
@Check('ck_delegations_distinct', `operator_organisation_id <> client_organisation_id`)
@Check('ck_delegations_granted_by_type', `granted_by_type IN ('user', 'client')`)
export class DelegationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_delegations' })
  id!: string;

  @Column({ type: 'uuid' })
  operatorOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'operator_organisation_id', foreignKeyConstraintName: 'fk_delegations_operator_organisation' })
  operatorOrganisation?: OrganisationEntity;

  @Column({ type: 'uuid' })
  clientOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'client_organisation_id', foreignKeyConstraintName: 'fk_delegations_client_organisation' })
  clientOrganisation?: OrganisationEntity;

  /** The user or API client of the client organisation that granted it. */
  @Column({ type: 'text' })
  grantedByType!: 'user' | 'client';

  @Column({ type: 'uuid' })
  grantedById!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'timestamptz' })
  validFrom!: Date;

  @Column({ type: 'timestamptz' })
  validTo!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedById!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
