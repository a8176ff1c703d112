import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from '../../../../access/src/infrastructure/organisation.entity';

/** A market party code (EAN) a BRP organisation answers for; see migration 1764300600000. */
@Entity({ name: 'brp_party_codes' })
@Index('ix_brp_party_codes_organisation', ['organisationId'])
export class BrpPartyCodeEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_brp_party_codes' })
  code!: string;

  @Column({ type: 'uuid' }) organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_brp_party_codes_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'timestamptz' }) createdAt!: Date;
}
