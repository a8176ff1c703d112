import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/flexibility planning (issue 4 items 5-7 wiring): one plan run per portfolio, delivery day
 * and known_at (the job's idempotency), its session schedules and portfolio aggregate per ISP,
 * and per-site behind-the-meter service settings, effective-dated.
 */
export class CreatePlanRunsAndSiteServices1764200400000 implements MigrationInterface {
  name = 'CreatePlanRunsAndSiteServices1764200400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE plan_runs (
        id uuid NOT NULL,
        portfolio_id uuid NOT NULL,
        delivery_day date NOT NULL,
        known_at timestamptz NOT NULL,
        status text NOT NULL,
        method text,
        solver_status text,
        reserve_status text,
        objective jsonb,
        slacks_count integer,
        slacks jsonb,
        reserves jsonb,
        inputs_summary jsonb,
        ledger_conflicts jsonb,
        error text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_plan_runs PRIMARY KEY (id),
        CONSTRAINT uq_plan_runs_portfolio_day_known_at UNIQUE (portfolio_id, delivery_day, known_at),
        CONSTRAINT ck_plan_runs_status CHECK (status IN ('queued', 'planned', 'completed', 'failed')),
        CONSTRAINT fk_plan_runs_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE plan_session_isps (
        plan_run_id uuid NOT NULL,
        subject_ref text NOT NULL,
        isp_start timestamptz NOT NULL,
        site_id uuid NOT NULL,
        kind text NOT NULL,
        power_kw numeric(14,3) NOT NULL,
        CONSTRAINT pk_plan_session_isps PRIMARY KEY (plan_run_id, subject_ref, isp_start),
        CONSTRAINT ck_plan_session_isps_kind CHECK (kind IN ('session', 'boost', 'forecast')),
        CONSTRAINT ck_plan_session_isps_isp_start CHECK (extract(epoch FROM isp_start) % 900 = 0),
        CONSTRAINT fk_plan_session_isps_run FOREIGN KEY (plan_run_id) REFERENCES plan_runs (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE plan_portfolio_isps (
        plan_run_id uuid NOT NULL,
        isp_start timestamptz NOT NULL,
        isp_number smallint NOT NULL,
        planned_kw numeric(14,3) NOT NULL,
        up_available_kw numeric(14,3) NOT NULL,
        down_available_kw numeric(14,3) NOT NULL,
        battery_min_kw numeric(14,3) NOT NULL,
        battery_max_kw numeric(14,3) NOT NULL,
        battery_earliest_kwh numeric(19,6) NOT NULL,
        battery_latest_kwh numeric(19,6) NOT NULL,
        CONSTRAINT pk_plan_portfolio_isps PRIMARY KEY (plan_run_id, isp_start),
        CONSTRAINT ck_plan_portfolio_isps_isp_start CHECK (extract(epoch FROM isp_start) % 900 = 0),
        CONSTRAINT fk_plan_portfolio_isps_run FOREIGN KEY (plan_run_id) REFERENCES plan_runs (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE site_services (
        site_id uuid NOT NULL,
        effective_from date NOT NULL,
        peak_shaving boolean NOT NULL,
        capacity_tariff_eur_per_kw_month numeric(19,6),
        pv_profile_kw jsonb,
        base_load_profile_kw jsonb,
        tariff_kind text NOT NULL,
        tou_periods jsonb,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_site_services PRIMARY KEY (site_id, effective_from),
        CONSTRAINT ck_site_services_tariff_kind CHECK (tariff_kind IN ('dynamic', 'time-of-use')),
        CONSTRAINT ck_site_services_peak_shaving CHECK (NOT peak_shaving OR capacity_tariff_eur_per_kw_month IS NOT NULL),
        CONSTRAINT ck_site_services_tou CHECK ((tariff_kind = 'time-of-use') = (tou_periods IS NOT NULL)),
        CONSTRAINT fk_site_services_site FOREIGN KEY (site_id) REFERENCES sites (id) ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE site_services`);
    await queryRunner.query(`DROP TABLE plan_portfolio_isps`);
    await queryRunner.query(`DROP TABLE plan_session_isps`);
    await queryRunner.query(`DROP TABLE plan_runs`);
  }
}
