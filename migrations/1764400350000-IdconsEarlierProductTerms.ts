import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/markets (issue 8): GOPACS IDCONS before the product terms v3.0 (2024-10-02), so that a
 * historical GOPACS event (the cleared-buckets data runs 2018-2023) resolves a product version:
 * - v1.0 (11-2020): valid from 2020-11-01 (the month's first day; the exact day is UNVERIFIED) to 2023-05-09;
 * - v2.0 (2023-05-09, added the CBC product, which the IDCONS order rules do not touch) to 2024-10-02.
 * Both carry the same numeric rules as the v3.0 seed minus what v3.0 added (locking, a minimum
 * order residence time, partial clearing rules: none of them is a column, so the rows differ only
 * in validity and source). The size, ticks and limits are not public for these terms either:
 * every such field is in `unverified_fields`, as is the validity. Validity instants are local
 * midnights (Europe/Amsterdam) in UTC, as in the seed of 1764300200000.
 */
export class IdconsEarlierProductTerms1764400350000 implements MigrationInterface {
  name = 'IdconsEarlierProductTerms1764400350000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO market_products (id, market, product_code, name, valid_from, valid_to, directions, delivery_period, mtu_minutes, gate_kind,
        gate_closure_rule, gate_closure_zone, gate_opens_rule, pricing_rule, price_unit, min_quantity_mw, quantity_step_mw, price_tick,
        price_min, price_max, min_curve_points, max_curve_points, full_activation_seconds, setpoint_interval_seconds, ler_minutes,
        requires_location, qualifying_channels, max_latency_p95_ms, discharge_required_for, verified, unverified_fields, source_note)
      VALUES
      ('5b0f2a43-8f0e-4c1e-9a57-1d2f6c3e7a01', 'idcons', 'idcons-nl', 'GOPACS IDCONS location-tagged intraday orders (product terms v1.0)',
        '2020-10-31T23:00:00Z', '2023-05-08T22:00:00Z', '{buy,sell}', 'mtu', 15, 'event',
        NULL, 'Europe/Amsterdam', NULL, 'spread-paid-by-grid-operator', 'EUR/MWh', 1, 0.1, 0.01,
        -9999.9, 9999.9, 1, 1, NULL, NULL, NULL,
        true, '{ocpi,ocpp,oem}', 900000, '{}', false,
        '{validity,minQuantityMw,quantityStepMw,priceTick,priceMin,priceMax,qualification}',
        'GOPACS product terms v1.0 (productvoorwaarden, 11-2020; lawinsider copy) and GOPACS FAQ: orders carry the connection EAN, buy inside paired with sell outside, grid operators pay the spread; no locking or minimum residence time (added by v3.0). UNVERIFIED: the exact start day (2020-11-01 taken for "11-2020"), minimum size (">1 MW" in today''s comparison table). Assumed as in v3.0: 0.1 MW and 0.01 EUR/MWh ticks, the historic NL intraday limits ±9,999.9 EUR/MWh, sessions whose channel p95 is within one ISP.'),
      ('5b0f2a43-8f0e-4c1e-9a57-1d2f6c3e7a02', 'idcons', 'idcons-nl', 'GOPACS IDCONS location-tagged intraday orders (product terms v2.0)',
        '2023-05-08T22:00:00Z', '2024-10-01T22:00:00Z', '{buy,sell}', 'mtu', 15, 'event',
        NULL, 'Europe/Amsterdam', NULL, 'spread-paid-by-grid-operator', 'EUR/MWh', 1, 0.1, 0.01,
        -9999.9, 9999.9, 1, 1, NULL, NULL, NULL,
        true, '{ocpi,ocpp,oem}', 900000, '{}', false,
        '{minQuantityMw,quantityStepMw,priceTick,priceMin,priceMax,qualification}',
        'GOPACS product terms v2.0 (productvoorwaarden of 2023-05-09; lawinsider copy; adds the CBC product after the ACM congestion code decision of 2022-05-25) and GOPACS FAQ: IDCONS orders as in v1.0, no locking or minimum residence time (added by v3.0 on 2024-10-02). UNVERIFIED: minimum size (">1 MW" in today''s comparison table). Assumed as in v3.0: 0.1 MW and 0.01 EUR/MWh ticks, the historic NL intraday limits ±9,999.9 EUR/MWh, sessions whose channel p95 is within one ISP.')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM market_products WHERE id IN ('5b0f2a43-8f0e-4c1e-9a57-1d2f6c3e7a01', '5b0f2a43-8f0e-4c1e-9a57-1d2f6c3e7a02')`);
  }
}
