import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OrganisationEntity } from '../../../access/src/infrastructure/organisation.entity';
import type { UftpRole } from '../domain/uftp-vocabulary';

/** A UFTP counterparty (a DSO) registered by an operator: its domain, cs1 public key and endpoint. */
@Entity({ name: 'uftp_participants' })
@Unique('uq_uftp_participants_domain_role', ['domain', 'role'])
@Index('ix_uftp_participants_organisation', ['organisationId'])
@Check('ck_uftp_participants_role', `role IN ('DSO', 'CRO')`)
export class UftpParticipantEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_uftp_participants' })
  id!: string;

  /** The DSO's organisation (kind dso): its /v1 users act as this participant. */
  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_uftp_participants_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'text' })
  domain!: string;

  @Column({ type: 'text' })
  role!: Exclude<UftpRole, 'AGR'>;

  @Column({ type: 'text' })
  publicKey!: string;

  /** Where we POST SignedMessages, e.g. https://dso.example/shapeshifter/api/v3/message. */
  @Column({ type: 'text' })
  endpointUrl!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
