import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { MemberRole } from '../domain/organisation-kind';
import { OrganisationEntity } from './organisation.entity';

/** A partner system of an organisation; it authenticates with its API keys. */
@Entity({ name: 'api_clients' })
@Index('ix_api_clients_organisation_id', ['organisationId'])
@Check('ck_api_clients_role', `role IN ('admin', 'member')`)
export class ApiClientEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_api_clients' })
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_api_clients_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'text' })
  name!: string;

  /** Its role inside the organisation, like a user's; its organisation kind is its market role. */
  @Column({ type: 'text' })
  role!: MemberRole;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
