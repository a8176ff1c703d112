import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OrganisationEntity } from '../../../../access/src/infrastructure/organisation.entity';
import type { InnovationCluster } from '../../domain/fleet-vocabulary';
import { FleetEntity } from './fleet.entity';

/** A place with EVSEs behind one grid connection. Owned by the fleet owner, a CPO or the operator. */
@Entity({ name: 'sites' })
@Unique('uq_sites_organisation_import_ref', ['organisationId', 'importRef'])
@Index('ix_sites_fleet_id', ['fleetId'])
@Check('ck_sites_country', `country ~ '^[A-Z]{2}$'`)
@Check('ck_sites_innovation_cluster', `innovation_cluster IN ('home', 'workplace', 'depot', 'public')`)
export class SiteEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_sites' })
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_sites_organisation' })
  organisation?: OrganisationEntity;

  /** The fleet a private site (depot, home) belongs to; null for public sites shared by fleets. */
  @Column({ type: 'uuid', nullable: true })
  fleetId!: string | null;

  @ManyToOne(() => FleetEntity, { nullable: true })
  @JoinColumn({ name: 'fleet_id', foreignKeyConstraintName: 'fk_sites_fleet' })
  fleet?: FleetEntity;

  @Column({ type: 'text' })
  name!: string;

  /** ISO 3166-1 alpha-2; decides the grid code that V2G must meet. */
  @Column({ type: 'text' })
  country!: string;

  @Column({ type: 'text' })
  innovationCluster!: InnovationCluster;

  /** IANA time zone, e.g. Europe/Amsterdam. */
  @Column({ type: 'text' })
  timezone!: string;

  /** The site id in an imported file (idempotent re-import); null for sites from live sources. */
  @Column({ type: 'text', nullable: true })
  importRef!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
