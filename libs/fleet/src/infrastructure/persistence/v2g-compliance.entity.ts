import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { CurrentType } from '../../domain/fleet-vocabulary';
import { EvseEntity } from './evse.entity';
import { VehicleEntity } from './vehicle.entity';

/**
 * A record that discharging meets the grid code of `country`: for AC the EV-EVSE pair (a vehicle
 * or a vehicle model on this EVSE), for DC the EVSE alone (see domain/v2g-eligibility.ts).
 */
@Entity({ name: 'v2g_compliance' })
@Index('ix_v2g_compliance_evse_id', ['evseId'])
@Check('ck_v2g_compliance_country', `country ~ '^[A-Z]{2}$'`)
@Check(
  'ck_v2g_compliance_pair',
  `(current_type = 'DC' AND vehicle_id IS NULL AND vehicle_model IS NULL)
          OR (current_type = 'AC' AND (vehicle_id IS NOT NULL OR (vehicle_oem IS NOT NULL AND vehicle_model IS NOT NULL)))`,
)
export class V2gComplianceEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_v2g_compliance' })
  id!: string;

  @Column({ type: 'uuid' })
  evseId!: string;

  @ManyToOne(() => EvseEntity, { nullable: false })
  @JoinColumn({ name: 'evse_id', foreignKeyConstraintName: 'fk_v2g_compliance_evse' })
  evse?: EvseEntity;

  @Column({ type: 'text' })
  currentType!: CurrentType;

  @Column({ type: 'uuid', nullable: true })
  vehicleId!: string | null;

  @ManyToOne(() => VehicleEntity, { nullable: true })
  @JoinColumn({ name: 'vehicle_id', foreignKeyConstraintName: 'fk_v2g_compliance_vehicle' })
  vehicle?: VehicleEntity;

  @Column({ type: 'text', nullable: true })
  vehicleOem!: string | null;

  @Column({ type: 'text', nullable: true })
  vehicleModel!: string | null;

  @Column({ type: 'text' })
  country!: string;

  /** The grid code met, e.g. `NL:RfG-2016/631` or `DE:VDE-AR-N-4105`. */
  @Column({ type: 'text' })
  gridCode!: string;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}
