import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { ExternalEntityType } from '../../domain/fleet-vocabulary';

/**
 * Maps one of our entities to a party's id for it. Ids are unique only per party (two CPOs both
 * have a session "1"), hence the party in the unique key. `entity_id` has no foreign key because
 * it points into several tables.
 */
@Entity({ name: 'external_ids' })
@Unique('uq_external_ids_party_external_id', ['entityType', 'countryCode', 'partyId', 'externalId'])
@Index('ix_external_ids_entity', ['entityType', 'entityId'])
@Check('ck_external_ids_entity_type', `entity_type IN ('site', 'charge_point', 'evse', 'session', 'vehicle')`)
@Check('ck_external_ids_party', `country_code ~ '^[A-Z]{2}$' AND party_id ~ '^[A-Za-z0-9._-]{1,64}$'`)
export class ExternalIdEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_external_ids' })
  id!: string;

  @Column({ type: 'text' })
  entityType!: ExternalEntityType;

  @Column({ type: 'uuid' })
  entityId!: string;

  @Column({ type: 'text' })
  countryCode!: string;

  @Column({ type: 'text' })
  partyId!: string;

  @Column({ type: 'text' })
  externalId!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
