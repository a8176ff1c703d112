import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/flexibility: portfolios (pools) with their markets, sites and prequalified capacity, and
 * the reservation ledger. The ledger's no-double-selling rule is a CHECK on one row per
 * (portfolio, ISP, direction): reserved_kw <= available_kw, kept by conditional updates.
 */
export class CreatePortfoliosAndLedger1764200300000 implements MigrationInterface {
  name = 'CreatePortfoliosAndLedger1764200300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE portfolios (
        id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        name text NOT NULL,
        bidding_zone text NOT NULL,
        brp_reference text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_portfolios PRIMARY KEY (id),
        CONSTRAINT uq_portfolios_organisation_name UNIQUE (organisation_id, name),
        CONSTRAINT ck_portfolios_bidding_zone CHECK (bidding_zone ~ '^[A-Z]{2}[0-9]?(-[A-Z0-9]{2,6})?$'),
        CONSTRAINT fk_portfolios_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id)
      )`);
    await queryRunner.query(`
      CREATE TABLE portfolio_markets (
        portfolio_id uuid NOT NULL,
        market text NOT NULL,
        CONSTRAINT pk_portfolio_markets PRIMARY KEY (portfolio_id, market),
        CONSTRAINT ck_portfolio_markets_market CHECK (market IN ('fcr', 'afrr', 'day_ahead', 'congestion')),
        CONSTRAINT fk_portfolio_markets_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE portfolio_sites (
        portfolio_id uuid NOT NULL,
        market text NOT NULL,
        site_id uuid NOT NULL,
        assigned_at timestamptz NOT NULL,
        CONSTRAINT pk_portfolio_sites PRIMARY KEY (portfolio_id, market, site_id),
        CONSTRAINT uq_portfolio_sites_site_market UNIQUE (site_id, market),
        CONSTRAINT fk_portfolio_sites_market FOREIGN KEY (portfolio_id, market) REFERENCES portfolio_markets (portfolio_id, market) ON DELETE CASCADE,
        CONSTRAINT fk_portfolio_sites_site FOREIGN KEY (site_id) REFERENCES sites (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE portfolio_prequalifications (
        portfolio_id uuid NOT NULL,
        product text NOT NULL,
        capacity_kw numeric(14,3) NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_portfolio_prequalifications PRIMARY KEY (portfolio_id, product),
        CONSTRAINT ck_portfolio_prequalifications_product CHECK (product IN ('fcr', 'afrr_up', 'afrr_down', 'day_ahead', 'congestion')),
        CONSTRAINT ck_portfolio_prequalifications_capacity CHECK (capacity_kw >= 0),
        CONSTRAINT fk_portfolio_prequalifications_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE ledger_capacity (
        portfolio_id uuid NOT NULL,
        isp_start timestamptz NOT NULL,
        direction text NOT NULL,
        available_kw numeric(14,3) NOT NULL,
        reserved_kw numeric(14,3) NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_ledger_capacity PRIMARY KEY (portfolio_id, isp_start, direction),
        CONSTRAINT ck_ledger_capacity_direction CHECK (direction IN ('up', 'down')),
        CONSTRAINT ck_ledger_capacity_isp_start CHECK (extract(epoch FROM isp_start) % 900 = 0),
        CONSTRAINT ck_ledger_capacity_reserved CHECK (reserved_kw >= 0 AND reserved_kw <= available_kw),
        CONSTRAINT fk_ledger_capacity_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE reservations (
        id uuid NOT NULL,
        portfolio_id uuid NOT NULL,
        product text NOT NULL,
        reference text NOT NULL,
        idempotency_key text NOT NULL,
        request_fingerprint text NOT NULL,
        status text NOT NULL,
        reserved_at timestamptz NOT NULL,
        released_at timestamptz,
        release_reason text,
        CONSTRAINT pk_reservations PRIMARY KEY (id),
        CONSTRAINT uq_reservations_portfolio_idempotency_key UNIQUE (portfolio_id, idempotency_key),
        CONSTRAINT ck_reservations_product CHECK (product IN ('fcr', 'afrr_up', 'afrr_down', 'day_ahead', 'congestion')),
        CONSTRAINT ck_reservations_status CHECK ((status = 'held' AND released_at IS NULL) OR (status = 'released' AND released_at IS NOT NULL)),
        CONSTRAINT fk_reservations_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX ix_reservations_portfolio_status ON reservations (portfolio_id, status)`);
    await queryRunner.query(`
      CREATE TABLE reservation_lines (
        reservation_id uuid NOT NULL,
        portfolio_id uuid NOT NULL,
        isp_start timestamptz NOT NULL,
        direction text NOT NULL,
        kw numeric(14,3) NOT NULL,
        CONSTRAINT pk_reservation_lines PRIMARY KEY (reservation_id, isp_start, direction),
        CONSTRAINT ck_reservation_lines_kw CHECK (kw > 0),
        CONSTRAINT fk_reservation_lines_reservation FOREIGN KEY (reservation_id) REFERENCES reservations (id) ON DELETE CASCADE,
        CONSTRAINT fk_reservation_lines_capacity FOREIGN KEY (portfolio_id, isp_start, direction) REFERENCES ledger_capacity (portfolio_id, isp_start, direction) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX ix_reservation_lines_cell ON reservation_lines (portfolio_id, isp_start, direction)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reservation_lines`);
    await queryRunner.query(`DROP TABLE reservations`);
    await queryRunner.query(`DROP TABLE ledger_capacity`);
    await queryRunner.query(`DROP TABLE portfolio_prequalifications`);
    await queryRunner.query(`DROP TABLE portfolio_sites`);
    await queryRunner.query(`DROP TABLE portfolio_markets`);
    await queryRunner.query(`DROP TABLE portfolios`);
  }
}
