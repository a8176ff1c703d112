import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { ChargePointProtocol, OcppVersion } from '../../domain/fleet-vocabulary';
import { SiteEntity } from './site.entity';

/** A charging station with one or more EVSEs; reached through a CPO (OCPI) or directly (OCPP). */
@Entity({ name: 'charge_points' })
@Unique('uq_charge_points_site_import_ref', ['siteId', 'importRef'])
@Check('ck_charge_points_protocol', `protocol IN ('ocpi', 'ocpp', 'none')`)
@Check('ck_charge_points_ocpp_version', `ocpp_version IS NULL OR ocpp_version IN ('2.0.1', '2.1')`)
export class ChargePointEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_charge_points' })
  id!: string;

  @Column({ type: 'uuid' })
  siteId!: string;

  @ManyToOne(() => SiteEntity, { nullable: false })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_charge_points_site' })
  site?: SiteEntity;

  /** `none` for charge points known only from historical data. */
  @Column({ type: 'text' })
  protocol!: ChargePointProtocol;

  @Column({ type: 'text', nullable: true })
  ocppVersion!: OcppVersion | null;

  @Column({ type: 'text', nullable: true })
  vendor!: string | null;

  @Column({ type: 'text', nullable: true })
  model!: string | null;

  @Column({ type: 'text', nullable: true })
  importRef!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
