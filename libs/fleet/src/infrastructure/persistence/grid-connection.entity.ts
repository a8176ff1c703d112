import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import { SiteEntity } from './site.entity';

/** The site's connection to the distribution grid: its EAN and the limits that nest fuse -> site -> EVSE. */
@Entity({ name: 'grid_connections' })
@Unique('uq_grid_connections_site', ['siteId'])
@Unique('uq_grid_connections_ean', ['ean'])
@Check('ck_grid_connections_ean', `ean ~ '^[0-9]{18}$'`)
@Check('ck_grid_connections_limits', `import_limit_kw >= 0 AND export_limit_kw >= 0 AND (fuse_limit_kw IS NULL OR fuse_limit_kw > 0)`)
export class GridConnectionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_grid_connections' })
  id!: string;

  @Column({ type: 'uuid' })
  siteId!: string;

  @OneToOne(() => SiteEntity, { nullable: false })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_grid_connections_site' })
  site?: SiteEntity;

  /** 18 digits with a GS1 check digit, validated in the domain (`parseEan`). */
  @Column({ type: 'text' })
  ean!: string;

  @Column(decimalColumn('powerKw'))
  importLimitKw!: Decimal;

  @Column(decimalColumn('powerKw'))
  exportLimitKw!: Decimal;

  @Column({ ...decimalColumn('powerKw'), nullable: true })
  fuseLimitKw!: Decimal | null;

  @Column({ type: 'text' })
  dso!: string;

  @Column({ type: 'text', nullable: true })
  congestionArea!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
