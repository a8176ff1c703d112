import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import type { CurrentType } from '../../domain/fleet-vocabulary';
import { ChargePointEntity } from './charge-point.entity';
import { SiteEntity } from './site.entity';

/** One EVSE (one EV at a time) of a charge point. `siteId` is denormalised for the limit and V2G lookups. */
@Entity({ name: 'evses' })
@Unique('uq_evses_charge_point_import_ref', ['chargePointId', 'importRef'])
@Index('ix_evses_site_id', ['siteId'])
@Check('ck_evses_current_type', `current_type IN ('AC', 'DC')`)
@Check('ck_evses_phases', `phases IN (1, 2, 3)`)
@Check('ck_evses_max_power', `max_power_kw > 0`)
export class EvseEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_evses' })
  id!: string;

  @Column({ type: 'uuid' })
  chargePointId!: string;

  @ManyToOne(() => ChargePointEntity, { nullable: false })
  @JoinColumn({ name: 'charge_point_id', foreignKeyConstraintName: 'fk_evses_charge_point' })
  chargePoint?: ChargePointEntity;

  @Column({ type: 'uuid' })
  siteId!: string;

  @ManyToOne(() => SiteEntity, { nullable: false })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_evses_site' })
  site?: SiteEntity;

  @Column({ type: 'text' })
  currentType!: CurrentType;

  @Column({ type: 'smallint' })
  phases!: number;

  @Column(decimalColumn('powerKw'))
  maxPowerKw!: Decimal;

  @Column({ type: 'boolean' })
  bidirectional!: boolean;

  @Column({ type: 'boolean' })
  iso15118_20!: boolean;

  @Column({ type: 'text', nullable: true })
  importRef!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
