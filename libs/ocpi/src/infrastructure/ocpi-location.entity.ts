import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OcpiPartyEntity } from './ocpi-party.entity';

/**
 * A CPO's Location as last received, with its EVSEs and connectors, in the CPO's own JSON. Each
 * level keeps its own `last_updated`, so late PATCHes of one EVSE cannot roll back another.
 */
@Entity({ name: 'ocpi_locations' })
@Unique('uq_ocpi_locations_party_location', ['ocpiPartyId', 'locationId'])
export class OcpiLocationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_ocpi_locations' })
  id!: string;

  @Column({ type: 'uuid' })
  ocpiPartyId!: string;

  @ManyToOne(() => OcpiPartyEntity, { nullable: false })
  @JoinColumn({ name: 'ocpi_party_id', foreignKeyConstraintName: 'fk_ocpi_locations_party' })
  party?: OcpiPartyEntity;

  /** The CPO's location id (unique per party only). */
  @Column({ type: 'varchar', length: 36 })
  locationId!: string;

  @Column({ type: 'timestamptz' })
  lastUpdated!: Date;

  @Column({ type: 'jsonb' })
  object!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}
