import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OrganisationEntity } from '../../../../access/src/infrastructure/organisation.entity';

/** A named group of vehicles and sessions owned by one organisation. */
@Entity({ name: 'fleets' })
@Unique('uq_fleets_organisation_name', ['organisationId', 'name'])
export class FleetEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_fleets' })
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_fleets_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
