import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import { SiteEntity } from '../../../../fleet/src/infrastructure/persistence/site.entity';
import type { TariffKind, TouPeriod } from '../../domain/site-services/site-services';

/** A site's behind-the-meter services from `effective_from` (a local delivery day) until the next row. */
@Entity({ name: 'site_services' })
@Check('ck_site_services_tariff_kind', `tariff_kind IN ('dynamic', 'time-of-use')`)
@Check('ck_site_services_peak_shaving', `NOT peak_shaving OR capacity_tariff_eur_per_kw_month IS NOT NULL`)
@Check('ck_site_services_tou', `(tariff_kind = 'time-of-use') = (tou_periods IS NOT NULL)`)
export class SiteServicesEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_site_services' })
  siteId!: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_site_services' })
  effectiveFrom!: string;

  @ManyToOne(() => SiteEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_site_services_site' })
  site?: SiteEntity;

  @Column({ type: 'boolean' })
  peakShaving!: boolean;

  @Column(decimalColumn('money', { nullable: true }))
  capacityTariffEurPerKwMonth!: Decimal | null;

  /** 96 kW decimal strings, one per local wall-clock quarter (00:00, 00:15, ...). */
  @Column({ type: 'jsonb', nullable: true })
  pvProfileKw!: string[] | null;

  @Column({ type: 'jsonb', nullable: true })
  baseLoadProfileKw!: string[] | null;

  @Column({ type: 'text' })
  tariffKind!: TariffKind;

  @Column({ type: 'jsonb', nullable: true })
  touPeriods!: TouPeriod[] | null;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
