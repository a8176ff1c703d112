import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import { PlanRunEntity } from './plan-run.entity';

/** The portfolio aggregate of a plan in one ISP: planned power, reserve availability at the quantile, virtual battery bounds. */
@Entity({ name: 'plan_portfolio_isps' })
@Check('ck_plan_portfolio_isps_isp_start', `extract(epoch FROM isp_start) % 900 = 0`)
export class PlanPortfolioIspEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_plan_portfolio_isps' })
  planRunId!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_plan_portfolio_isps' })
  ispStart!: Date;

  @ManyToOne(() => PlanRunEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_run_id', foreignKeyConstraintName: 'fk_plan_portfolio_isps_run' })
  planRun?: PlanRunEntity;

  @Column({ type: 'smallint' })
  ispNumber!: number;

  @Column(decimalColumn('powerKw')) plannedKw!: Decimal;
  @Column(decimalColumn('powerKw')) upAvailableKw!: Decimal;
  @Column(decimalColumn('powerKw')) downAvailableKw!: Decimal;
  @Column(decimalColumn('powerKw')) batteryMinKw!: Decimal;
  @Column(decimalColumn('powerKw')) batteryMaxKw!: Decimal;
  @Column(decimalColumn('energyKwh')) batteryEarliestKwh!: Decimal;
  @Column(decimalColumn('energyKwh')) batteryLatestKwh!: Decimal;
}
