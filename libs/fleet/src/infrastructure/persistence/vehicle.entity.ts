import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import { FleetEntity } from './fleet.entity';

/** An EV of a fleet. Known only by a pseudonymous id (no VIN, no plate: GDPR, issue 3 item 7). */
@Entity({ name: 'vehicles' })
@Unique('uq_vehicles_fleet_pseudonymous_id', ['fleetId', 'pseudonymousId'])
export class VehicleEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_vehicles' })
  id!: string;

  @Column({ type: 'uuid' })
  fleetId!: string;

  @ManyToOne(() => FleetEntity, { nullable: false })
  @JoinColumn({ name: 'fleet_id', foreignKeyConstraintName: 'fk_vehicles_fleet' })
  fleet?: FleetEntity;

  @Column({ type: 'text' })
  pseudonymousId!: string;

  @Column({ ...decimalColumn('energyKwh'), nullable: true })
  batteryKwh!: Decimal | null;

  @Column({ ...decimalColumn('powerKw'), nullable: true })
  maxAcChargeKw!: Decimal | null;

  @Column({ ...decimalColumn('powerKw'), nullable: true })
  maxDcChargeKw!: Decimal | null;

  @Column({ ...decimalColumn('powerKw'), nullable: true })
  maxAcDischargeKw!: Decimal | null;

  @Column({ ...decimalColumn('powerKw'), nullable: true })
  maxDcDischargeKw!: Decimal | null;

  @Column({ type: 'boolean' })
  v2gCapable!: boolean;

  @Column({ type: 'text', nullable: true })
  oem!: string | null;

  @Column({ type: 'text', nullable: true })
  model!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
