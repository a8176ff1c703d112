import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/settlement pipeline (issue 7 item 1): what the meter-aggregation stage writes and the
 * prices the statement stage reads.
 *
 * - `settlement_prices`: the price per market, bidding zone and ISP that settlement uses (an
 *   hourly day-ahead price is stored on each of its four ISPs); a missing row makes the
 *   statement stage wait, never price at zero.
 * - `settlement_meter_isp`: per portfolio, fleet and ISP the energy charged and discharged, the
 *   recorded baseline, and how many sessions were measured, estimated or profiled.
 * - `settlement_meter_sessions`: per portfolio, session and settled period (a delivery day) the
 *   session's totals: the base of fees, rewards and the per-session report.
 * Both are rewritten whole per (portfolio, period) by the stage, so a rerun on the same meter
 * data leaves the same rows.
 */
export class CreateSettlementPipeline1764300700000 implements MigrationInterface {
  name = 'CreateSettlementPipeline1764300700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE settlement_prices (
        market text NOT NULL,
        bidding_zone text NOT NULL,
        isp_start timestamptz NOT NULL,
        price_eur_per_mwh numeric(14,5) NOT NULL,
        source text NOT NULL,
        CONSTRAINT pk_settlement_prices PRIMARY KEY (market, bidding_zone, isp_start),
        CONSTRAINT ck_settlement_prices_market CHECK (market IN ('day-ahead')),
        CONSTRAINT ck_settlement_prices_isp_start CHECK (extract(epoch FROM isp_start) % 900 = 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE settlement_meter_isp (
        portfolio_id uuid NOT NULL,
        fleet_id uuid NOT NULL,
        isp_start timestamptz NOT NULL,
        charged_kwh numeric(19,6) NOT NULL,
        discharged_kwh numeric(19,6) NOT NULL,
        baseline_kwh numeric(19,6) NOT NULL,
        sessions_measured integer NOT NULL,
        sessions_estimated integer NOT NULL,
        sessions_profile integer NOT NULL,
        basis text NOT NULL,
        CONSTRAINT pk_settlement_meter_isp PRIMARY KEY (portfolio_id, fleet_id, isp_start),
        CONSTRAINT ck_settlement_meter_isp_basis CHECK (basis IN ('measured', 'estimated', 'profile')),
        CONSTRAINT ck_settlement_meter_isp_isp_start CHECK (extract(epoch FROM isp_start) % 900 = 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE settlement_meter_sessions (
        portfolio_id uuid NOT NULL,
        session_id uuid NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        fleet_id uuid NOT NULL,
        charged_kwh numeric(19,6) NOT NULL,
        discharged_kwh numeric(19,6) NOT NULL,
        baseline_kwh numeric(19,6) NOT NULL,
        shifted_kwh numeric(19,6) NOT NULL,
        plugged_in_hours numeric(19,6) NOT NULL,
        basis text NOT NULL,
        CONSTRAINT pk_settlement_meter_sessions PRIMARY KEY (portfolio_id, session_id, period_start),
        CONSTRAINT ck_settlement_meter_sessions_basis CHECK (basis IN ('measured', 'estimated', 'profile')),
        CONSTRAINT ck_settlement_meter_sessions_period CHECK (period_end > period_start)
      )`);
    await queryRunner.query(`CREATE INDEX ix_settlement_meter_sessions_fleet_period ON settlement_meter_sessions (fleet_id, period_start)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE settlement_meter_sessions`);
    await queryRunner.query(`DROP TABLE settlement_meter_isp`);
    await queryRunner.query(`DROP TABLE settlement_prices`);
  }
}
