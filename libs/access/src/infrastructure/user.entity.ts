import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { MemberRole } from '../domain/organisation-kind';
import { OrganisationEntity } from './organisation.entity';

@Entity({ name: 'users' })
@Unique('uq_users_email', ['email'])
@Index('ix_users_organisation_id', ['organisationId'])
@Check('ck_users_role', `role IN ('admin', 'member')`)
@Check('ck_users_email_lower', `email = lower(email)`)
export class UserEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_users' })
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_users_organisation' })
  organisation?: OrganisationEntity;

  /** Stored lower-case so uniqueness is case-insensitive. */
  @Column({ type: 'text' })
  email!: string;

  /** scrypt hash with salt and cost, see secret-hash.ts */
  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text' })
  role!: MemberRole;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
