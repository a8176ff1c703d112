import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { OrganisationEntity } from '../../../access/src/infrastructure/organisation.entity';
import { SessionEntity } from '../../../fleet/src/infrastructure/persistence/session.entity';
import { VehicleEntity } from '../../../fleet/src/infrastructure/persistence/vehicle.entity';
import { decimalColumn, decimalTransformer } from '../../../persistence/src/decimal.transformer';
import type { MobilityNeedsSource } from '../domain/mobility-needs';

const socColumn = { type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer(2, 5), nullable: true } as const;

/**
 * The needs a driver's app or a reservation system set for one session or one vehicle (issue 3
 * item 6). Authoritative: they take precedence over what a CPO (OCPI ChargingPreferences), a
 * charge point or an OEM reports, which stays untouched in `sessions`. One row per subject,
 * changed in place; its history is in the audit log.
 */
@Entity({ name: 'mobility_needs' })
@Unique('uq_mobility_needs_session', ['sessionId'])
@Unique('uq_mobility_needs_vehicle', ['vehicleId'])
@Index('ix_mobility_needs_organisation', ['organisationId'])
@Index('ix_mobility_needs_driver_hash', ['driverHash'])
@Check('ck_mobility_needs_subject', `(session_id IS NULL) <> (vehicle_id IS NULL)`)
@Check('ck_mobility_needs_soc', `(target_soc_pct IS NULL OR target_soc_pct BETWEEN 0 AND 100) AND (min_soc_pct IS NULL OR min_soc_pct BETWEEN 0 AND 100) AND (min_soc_pct IS NULL OR target_soc_pct IS NULL OR min_soc_pct <= target_soc_pct)`)
@Check('ck_mobility_needs_energy', `energy_need_kwh IS NULL OR (energy_need_kwh > 0 AND target_soc_pct IS NULL)`)
@Check('ck_mobility_needs_source', `source IN ('driver-app', 'reservation-system', 'operator')`)
export class MobilityNeedsEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_mobility_needs' })
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_mobility_needs_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @ManyToOne(() => SessionEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_mobility_needs_session' })
  session?: SessionEntity;

  @Column({ type: 'uuid', nullable: true })
  vehicleId!: string | null;

  @ManyToOne(() => VehicleEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vehicle_id', foreignKeyConstraintName: 'fk_mobility_needs_vehicle' })
  vehicle?: VehicleEntity;

  @Column({ type: 'timestamptz', nullable: true })
  departureAt!: Date | null;

  @Column({ ...decimalColumn('energyKwh'), nullable: true })
  energyNeedKwh!: Decimal | null;

  @Column(socColumn)
  targetSocPct!: Decimal | null;

  @Column(socColumn)
  minSocPct!: Decimal | null;

  /** An immediate boost: charge at full power now, until departure or until the need is met. */
  @Column({ type: 'timestamptz', nullable: true })
  boostRequestedAt!: Date | null;

  /** Keyed hash (kind `driver`) of the driver id the app sent, if any; never the id itself. */
  @Column({ type: 'text', nullable: true })
  driverHash!: string | null;

  @Column({ type: 'text' })
  source!: MobilityNeedsSource;

  @Column({ type: 'text' })
  setByType!: 'user' | 'client';

  @Column({ type: 'uuid' })
  setById!: string;

  @Column({ type: 'timestamptz' })
  setAt!: Date;

  @Column({ type: 'integer' })
  version!: number;
}
