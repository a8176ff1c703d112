import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/dispatch (issue 6): the real-time loop's durable side.
 * - dispatch_tso_feeds: the TSO's machine credential per portfolio (key id + scrypt hash of the secret).
 * - dispatch_fences: the newest fencing token that wrote commands per portfolio; a writer with an
 *   older token is refused in the same transaction as its commands (lease failover without double control).
 * - dispatch_setpoints: every aFRR setpoint received, accepted or not (stale, out of order), for audit.
 * - dispatch_isp_positions: day-ahead positions per ISP as the feed sent them.
 * - dispatch_command_batches / dispatch_commands: the fan-out, one batch per channel and party.
 * - dispatch_tracking_isps: target vs measured energy per portfolio, activation and ISP.
 * - dispatch_session_marks: sessions found non-responsive or with stale telemetry, excluded while marked.
 */
export class CreateDispatchTables1764300400000 implements MigrationInterface {
  name = 'CreateDispatchTables1764300400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dispatch_tso_feeds (
        id uuid NOT NULL,
        portfolio_id uuid NOT NULL,
        label text NOT NULL,
        key_id text NOT NULL,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT pk_dispatch_tso_feeds PRIMARY KEY (id),
        CONSTRAINT uq_dispatch_tso_feeds_key_id UNIQUE (key_id),
        CONSTRAINT fk_dispatch_tso_feeds_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX ix_dispatch_tso_feeds_portfolio ON dispatch_tso_feeds (portfolio_id)`);
    await queryRunner.query(`
      CREATE TABLE dispatch_fences (
        portfolio_id uuid NOT NULL,
        fencing_token bigint NOT NULL,
        holder text NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_dispatch_fences PRIMARY KEY (portfolio_id),
        CONSTRAINT fk_dispatch_fences_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE dispatch_setpoints (
        id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        portfolio_id uuid NOT NULL,
        sequence bigint NOT NULL,
        issued_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        setpoint_mw numeric(14,3) NOT NULL,
        transport text NOT NULL,
        outcome text NOT NULL,
        CONSTRAINT pk_dispatch_setpoints PRIMARY KEY (id),
        CONSTRAINT ck_dispatch_setpoints_transport CHECK (transport IN ('http', 'ws')),
        CONSTRAINT ck_dispatch_setpoints_outcome CHECK (outcome IN ('accepted', 'stale', 'out-of-order')),
        CONSTRAINT fk_dispatch_setpoints_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX ix_dispatch_setpoints_portfolio_received ON dispatch_setpoints (portfolio_id, received_at)`);
    await queryRunner.query(`
      CREATE TABLE dispatch_isp_positions (
        portfolio_id uuid NOT NULL,
        isp_start timestamptz NOT NULL,
        position_kw numeric(14,3) NOT NULL,
        received_at timestamptz NOT NULL,
        CONSTRAINT pk_dispatch_isp_positions PRIMARY KEY (portfolio_id, isp_start),
        CONSTRAINT fk_dispatch_isp_positions_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE dispatch_command_batches (
        id uuid NOT NULL,
        portfolio_id uuid NOT NULL,
        fencing_token bigint NOT NULL,
        channel text NOT NULL,
        party text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT pk_dispatch_command_batches PRIMARY KEY (id),
        CONSTRAINT ck_dispatch_command_batches_channel CHECK (channel IN ('ocpi', 'ocpp', 'oem')),
        CONSTRAINT ck_dispatch_command_batches_status CHECK (status IN ('recorded', 'sent', 'superseded')),
        CONSTRAINT fk_dispatch_command_batches_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX ix_dispatch_command_batches_portfolio ON dispatch_command_batches (portfolio_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE dispatch_commands (
        id uuid NOT NULL,
        batch_id uuid NOT NULL,
        session_id uuid NOT NULL,
        kind text NOT NULL,
        power_kw numeric(14,3) NOT NULL,
        status text NOT NULL,
        channel_command_id text,
        latency_ms integer,
        error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        answered_at timestamptz,
        CONSTRAINT pk_dispatch_commands PRIMARY KEY (id),
        CONSTRAINT ck_dispatch_commands_kind CHECK (kind IN ('limit', 'setpoint', 'start', 'stop')),
        CONSTRAINT ck_dispatch_commands_status CHECK (status IN ('recorded', 'sent', 'accepted', 'rejected', 'failed', 'superseded')),
        CONSTRAINT ck_dispatch_commands_limit CHECK (kind <> 'limit' OR power_kw >= 0),
        CONSTRAINT fk_dispatch_commands_batch FOREIGN KEY (batch_id) REFERENCES dispatch_command_batches (id) ON DELETE CASCADE,
        CONSTRAINT fk_dispatch_commands_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX ix_dispatch_commands_batch ON dispatch_commands (batch_id)`);
    await queryRunner.query(`CREATE INDEX ix_dispatch_commands_session ON dispatch_commands (session_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE dispatch_tracking_isps (
        portfolio_id uuid NOT NULL,
        activation text NOT NULL,
        isp_start timestamptz NOT NULL,
        target_kwh numeric(19,6) NOT NULL,
        measured_kwh numeric(19,6) NOT NULL,
        abs_error_kwh numeric(19,6) NOT NULL,
        cycles integer NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_dispatch_tracking_isps PRIMARY KEY (portfolio_id, activation, isp_start),
        CONSTRAINT fk_dispatch_tracking_isps_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE dispatch_session_marks (
        session_id uuid NOT NULL,
        portfolio_id uuid NOT NULL,
        reason text NOT NULL,
        marked_at timestamptz NOT NULL,
        CONSTRAINT pk_dispatch_session_marks PRIMARY KEY (session_id),
        CONSTRAINT ck_dispatch_session_marks_reason CHECK (reason IN ('non-responsive', 'stale-telemetry')),
        CONSTRAINT fk_dispatch_session_marks_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE,
        CONSTRAINT fk_dispatch_session_marks_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['dispatch_session_marks', 'dispatch_tracking_isps', 'dispatch_commands', 'dispatch_command_batches', 'dispatch_isp_positions', 'dispatch_setpoints', 'dispatch_fences', 'dispatch_tso_feeds']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
