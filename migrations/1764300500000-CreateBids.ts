import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/markets bids (issue 5 item 3): every bid built for a market, with its price-quantity points,
 * its validation outcome, its ledger reservation and the inputs it was built from. `bid_key` is the
 * idempotency key (portfolio, product, period, direction, step, known_at): preparing again finds
 * the bids it wrote. Gateways move `validated`/`reserved` bids on to `submitted`, `awarded`, `rejected`.
 */
export class CreateBids1764300500000 implements MigrationInterface {
  name = 'CreateBids1764300500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE bids (
        id uuid NOT NULL,
        bid_key text NOT NULL,
        portfolio_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        market text NOT NULL,
        product_code text NOT NULL,
        product_version_id text NOT NULL,
        direction text NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        delivery_day date NOT NULL,
        gate_key text,
        location_ean text,
        pair_ref text,
        status text NOT NULL,
        refusal_reasons jsonb NOT NULL,
        reservation_id uuid,
        known_at timestamptz NOT NULL,
        built_from jsonb NOT NULL,
        external_ref text,
        status_note text,
        created_at timestamptz NOT NULL,
        status_changed_at timestamptz NOT NULL,
        CONSTRAINT pk_bids PRIMARY KEY (id),
        CONSTRAINT uq_bids_bid_key UNIQUE (bid_key),
        CONSTRAINT ck_bids_status CHECK (status IN ('validated', 'reserved', 'refused', 'submitted', 'awarded', 'rejected')),
        CONSTRAINT ck_bids_direction CHECK (direction IN ('symmetric', 'up', 'down', 'buy', 'sell')),
        CONSTRAINT ck_bids_period CHECK (period_end > period_start),
        CONSTRAINT ck_bids_refused_has_reasons CHECK ((status = 'refused') = (jsonb_array_length(refusal_reasons) > 0)),
        CONSTRAINT fk_bids_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX ix_bids_product_day_status ON bids (product_code, delivery_day, status)`);
    await queryRunner.query(`CREATE INDEX ix_bids_portfolio_period ON bids (portfolio_id, period_start)`);
    await queryRunner.query(`
      CREATE TABLE bid_points (
        bid_id uuid NOT NULL,
        point_index smallint NOT NULL,
        quantity_mw numeric(14,3) NOT NULL,
        price numeric(19,4) NOT NULL,
        CONSTRAINT pk_bid_points PRIMARY KEY (bid_id, point_index),
        CONSTRAINT ck_bid_points_index CHECK (point_index >= 0),
        CONSTRAINT fk_bid_points_bid FOREIGN KEY (bid_id) REFERENCES bids (id) ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE bid_points`);
    await queryRunner.query(`DROP TABLE bids`);
  }
}
