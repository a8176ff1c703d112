import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations, users, machine clients and their API keys, delegations, and the append-only,
 * per-tenant hash-chained audit log (libs/access).
 */
export class CreateAccessTables1764000000000 implements MigrationInterface {
  name = 'CreateAccessTables1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisations (
        id uuid NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        country text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_organisations PRIMARY KEY (id),
        CONSTRAINT ck_organisations_kind CHECK (kind IN ('operator', 'fleet_owner', 'cpo', 'oem', 'brp', 'dso')),
        CONSTRAINT ck_organisations_country CHECK (country ~ '^[A-Z]{2}$')
      )`);
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL,
        created_at timestamptz NOT NULL,
        disabled_at timestamptz,
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT uq_users_email UNIQUE (email),
        CONSTRAINT ck_users_role CHECK (role IN ('admin', 'member')),
        CONSTRAINT ck_users_email_lower CHECK (email = lower(email)),
        CONSTRAINT fk_users_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_users_organisation_id ON users (organisation_id)`);
    await queryRunner.query(`
      CREATE TABLE api_clients (
        id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        name text NOT NULL,
        role text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_api_clients PRIMARY KEY (id),
        CONSTRAINT ck_api_clients_role CHECK (role IN ('admin', 'member')),
        CONSTRAINT fk_api_clients_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_api_clients_organisation_id ON api_clients (organisation_id)`);
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid NOT NULL,
        api_client_id uuid NOT NULL,
        key_id text NOT NULL,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_used_at timestamptz,
        CONSTRAINT pk_api_keys PRIMARY KEY (id),
        CONSTRAINT uq_api_keys_key_id UNIQUE (key_id),
        CONSTRAINT fk_api_keys_api_client FOREIGN KEY (api_client_id) REFERENCES api_clients (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_api_keys_api_client_id ON api_keys (api_client_id)`);
    await queryRunner.query(`
      CREATE TABLE delegations (
        id uuid NOT NULL,
        operator_organisation_id uuid NOT NULL,
        client_organisation_id uuid NOT NULL,
        granted_by_type text NOT NULL,
        granted_by_id uuid NOT NULL,
        reason text NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by_id uuid,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_delegations PRIMARY KEY (id),
        CONSTRAINT ck_delegations_window CHECK (valid_to > valid_from),
        CONSTRAINT ck_delegations_distinct CHECK (operator_organisation_id <> client_organisation_id),
        CONSTRAINT ck_delegations_granted_by_type CHECK (granted_by_type IN ('user', 'client')),
        CONSTRAINT fk_delegations_operator_organisation FOREIGN KEY (operator_organisation_id) REFERENCES organisations (id),
        CONSTRAINT fk_delegations_client_organisation FOREIGN KEY (client_organisation_id) REFERENCES organisations (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_delegations_client_operator ON delegations (client_organisation_id, operator_organisation_id)`);
    await queryRunner.query(`CREATE INDEX ix_delegations_operator ON delegations (operator_organisation_id)`);
    await queryRunner.query(`
      CREATE TABLE audit_log (
        seq bigserial NOT NULL,
        organisation_id uuid NOT NULL,
        chain_position bigint NOT NULL,
        actor_type text NOT NULL,
        actor_id uuid,
        actor_organisation_id uuid,
        on_behalf_of_organisation_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        occurred_at timestamptz NOT NULL,
        correlation_id text,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        CONSTRAINT pk_audit_log PRIMARY KEY (seq),
        CONSTRAINT uq_audit_log_organisation_position UNIQUE (organisation_id, chain_position),
        CONSTRAINT ck_audit_log_position CHECK (chain_position >= 1),
        CONSTRAINT ck_audit_log_actor_type CHECK (actor_type IN ('user', 'client', 'system')),
        CONSTRAINT fk_audit_log_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_audit_log_occurred_at ON audit_log (occurred_at)`);
    // Append-only: the application role can only INSERT. A DBA who bypasses this (replica mode,
    // disabled trigger) is caught by the hash chain instead.
    await queryRunner.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER trg_audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_refuse_change()`);
    await queryRunner.query(`DROP TABLE delegations`);
    await queryRunner.query(`DROP TABLE api_keys`);
    await queryRunner.query(`DROP TABLE api_clients`);
    await queryRunner.query(`DROP TABLE users`);
    await queryRunner.query(`DROP TABLE organisations`);
  }
}
