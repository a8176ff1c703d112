import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/settlement (issue 7, items 3-4): country rules and contracts as effective-dated data, and
 * the versioned settlement ledger.
 *
 * - `settlement_statements`: one row per (portfolio, fleet, period, version); the inputs hash is
 *   unique per (portfolio, fleet, period), so issuing the same inputs twice yields one statement.
 * - `settlement_ledger_entries`: append-only lines in whole cents; a delta line of a later
 *   version points at the line it corrects (`corrects_statement_id`, `corrects_line_no`).
 * - Immutability is enforced here, not only in code: an issued statement refuses UPDATE and
 *   DELETE; ledger entries refuse UPDATE, DELETE and TRUNCATE, and INSERT unless their statement
 *   is still a draft (a statement is written as a draft, filled, then issued in one transaction).
 * - No foreign keys to portfolios or fleets: the ledger must outlive them (nothing may cascade
 *   into it); the ids are checked by the pipeline that writes statements.
 * - Seeded country rules: see libs/settlement/src/domain/country/country-rules.data.ts (the
 *   integration test compares the two); every unsourced field is named in `assumed_fields`.
 */
export class CreateSettlementLedger1764300300000 implements MigrationInterface {
  name = 'CreateSettlementLedger1764300300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE settlement_country_rules (
        country text NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz,
        energy_tax_eur_per_kwh numeric(19,6) NOT NULL,
        grid_fee_eur_per_kwh numeric(19,6) NOT NULL,
        discharge_taxed_twice boolean NOT NULL,
        feed_in_compensation_eur_per_kwh numeric(19,6) NOT NULL,
        verified boolean NOT NULL,
        assumed_fields text array NOT NULL,
        source text NOT NULL,
        CONSTRAINT pk_settlement_country_rules PRIMARY KEY (country, valid_from),
        CONSTRAINT ck_settlement_country_rules_country CHECK (country IN ('NL', 'DE', 'SE', 'FR', 'HU', 'NO')),
        CONSTRAINT ck_settlement_country_rules_validity CHECK (valid_to IS NULL OR valid_to > valid_from),
        CONSTRAINT ck_settlement_country_rules_verified CHECK (NOT verified OR cardinality(assumed_fields) = 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE settlement_contracts (
        id uuid NOT NULL,
        fleet_id uuid NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz,
        aggregator_ref text NOT NULL,
        vehicle_owner_ref text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_settlement_contracts PRIMARY KEY (id),
        CONSTRAINT uq_settlement_contracts_fleet_valid_from UNIQUE (fleet_id, valid_from),
        CONSTRAINT ck_settlement_contracts_validity CHECK (valid_to IS NULL OR valid_to > valid_from)
      )`);
    await queryRunner.query(`
      CREATE TABLE settlement_contract_terms (
        contract_id uuid NOT NULL,
        term_no integer NOT NULL,
        kind text NOT NULL,
        payee_role text,
        payee_ref text,
        rate numeric(19,6) NOT NULL,
        CONSTRAINT pk_settlement_contract_terms PRIMARY KEY (contract_id, term_no),
        CONSTRAINT ck_settlement_contract_terms_kind CHECK (kind IN ('battery-wear', 'cpo-fee-per-session', 'cpo-fee-per-kwh', 'fixed-fee-per-session', 'fixed-fee-per-month', 'driver-reward-per-plugged-hour', 'driver-reward-per-kwh-shifted', 'revenue-share')),
        CONSTRAINT ck_settlement_contract_terms_payee CHECK ((payee_role IS NULL) = (payee_ref IS NULL) AND (payee_role IS NULL) = (kind LIKE 'driver-reward-%')),
        CONSTRAINT ck_settlement_contract_terms_rate CHECK (rate >= 0),
        CONSTRAINT fk_settlement_contract_terms_contract FOREIGN KEY (contract_id) REFERENCES settlement_contracts (id)
      )`);
    await queryRunner.query(`
      CREATE TABLE settlement_statements (
        id uuid NOT NULL,
        portfolio_id uuid NOT NULL,
        fleet_id uuid NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        version integer NOT NULL,
        status text NOT NULL,
        inputs_hash text NOT NULL,
        contract_id text NOT NULL,
        net_revenue numeric(19,6) NOT NULL,
        created_at timestamptz NOT NULL,
        issued_at timestamptz,
        CONSTRAINT pk_settlement_statements PRIMARY KEY (id),
        CONSTRAINT uq_settlement_statements_inputs UNIQUE (portfolio_id, fleet_id, period_start, period_end, inputs_hash),
        CONSTRAINT uq_settlement_statements_version UNIQUE (portfolio_id, fleet_id, period_start, period_end, version),
        CONSTRAINT ck_settlement_statements_period CHECK (period_end > period_start),
        CONSTRAINT ck_settlement_statements_version CHECK (version >= 1),
        CONSTRAINT ck_settlement_statements_status CHECK ((status = 'draft' AND issued_at IS NULL) OR (status = 'issued' AND issued_at IS NOT NULL)),
        CONSTRAINT ck_settlement_statements_inputs_hash CHECK (inputs_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_settlement_statements_cents CHECK (net_revenue = round(net_revenue, 2))
      )`);
    await queryRunner.query(`
      CREATE TABLE settlement_ledger_entries (
        statement_id uuid NOT NULL,
        line_no integer NOT NULL,
        version integer NOT NULL,
        section text NOT NULL,
        stakeholder_role text NOT NULL,
        stakeholder_ref text NOT NULL,
        market text NOT NULL,
        kind text NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        amount numeric(19,6) NOT NULL,
        quantity numeric(19,6),
        unit text,
        basis text NOT NULL,
        assumptions text array NOT NULL,
        corrects_statement_id uuid,
        corrects_line_no integer,
        CONSTRAINT pk_settlement_ledger_entries PRIMARY KEY (statement_id, line_no),
        CONSTRAINT ck_settlement_ledger_entries_line_no CHECK (line_no >= 1),
        CONSTRAINT ck_settlement_ledger_entries_section CHECK (section IN ('revenue', 'allocation', 'charges')),
        CONSTRAINT ck_settlement_ledger_entries_role CHECK (stakeholder_role IN ('aggregator', 'fleet-owner', 'cpo', 'oem', 'driver')),
        CONSTRAINT ck_settlement_ledger_entries_market CHECK (market IN ('fcr', 'afrr', 'day-ahead', 'idcons', 'uftp', 'imbalance', 'portfolio', 'charging')),
        CONSTRAINT ck_settlement_ledger_entries_basis CHECK (basis IN ('measured', 'estimated', 'profile')),
        CONSTRAINT ck_settlement_ledger_entries_period CHECK (period_end > period_start),
        CONSTRAINT ck_settlement_ledger_entries_cents CHECK (amount = round(amount, 2)),
        CONSTRAINT ck_settlement_ledger_entries_corrects CHECK ((corrects_statement_id IS NULL) = (corrects_line_no IS NULL)),
        CONSTRAINT fk_settlement_ledger_entries_statement FOREIGN KEY (statement_id) REFERENCES settlement_statements (id),
        CONSTRAINT fk_settlement_ledger_entries_corrects FOREIGN KEY (corrects_statement_id, corrects_line_no) REFERENCES settlement_ledger_entries (statement_id, line_no)
      )`);
    await queryRunner.query(`CREATE INDEX ix_settlement_ledger_entries_corrects ON settlement_ledger_entries (corrects_statement_id, corrects_line_no)`);
    await queryRunner.query(`CREATE INDEX ix_settlement_ledger_entries_stakeholder ON settlement_ledger_entries (stakeholder_role, stakeholder_ref)`);
    await queryRunner.query(`
      CREATE FUNCTION settlement_statement_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'issued' THEN
          RAISE EXCEPTION 'settlement statement % is issued and immutable: % refused', OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_settlement_statements_immutable BEFORE UPDATE OR DELETE ON settlement_statements
      FOR EACH ROW EXECUTE FUNCTION settlement_statement_refuse_change()`);
    await queryRunner.query(`
      CREATE FUNCTION settlement_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF EXISTS (SELECT 1 FROM settlement_statements WHERE id = NEW.statement_id AND status = 'draft') THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'settlement ledger: statement % is not a draft, lines refused', NEW.statement_id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RAISE EXCEPTION 'settlement ledger is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_settlement_ledger_entries_append_only BEFORE INSERT OR UPDATE OR DELETE ON settlement_ledger_entries
      FOR EACH ROW EXECUTE FUNCTION settlement_ledger_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER trg_settlement_ledger_entries_no_truncate BEFORE TRUNCATE ON settlement_ledger_entries
      FOR EACH STATEMENT EXECUTE FUNCTION settlement_ledger_refuse_change()`);
    await queryRunner.query(SEED_COUNTRY_RULES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE settlement_ledger_entries`);
    await queryRunner.query(`DROP FUNCTION settlement_ledger_refuse_change()`);
    await queryRunner.query(`DROP TABLE settlement_statements`);
    await queryRunner.query(`DROP FUNCTION settlement_statement_refuse_change()`);
    await queryRunner.query(`DROP TABLE settlement_contract_terms`);
    await queryRunner.query(`DROP TABLE settlement_contracts`);
    await queryRunner.query(`DROP TABLE settlement_country_rules`);
  }
}

const COUNTRY_RULE_COLUMNS = `country, valid_from, valid_to, energy_tax_eur_per_kwh, grid_fee_eur_per_kwh, discharge_taxed_twice,
  feed_in_compensation_eur_per_kwh, verified, assumed_fields, source`;

const SEED_COUNTRY_RULES = `
INSERT INTO settlement_country_rules (${COUNTRY_RULE_COLUMNS}) VALUES
('NL', '2024-12-31T23:00:00Z', '2025-12-31T23:00:00Z', 0.10154, 0, true, 0, false,
  '{gridFeeEurPerKwh,dischargeTaxedTwice,feedInCompensationEurPerKwh}',
  'Energy tax 0-10,000 kWh bracket 2025 EUR 0.10154/kWh excl. VAT (gelijkvergelijk.nl table, 3rd-party; engie.nl listed 0.09979 as indicative). ASSUMED: grid fee 0 per kWh (NL small-connection tariffs are per connection), discharge taxed twice (no netting outside salderingsregeling), no feed-in compensation.'),
('NL', '2025-12-31T23:00:00Z', NULL, 0.0916, 0, true, 0, false,
  '{gridFeeEurPerKwh,dischargeTaxedTwice,feedInCompensationEurPerKwh}',
  'Energy tax 0-10,000 kWh bracket 2026 EUR 0.09160/kWh excl. VAT (gelijkvergelijk.nl table, 3rd-party). ASSUMED: as 2025 for grid fee, double taxation and feed-in.'),
('DE', '2024-12-31T23:00:00Z', NULL, 0.0205, 0.11, true, 0, false,
  '{gridFeeEurPerKwh,dischargeTaxedTwice,feedInCompensationEurPerKwh}',
  'Stromsteuer EUR 20.50/MWh (StromStG § 3, gesetze.legal). ASSUMED: grid fee EUR 0.11/kWh (household average order of magnitude), discharge taxed twice (storage exemptions exclude storage that is part of a vehicle, StromStG § 2 Nr. 9 as amended; not checked in force), no feed-in compensation for EV discharge.'),
('SE', '2024-12-31T23:00:00Z', NULL, 0.038, 0.03, true, 0, false,
  '{energyTaxEurPerKwh,gridFeeEurPerKwh,dischargeTaxedTwice,feedInCompensationEurPerKwh}',
  'ASSUMED throughout: energiskatt about SEK 0.44/kWh at an assumed SEK 11.5/EUR, grid fee EUR 0.03/kWh, discharge taxed twice, no feed-in compensation. No source checked.'),
('FR', '2024-12-31T23:00:00Z', NULL, 0.03372, 0.045, true, 0, false,
  '{energyTaxEurPerKwh,gridFeeEurPerKwh,dischargeTaxedTwice,feedInCompensationEurPerKwh}',
  'ASSUMED throughout: accise sur l électricité about EUR 0.0337/kWh (households, from February 2025), TURPE volumetric part EUR 0.045/kWh, discharge taxed twice, no feed-in compensation. No source checked.'),
('HU', '2024-12-31T23:00:00Z', NULL, 0.001, 0.03, true, 0, false,
  '{energyTaxEurPerKwh,gridFeeEurPerKwh,dischargeTaxedTwice,feedInCompensationEurPerKwh}',
  'ASSUMED throughout: energy tax about HUF 0.4/kWh at an assumed HUF 400/EUR (non-household), grid fee EUR 0.03/kWh, discharge taxed twice, no feed-in compensation. No source checked.'),
('NO', '2024-12-31T23:00:00Z', NULL, 0.0107, 0.04, true, 0, false,
  '{energyTaxEurPerKwh,gridFeeEurPerKwh,dischargeTaxedTwice,feedInCompensationEurPerKwh}',
  'ASSUMED throughout: elavgift about NOK 0.125/kWh at an assumed NOK 11.7/EUR, grid fee EUR 0.04/kWh, discharge taxed twice, no feed-in compensation. No source checked.')`;
