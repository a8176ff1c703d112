import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OrganisationEntity } from '../../../access/src/infrastructure/organisation.entity';
import { EvseEntity } from '../../../fleet/src/infrastructure/persistence/evse.entity';
import { VehicleEntity } from '../../../fleet/src/infrastructure/persistence/vehicle.entity';

/**
 * A vehicle of ours linked to its account at an OEM cloud. The account id is personal data and is
 * kept only as a keyed hash (issue 3 item 7); `oemVehicleRef` is the OEM's opaque handle for the
 * car, which we must send back to address it.
 */
@Entity({ name: 'oem_links' })
@Unique('uq_oem_links_vehicle', ['vehicleId'])
@Unique('uq_oem_links_oem_vehicle_ref', ['oem', 'oemVehicleRef'])
@Index('ix_oem_links_account_hash', ['accountHash'])
@Index('ix_oem_links_organisation', ['organisationId'])
@Index('ix_oem_links_evse', ['evseId'])
export class OemLinkEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_oem_links' })
  id!: string;

  /** The vehicle's tenant, copied from its fleet so reads are scoped without a join. */
  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_oem_links_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'uuid' })
  vehicleId!: string;

  @ManyToOne(() => VehicleEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vehicle_id', foreignKeyConstraintName: 'fk_oem_links_vehicle' })
  vehicle?: VehicleEntity;

  /** The OEM cloud's configuration name (`OEM_CLOUDS[].name`). */
  @Column({ type: 'text' })
  oem!: string;

  /** HMAC-SHA256 of the OEM account id (kind `oem-account`), from @vpp/privacy. */
  @Column({ type: 'text' })
  accountHash!: string;

  @Column({ type: 'text' })
  oemVehicleRef!: string;

  /**
   * The charger the car charges at (its home or depot EVSE, named at link time): an OEM reports
   * that the car is plugged in, not where. A plugged-in state opens an `oem` session here
   * (OemSessionTracker); null opens none (the states are kept all the same).
   */
  @Column({ type: 'uuid', nullable: true })
  evseId!: string | null;

  @ManyToOne(() => EvseEntity, { nullable: true })
  @JoinColumn({ name: 'evse_id', foreignKeyConstraintName: 'fk_oem_links_evse' })
  evse?: EvseEntity;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
