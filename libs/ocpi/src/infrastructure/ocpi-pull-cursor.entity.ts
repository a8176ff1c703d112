import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OcpiPartyEntity } from './ocpi-party.entity';

/** The module lists we pull from a CPO (mod_locations, mod_sessions "Sender Interface"). */
export type OcpiPulledModule = 'locations' | 'sessions';

/**
 * How far the last complete pull of one module of one party got: its `date_to`, which is the next
 * pull's `date_from` (transport_and_format "Paginated Request": date_from inclusive, date_to
 * exclusive, so consecutive windows neither overlap nor leave a gap).
 */
@Entity({ name: 'ocpi_pull_cursors' })
@Check('ck_ocpi_pull_cursors_module', `module IN ('locations', 'sessions')`)
export class OcpiPullCursorEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_ocpi_pull_cursors' })
  ocpiPartyId!: string;

  @ManyToOne(() => OcpiPartyEntity, { nullable: false })
  @JoinColumn({ name: 'ocpi_party_id', foreignKeyConstraintName: 'fk_ocpi_pull_cursors_party' })
  party?: OcpiPartyEntity;

  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_ocpi_pull_cursors' })
  module!: OcpiPulledModule;

  @Column({ type: 'timestamptz' })
  pulledUntil!: Date;

  @Column({ type: 'timestamptz' })
  pulledAt!: Date;

  @Column({ type: 'integer' })
  objectsStored!: number;

  @Column({ type: 'integer' })
  objectsInvalid!: number;
}
