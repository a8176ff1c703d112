import { MigrationInterface, QueryRunner } from 'typeorm';

/** libs/flexibility forecasts (issue 4 item 3): session forecasts per scope and day, their ISP cohorts, and backtest results. */
export class CreateSessionForecasts1764200200000 implements MigrationInterface {
  name = 'CreateSessionForecasts1764200200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE session_forecasts (
        id uuid NOT NULL,
        scope_kind text NOT NULL,
        scope_id uuid NOT NULL,
        delivery_day date NOT NULL,
        method text NOT NULL,
        method_version integer NOT NULL,
        trained_from date NOT NULL,
        trained_to date NOT NULL,
        known_at timestamptz NOT NULL,
        day_type_scheme text NOT NULL,
        day_type text NOT NULL,
        history_days integer NOT NULL,
        isp_count smallint NOT NULL,
        expected_arrivals_per_day numeric(19,6) NOT NULL,
        arrivals_per_day_p10 numeric(19,6) NOT NULL,
        arrivals_per_day_p50 numeric(19,6) NOT NULL,
        arrivals_per_day_p90 numeric(19,6) NOT NULL,
        expected_energy_kwh_per_day numeric(19,6) NOT NULL,
        energy_kwh_per_day_p10 numeric(19,6) NOT NULL,
        energy_kwh_per_day_p50 numeric(19,6) NOT NULL,
        energy_kwh_per_day_p90 numeric(19,6) NOT NULL,
        assumptions jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_session_forecasts PRIMARY KEY (id),
        CONSTRAINT uq_session_forecasts_scope_day_method_known UNIQUE (scope_kind, scope_id, delivery_day, method, method_version, known_at),
        CONSTRAINT ck_session_forecasts_scope_kind CHECK (scope_kind IN ('site', 'portfolio', 'fleet')),
        CONSTRAINT ck_session_forecasts_isp_count CHECK (isp_count IN (92, 96, 100)),
        CONSTRAINT ck_session_forecasts_window CHECK (trained_from <= trained_to AND trained_to < delivery_day)
      )`);
    await queryRunner.query(`
      CREATE TABLE session_forecast_cohorts (
        forecast_id uuid NOT NULL,
        isp_number smallint NOT NULL,
        isp_start timestamptz NOT NULL,
        expected_arrivals numeric(19,6) NOT NULL,
        arrivals_p10 numeric(19,6) NOT NULL,
        arrivals_p50 numeric(19,6) NOT NULL,
        arrivals_p90 numeric(19,6) NOT NULL,
        expected_arriving_energy_kwh numeric(19,6) NOT NULL,
        arriving_energy_kwh_p10 numeric(19,6) NOT NULL,
        arriving_energy_kwh_p50 numeric(19,6) NOT NULL,
        arriving_energy_kwh_p90 numeric(19,6) NOT NULL,
        dwell_hours_p10 numeric(19,6) NOT NULL,
        dwell_hours_p50 numeric(19,6) NOT NULL,
        dwell_hours_p90 numeric(19,6) NOT NULL,
        energy_need_kwh_p10 numeric(19,6) NOT NULL,
        energy_need_kwh_p50 numeric(19,6) NOT NULL,
        energy_need_kwh_p90 numeric(19,6) NOT NULL,
        max_power_kw numeric(14,3) NOT NULL,
        arrival_at timestamptz NOT NULL,
        expected_departure_at timestamptz NOT NULL,
        p10_departure_at timestamptz NOT NULL,
        sample_sessions integer NOT NULL,
        CONSTRAINT pk_session_forecast_cohorts PRIMARY KEY (forecast_id, isp_number),
        CONSTRAINT fk_session_forecast_cohorts_forecast FOREIGN KEY (forecast_id) REFERENCES session_forecasts (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE forecast_backtest_results (
        id uuid NOT NULL,
        method text NOT NULL,
        method_version integer NOT NULL,
        scope_kind text NOT NULL,
        scope_id uuid NOT NULL,
        held_back_from date NOT NULL,
        held_back_to date NOT NULL,
        trained_from date NOT NULL,
        trained_to date NOT NULL,
        known_at timestamptz NOT NULL,
        series text NOT NULL,
        metric text NOT NULL,
        quantile numeric(4,3) NOT NULL,
        value numeric(19,6) NOT NULL,
        outcomes integer NOT NULL,
        assumptions jsonb NOT NULL,
        computed_at timestamptz NOT NULL,
        CONSTRAINT pk_forecast_backtest_results PRIMARY KEY (id),
        CONSTRAINT uq_forecast_backtest_results_run_metric UNIQUE (method, method_version, scope_kind, scope_id, held_back_from, held_back_to, trained_from, series, metric, quantile),
        CONSTRAINT ck_forecast_backtest_results_scope_kind CHECK (scope_kind IN ('site', 'portfolio', 'fleet')),
        CONSTRAINT ck_forecast_backtest_results_metric CHECK (metric IN ('pinball_loss', 'wape', 'share_below', 'coverage')),
        CONSTRAINT ck_forecast_backtest_results_quantile CHECK (quantile > 0 AND quantile < 1),
        CONSTRAINT ck_forecast_backtest_results_window CHECK (trained_from <= trained_to AND trained_to < held_back_from AND held_back_from <= held_back_to)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE forecast_backtest_results`);
    await queryRunner.query(`DROP TABLE session_forecast_cohorts`);
    await queryRunner.query(`DROP TABLE session_forecasts`);
  }
}
