import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/markets gateways and awards (issue 5 items 4 and 5): every order sent to a counterparty
 * under its client order id (the counterparty's deduplication key), the awards its results gave
 * (per bid, product and period, with known_at), and which market party codes (EAN) a BRP
 * organisation answers for: a BRP reads the portfolios whose `brp_reference` is one of its codes.
 */
export class CreateGatewaySubmissionsAndAwards1764300600000 implements MigrationInterface {
  name = 'CreateGatewaySubmissionsAndAwards1764300600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE gateway_submissions (
        client_order_id text NOT NULL,
        gate_key text NOT NULL,
        bid_id uuid NOT NULL,
        portfolio_id uuid NOT NULL,
        market text NOT NULL,
        product_code text NOT NULL,
        direction text NOT NULL,
        counterparty text NOT NULL,
        reservation_id uuid,
        status text NOT NULL,
        submitted_at timestamptz NOT NULL,
        result_at timestamptz,
        CONSTRAINT pk_gateway_submissions PRIMARY KEY (client_order_id),
        CONSTRAINT ck_gateway_submissions_status CHECK (status IN ('submitted', 'refused', 'awarded', 'not-awarded')),
        CONSTRAINT ck_gateway_submissions_counterparty CHECK (counterparty IN ('tso', 'exchange', 'trading-platform')),
        CONSTRAINT fk_gateway_submissions_gate FOREIGN KEY (gate_key) REFERENCES market_gates (gate_key)
      )`);
    await queryRunner.query(`CREATE INDEX ix_gateway_submissions_gate_status ON gateway_submissions (gate_key, status)`);
    await queryRunner.query(`
      CREATE TABLE market_awards (
        id uuid NOT NULL,
        bid_id uuid NOT NULL,
        client_order_id text NOT NULL,
        gate_key text NOT NULL,
        portfolio_id uuid NOT NULL,
        market text NOT NULL,
        product_code text NOT NULL,
        direction text NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        quantity_mw numeric(14,3) NOT NULL,
        price numeric(19,4) NOT NULL,
        price_unit text NOT NULL,
        pricing text NOT NULL,
        labels jsonb NOT NULL,
        known_at timestamptz NOT NULL,
        CONSTRAINT pk_market_awards PRIMARY KEY (id),
        CONSTRAINT uq_market_awards_order_period UNIQUE (client_order_id, period_start),
        CONSTRAINT ck_market_awards_quantity CHECK (quantity_mw > 0),
        CONSTRAINT ck_market_awards_period CHECK (period_end > period_start),
        CONSTRAINT fk_market_awards_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX ix_market_awards_portfolio_period ON market_awards (portfolio_id, period_start)`);
    await queryRunner.query(`
      CREATE TABLE brp_party_codes (
        code text NOT NULL,
        organisation_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_brp_party_codes PRIMARY KEY (code),
        CONSTRAINT fk_brp_party_codes_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_brp_party_codes_organisation ON brp_party_codes (organisation_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE brp_party_codes`);
    await queryRunner.query(`DROP TABLE market_awards`);
    await queryRunner.query(`DROP TABLE gateway_submissions`);
  }
}
