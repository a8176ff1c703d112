import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalTransformer } from '../../../../persistence/src/decimal.transformer';
import { statColumn } from './forecast-numeric';

/**
 * One backtest metric of a forecasting method on a scope's held-back window (issue 4 item 3).
 * Re-running the same backtest updates the row instead of adding one.
 */
@Entity({ name: 'forecast_backtest_results' })
@Unique('uq_forecast_backtest_results_run_metric', [
  'method', 'methodVersion', 'scopeKind', 'scopeId', 'heldBackFrom', 'heldBackTo', 'trainedFrom', 'series', 'metric', 'quantile',
])
@Check('ck_forecast_backtest_results_scope_kind', `scope_kind IN ('site', 'portfolio', 'fleet')`)
@Check('ck_forecast_backtest_results_metric', `metric IN ('pinball_loss', 'wape', 'share_below', 'coverage')`)
@Check('ck_forecast_backtest_results_quantile', `quantile > 0 AND quantile < 1`)
@Check('ck_forecast_backtest_results_window', `trained_from <= trained_to AND trained_to < held_back_from AND held_back_from <= held_back_to`)
export class ForecastBacktestResultEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_forecast_backtest_results' })
  id!: string;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'integer' })
  methodVersion!: number;

  @Column({ type: 'text' })
  scopeKind!: 'site' | 'portfolio' | 'fleet';

  @Column({ type: 'uuid' })
  scopeId!: string;

  @Column({ type: 'date' })
  heldBackFrom!: string;

  @Column({ type: 'date' })
  heldBackTo!: string;

  @Column({ type: 'date' })
  trainedFrom!: string;

  @Column({ type: 'date' })
  trainedTo!: string;

  /** What the model knew: everything before the held-back window. */
  @Column({ type: 'timestamptz' })
  knownAt!: Date;

  /** What was scored, e.g. `arrivals_per_isp`, `dwell_h_per_session`. */
  @Column({ type: 'text' })
  series!: string;

  @Column({ type: 'text' })
  metric!: string;

  /** The quantile level scored; `coverage` is stored at 0.8, the nominal width of P10-P90. */
  @Column({ type: 'numeric', precision: 4, scale: 3, transformer: decimalTransformer(3, 4) })
  quantile!: Decimal;

  @Column(statColumn)
  value!: Decimal;

  /** Outcomes scored (ISPs, days or sessions). */
  @Column({ type: 'integer' })
  outcomes!: number;

  @Column({ type: 'jsonb' })
  assumptions!: string[];

  @Column({ type: 'timestamptz' })
  computedAt!: Date;
}
