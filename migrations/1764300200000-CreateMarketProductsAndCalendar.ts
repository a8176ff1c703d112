import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/markets (issue 5, items 1-2): market products as effective-dated data, seeded with the
 * documented rules of MARKETS.md, and the market calendar (gates, bid preparations, operator
 * events such as a missed gate).
 *
 * Seed values and their standing (each row's `unverified_fields` names the assumed ones):
 * - FCR: symmetric 4-h blocks, gate D-1 08:00 (zone UNVERIFIED: local assumed), opens D-7,
 *   pay-as-cleared, 1 MW minimum, 1 MW increment UNVERIFIED, full activation 30 s, LER 15 min.
 * - aFRR capacity: up/down 4-h blocks; NL timing UNVERIFIED, DE values as default (D-1 09:00,
 *   opens D-7, pay-as-bid).
 * - aFRR energy: 15-min, gate -25 min (NL UNVERIFIED), 4-s setpoints; price limits and full
 *   activation time change by date (±99,999 -> ±10,000 -> ±15,000 EUR/MWh; 7.5 -> 5 min). The
 *   change dates 2024-07-01 and 2024-12-18 are assumed (MARKETS.md gives none / an unverified one);
 *   2026-07-01 stands for "July 2026".
 * - SDAC NL: gate D-1 12:00, hourly MTU until delivery day 2025-09-30, 15-min from 2025-10-01;
 *   -500/+3,000 EUR/MWh until delivery day 2022-05-10, +4,000 from trading day 2022-05-10, i.e.
 *   delivery day 2022-05-11; ticks 0.1 MW and 0.1 EUR/MWh; 2..256 curve points.
 * - GOPACS IDCONS: location-tagged buy/sell orders, event-driven, spread paid by the grid
 *   operator; minimum size (">1 MW"), ticks and price limits UNVERIFIED.
 * Validity instants are local midnights of the delivery day (Europe/Amsterdam) in UTC.
 */
export class CreateMarketProductsAndCalendar1764300200000 implements MigrationInterface {
  name = 'CreateMarketProductsAndCalendar1764300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE market_products (
        id uuid NOT NULL,
        market text NOT NULL,
        product_code text NOT NULL,
        name text NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz,
        directions text array NOT NULL,
        delivery_period text NOT NULL,
        mtu_minutes integer,
        gate_kind text NOT NULL,
        gate_closure_rule text,
        gate_closure_zone text NOT NULL,
        gate_opens_rule text,
        pricing_rule text NOT NULL,
        price_unit text NOT NULL,
        min_quantity_mw numeric(14,3),
        quantity_step_mw numeric(14,3),
        price_tick numeric(14,5),
        price_min numeric(14,5),
        price_max numeric(14,5),
        min_curve_points integer NOT NULL,
        max_curve_points integer NOT NULL,
        full_activation_seconds integer,
        setpoint_interval_seconds integer,
        ler_minutes integer,
        requires_location boolean NOT NULL,
        qualifying_channels text array NOT NULL,
        max_latency_p95_ms integer,
        discharge_required_for text array NOT NULL,
        verified boolean NOT NULL,
        unverified_fields text array NOT NULL,
        source_note text NOT NULL,
        CONSTRAINT pk_market_products PRIMARY KEY (id),
        CONSTRAINT uq_market_products_version UNIQUE (product_code, valid_from),
        CONSTRAINT ck_market_products_market CHECK (market IN ('fcr', 'afrr', 'day-ahead', 'idcons')),
        CONSTRAINT ck_market_products_validity CHECK (valid_to IS NULL OR valid_to > valid_from),
        CONSTRAINT ck_market_products_period CHECK (delivery_period IN ('block', 'mtu') AND (delivery_period = 'block' OR mtu_minutes IN (15, 30, 60))),
        CONSTRAINT ck_market_products_gate CHECK (gate_kind IN ('daily', 'per-period', 'event') AND (gate_kind = 'event') = (gate_closure_rule IS NULL)),
        CONSTRAINT ck_market_products_curve CHECK (min_curve_points >= 1 AND max_curve_points >= min_curve_points),
        CONSTRAINT ck_market_products_verified CHECK (verified = (cardinality(unverified_fields) = 0))
      )`);
    await queryRunner.query(`
      CREATE TABLE market_gates (
        gate_key text NOT NULL,
        market text NOT NULL,
        product_code text NOT NULL,
        product_version_id uuid NOT NULL,
        delivery_day date NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        gate_closure_at timestamptz NOT NULL,
        prepare_at timestamptz NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL,
        last_error text,
        planned_at timestamptz NOT NULL,
        prepared_at timestamptz,
        missed_at timestamptz,
        CONSTRAINT pk_market_gates PRIMARY KEY (gate_key),
        CONSTRAINT ck_market_gates_status CHECK (status IN ('scheduled', 'prepared', 'missed')),
        CONSTRAINT fk_market_gates_product FOREIGN KEY (product_version_id) REFERENCES market_products (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_market_gates_delivery_day ON market_gates (delivery_day)`);
    await queryRunner.query(`
      CREATE TABLE market_events (
        id uuid NOT NULL,
        kind text NOT NULL,
        gate_key text NOT NULL,
        market text NOT NULL,
        product_code text NOT NULL,
        reason text NOT NULL,
        message text NOT NULL,
        occurred_at timestamptz NOT NULL,
        CONSTRAINT pk_market_events PRIMARY KEY (id),
        CONSTRAINT uq_market_events_kind_gate UNIQUE (kind, gate_key),
        CONSTRAINT ck_market_events_kind CHECK (kind IN ('gate-missed')),
        CONSTRAINT fk_market_events_gate FOREIGN KEY (gate_key) REFERENCES market_gates (gate_key)
      )`);
    await queryRunner.query(`CREATE INDEX ix_market_events_occurred_at ON market_events (occurred_at)`);
    await queryRunner.query(`
      CREATE TABLE bid_preparations (
        id uuid NOT NULL,
        gate_key text NOT NULL,
        preparer text NOT NULL,
        prepared_at timestamptz NOT NULL,
        note text NOT NULL,
        CONSTRAINT pk_bid_preparations PRIMARY KEY (id),
        CONSTRAINT fk_bid_preparations_gate FOREIGN KEY (gate_key) REFERENCES market_gates (gate_key)
      )`);
    await queryRunner.query(`CREATE INDEX ix_bid_preparations_gate_key ON bid_preparations (gate_key)`);
    await queryRunner.query(SEED_PRODUCTS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE bid_preparations`);
    await queryRunner.query(`DROP TABLE market_events`);
    await queryRunner.query(`DROP TABLE market_gates`);
    await queryRunner.query(`DROP TABLE market_products`);
  }
}

const COLUMNS = `id, market, product_code, name, valid_from, valid_to, directions, delivery_period, mtu_minutes, gate_kind,
  gate_closure_rule, gate_closure_zone, gate_opens_rule, pricing_rule, price_unit, min_quantity_mw, quantity_step_mw, price_tick,
  price_min, price_max, min_curve_points, max_curve_points, full_activation_seconds, setpoint_interval_seconds, ler_minutes,
  requires_location, qualifying_channels, max_latency_p95_ms, discharge_required_for, verified, unverified_fields, source_note`;

const SEED_PRODUCTS = `
INSERT INTO market_products (${COLUMNS}) VALUES
('3aba3c70-341f-4c95-b353-fbfc4c08013e', 'fcr', 'fcr-nl', 'FCR Cooperation symmetric 4-hour capacity',
  '2020-06-30T22:00:00Z', NULL, '{symmetric}', 'block', NULL, 'daily',
  'D-1 08:00', 'Europe/Amsterdam', 'D-7 00:00', 'pay-as-cleared', 'EUR/MW/h', 1, 1, 0.01,
  0, NULL, 1, 1, 30, NULL, 15,
  false, '{ocpp}', 30000, '{}', false,
  '{validity,gateClosureZone,gateOpens,quantityStepMw,priceTick,priceMin,lerMinutes,qualification}',
  'regelleistung.net tendering (6 blocks, D-1 08:00, opens D-7, pay-as-cleared), FAQ (1 MW minimum), SO GL Annex V (30 s). Assumed: "8 Uhr" read as local time; 1 MW increment; 0.01 price tick; LER 15 min (CE TminLER not final); July 2020 start taken as 2020-07-01; only OCPP sessions with p95 <= 30 s qualify.'),
('0fd9be88-9370-4721-851d-9025211c46e5', 'afrr', 'afrr-capacity-nl', 'aFRR capacity, up and down 4-hour blocks',
  '2020-11-02T23:00:00Z', NULL, '{up,down}', 'block', NULL, 'daily',
  'D-1 09:00', 'Europe/Amsterdam', 'D-7 00:00', 'pay-as-bid', 'EUR/MW/h', 1, 1, 0.01,
  0, NULL, 1, 1, 300, 4, NULL,
  false, '{ocpp}', 300000, '{}', false,
  '{gateClosure,gateOpens,pricingRule,quantityStepMw,priceTick,priceMin,qualification}',
  'NL aFRR capacity timing and block length are UNVERIFIED (MARKETS.md 2); DE values as documented default: regelleistung.net RLM (gate D-1 09:00, opens D-7, 4-h up/down, pay-as-bid), capacity/energy split 2020-11-03, FAT 5 min, 4-s control cycle. Assumed: 1 MW increment, 0.01 tick, only OCPP sessions with p95 <= 5 min qualify.'),
('a8606ef7-1cc9-4c14-acec-d527856439e8', 'afrr', 'afrr-energy-nl', 'aFRR energy (PICASSO), 15-minute up/down',
  '2022-06-21T22:00:00Z', '2024-06-30T22:00:00Z', '{up,down}', 'mtu', 15, 'per-period',
  '-25m', 'Europe/Amsterdam', NULL, 'pay-as-cleared', 'EUR/MWh', 1, 1, 0.01,
  -99999, 99999, 1, 1, 450, 4, NULL,
  false, '{ocpp}', 450000, '{}', false,
  '{validity,gateClosure,quantityStepMw,priceTick,qualification}',
  'PICASSO go-live June 2022 (NL join date UNVERIFIED), 15-min MTU, BSP gate -25 min (aFRRIF, NL UNVERIFIED), technical price limit ±99,999 EUR/MWh, FAT 7.5 min before PICASSO connection. Assumed: end date 2024-07-01 of the ±99,999 limit; 1 MW increment; 0.01 tick.'),
('17bad674-eb78-4f07-bae7-e49840d8d8fb', 'afrr', 'afrr-energy-nl', 'aFRR energy (PICASSO), 15-minute up/down',
  '2024-06-30T22:00:00Z', '2024-12-17T23:00:00Z', '{up,down}', 'mtu', 15, 'per-period',
  '-25m', 'Europe/Amsterdam', NULL, 'pay-as-cleared', 'EUR/MWh', 1, 1, 0.01,
  -10000, 10000, 1, 1, 450, 4, NULL,
  false, '{ocpp}', 450000, '{}', false,
  '{validity,gateClosure,quantityStepMw,priceTick,priceMin,priceMax,qualification}',
  'TSO proposal of 2024-02-07: ±10,000 EUR/MWh until July 2026 (ACER final numbers UNVERIFIED); FAT still 7.5 min. Assumed: start 2024-07-01; 1 MW increment; 0.01 tick.'),
('9ce319cd-738d-4cdb-90ef-4dfe2566f791', 'afrr', 'afrr-energy-nl', 'aFRR energy (PICASSO), 15-minute up/down',
  '2024-12-17T23:00:00Z', '2026-06-30T22:00:00Z', '{up,down}', 'mtu', 15, 'per-period',
  '-25m', 'Europe/Amsterdam', NULL, 'pay-as-cleared', 'EUR/MWh', 1, 1, 0.01,
  -10000, 10000, 1, 1, 300, 4, NULL,
  false, '{ocpp}', 300000, '{}', false,
  '{validity,gateClosure,quantityStepMw,priceTick,priceMin,priceMax,fullActivationSeconds,qualification}',
  'FAT 7.5 -> 5 min on connecting to PICASSO; the EU deadline 2024-12-18 is UNVERIFIED. ±10,000 EUR/MWh per the TSO proposal. Assumed: 1 MW increment; 0.01 tick.'),
('aaf8e8f6-1fa2-4bb2-9f61-d149d02b4e9d', 'afrr', 'afrr-energy-nl', 'aFRR energy (PICASSO), 15-minute up/down',
  '2026-06-30T22:00:00Z', NULL, '{up,down}', 'mtu', 15, 'per-period',
  '-25m', 'Europe/Amsterdam', NULL, 'pay-as-cleared', 'EUR/MWh', 1, 1, 0.01,
  -15000, 15000, 1, 1, 300, 4, NULL,
  false, '{ocpp}', 300000, '{}', false,
  '{validity,gateClosure,quantityStepMw,priceTick,priceMin,priceMax,qualification}',
  'TSO proposal: ±15,000 EUR/MWh after July 2026 (ACER final numbers UNVERIFIED; 2026-07-01 stands for July 2026). Assumed: 1 MW increment; 0.01 tick.'),
('e10db5fc-4a93-463c-9bdd-eb5758e668ac', 'day-ahead', 'sdac-nl', 'SDAC day-ahead NL, hourly MTU',
  '2014-02-03T23:00:00Z', '2022-05-10T22:00:00Z', '{buy,sell}', 'mtu', 60, 'daily',
  'D-1 12:00', 'Europe/Amsterdam', 'D-45 00:00', 'pay-as-cleared', 'EUR/MWh', NULL, 0.1, 0.1,
  -500, 3000, 2, 256, NULL, NULL, NULL,
  false, '{ocpi,ocpp,oem}', NULL, '{sell}', false,
  '{validity,gateOpens}',
  'EPEX NL/BE spec (gate D-1 12:00, opens 45 days ahead, 0.1 MW and 0.1 EUR/MWh, 2-256 curve points), HMMCP -500/+3,000 EUR/MWh. Assumed: start 2014-02-04 (NWE coupling) as the first version; sell curves need V2G discharge.'),
('0b35e292-4936-4366-bb6f-a24a9812d799', 'day-ahead', 'sdac-nl', 'SDAC day-ahead NL, hourly MTU',
  '2022-05-10T22:00:00Z', '2025-09-30T22:00:00Z', '{buy,sell}', 'mtu', 60, 'daily',
  'D-1 12:00', 'Europe/Amsterdam', 'D-45 00:00', 'pay-as-cleared', 'EUR/MWh', NULL, 0.1, 0.1,
  -500, 4000, 2, 256, NULL, NULL, NULL,
  false, '{ocpi,ocpp,oem}', NULL, '{sell}', false,
  '{gateOpens,priceMax}',
  'HMMCP raised to +4,000 EUR/MWh from trading day 2022-05-10, i.e. delivery day 2022-05-11 (bsp-southpool, exaa); limits since 2023 UNVERIFIED. Hourly MTU until delivery day 2025-09-30.'),
('2d2bf528-67ea-44ad-a883-a11a8d026fe2', 'day-ahead', 'sdac-nl', 'SDAC day-ahead NL, 15-minute MTU',
  '2025-09-30T22:00:00Z', NULL, '{buy,sell}', 'mtu', 15, 'daily',
  'D-1 12:00', 'Europe/Amsterdam', 'D-45 00:00', 'pay-as-cleared', 'EUR/MWh', NULL, 0.1, 0.1,
  -500, 4000, 2, 256, NULL, NULL, NULL,
  false, '{ocpi,ocpp,oem}', NULL, '{sell}', false,
  '{gateOpens,priceMax}',
  '15-min MTU from delivery day 2025-10-01 (first auction 2025-09-30; Nord Pool, OKTE). HMMCP -500/+4,000 EUR/MWh (later changes UNVERIFIED).'),
('a04e46e9-2529-41cf-9802-7a95844a9735', 'idcons', 'idcons-nl', 'GOPACS IDCONS location-tagged intraday orders',
  '2024-10-01T22:00:00Z', NULL, '{buy,sell}', 'mtu', 15, 'event',
  NULL, 'Europe/Amsterdam', NULL, 'spread-paid-by-grid-operator', 'EUR/MWh', 1, 0.1, 0.01,
  -9999.9, 9999.9, 1, 1, NULL, NULL, NULL,
  true, '{ocpi,ocpp,oem}', 900000, '{}', false,
  '{minQuantityMw,quantityStepMw,priceTick,priceMin,priceMax,qualification}',
  'GOPACS FAQ and product terms v3.0 (2024-10-02): orders carry the connection EAN, buy inside paired with sell outside, grid operators pay the spread. UNVERIFIED: minimum size (">1 MW" in the comparison table), residence time. Assumed: 0.1 MW and 0.01 EUR/MWh ticks, the historic NL intraday limits ±9,999.9 EUR/MWh, sessions whose channel p95 is within one ISP.')`;
