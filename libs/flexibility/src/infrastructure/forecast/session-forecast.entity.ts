import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { statColumn } from './forecast-numeric';

/**
 * One stored forecast of a scope's sessions for a delivery day (issue 4 item 3), with the time
 * its inputs were known (ARCHITECTURE.md section 3). Same scope, day, method and known_at: one row.
 */
@Entity({ name: 'session_forecasts' })
@Unique('uq_session_forecasts_scope_day_method_known', ['scopeKind', 'scopeId', 'deliveryDay', 'method', 'methodVersion', 'knownAt'])
@Check('ck_session_forecasts_scope_kind', `scope_kind IN ('site', 'portfolio', 'fleet')`)
@Check('ck_session_forecasts_isp_count', `isp_count IN (92, 96, 100)`)
@Check('ck_session_forecasts_window', `trained_from <= trained_to AND trained_to < delivery_day`)
export class SessionForecastEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_session_forecasts' })
  id!: string;

  @Column({ type: 'text' })
  scopeKind!: 'site' | 'portfolio' | 'fleet';

  /** A site, portfolio or fleet id; no foreign key because the kind decides the table. */
  @Column({ type: 'uuid' })
  scopeId!: string;

  @Column({ type: 'date' })
  deliveryDay!: string;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'integer' })
  methodVersion!: number;

  @Column({ type: 'date' })
  trainedFrom!: string;

  @Column({ type: 'date' })
  trainedTo!: string;

  @Column({ type: 'timestamptz' })
  knownAt!: Date;

  @Column({ type: 'text' })
  dayTypeScheme!: string;

  @Column({ type: 'text' })
  dayType!: string;

  @Column({ type: 'integer' })
  historyDays!: number;

  @Column({ type: 'smallint' })
  ispCount!: number;

  @Column(statColumn) expectedArrivalsPerDay!: Decimal;
  @Column(statColumn) arrivalsPerDayP10!: Decimal;
  @Column(statColumn) arrivalsPerDayP50!: Decimal;
  @Column(statColumn) arrivalsPerDayP90!: Decimal;
  @Column(statColumn) expectedEnergyKwhPerDay!: Decimal;
  @Column(statColumn) energyKwhPerDayP10!: Decimal;
  @Column(statColumn) energyKwhPerDayP50!: Decimal;
  @Column(statColumn) energyKwhPerDayP90!: Decimal;

  /** What was assumed rather than learned, repeated wherever the forecast is shown. */
  @Column({ type: 'jsonb' })
  assumptions!: string[];

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
