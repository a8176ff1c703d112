import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn, decimalTransformer } from '../../../persistence/src/decimal.transformer';
import { OemLinkEntity } from './oem-link.entity';

/**
 * The last known state per linked vehicle. Kept when the OEM is unreachable, so callers always see
 * a state and its age (`observed_at`) instead of nothing. No location column, on purpose.
 */
@Entity({ name: 'vehicle_states' })
export class VehicleStateEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_vehicle_states' })
  oemLinkId!: string;

  @ManyToOne(() => OemLinkEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'oem_link_id', foreignKeyConstraintName: 'fk_vehicle_states_oem_link' })
  oemLink?: OemLinkEntity;

  @Column({ type: 'uuid' })
  vehicleId!: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer(2, 5) })
  socPct!: Decimal;

  @Column({ type: 'boolean' })
  pluggedIn!: boolean;

  @Column(decimalColumn('powerKw'))
  chargingPowerKw!: Decimal;

  /** The vehicle's own time stamp of the reading. */
  @Column({ type: 'timestamptz' })
  observedAt!: Date;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'text' })
  source!: 'poll' | 'webhook';
}
