import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OrganisationEntity } from '../../../../access/src/infrastructure/organisation.entity';

/** A pool of sites sold on some markets, owned by an operator organisation (domain/portfolio/portfolio.ts). */
@Entity({ name: 'portfolios' })
@Unique('uq_portfolios_organisation_name', ['organisationId', 'name'])
@Check('ck_portfolios_bidding_zone', `bidding_zone ~ '^[A-Z]{2}[0-9]?(-[A-Z0-9]{2,6})?$'`)
export class PortfolioEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_portfolios' })
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_portfolios_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  biddingZone!: string;

  @Column({ type: 'text', nullable: true })
  brpReference!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
