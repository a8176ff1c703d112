import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/oem: links between our vehicles and OEM accounts (account ids only as keyed hashes), the
 * last known vehicle state (no location column: a parked car's position is personal data),
 * commands recorded before they are sent, webhook delivery ids for replay protection, and
 * whether each OEM cloud is answering (backoff shared between processes).
 */
export class CreateOemTables1764100400000 implements MigrationInterface {
  name = 'CreateOemTables1764100400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE oem_links (
        id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        vehicle_id uuid NOT NULL,
        oem text NOT NULL,
        account_hash text NOT NULL,
        oem_vehicle_ref text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_oem_links PRIMARY KEY (id),
        CONSTRAINT uq_oem_links_vehicle UNIQUE (vehicle_id),
        CONSTRAINT uq_oem_links_oem_vehicle_ref UNIQUE (oem, oem_vehicle_ref),
        CONSTRAINT fk_oem_links_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id),
        CONSTRAINT fk_oem_links_vehicle FOREIGN KEY (vehicle_id) REFERENCES vehicles (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX ix_oem_links_account_hash ON oem_links (account_hash)`);
    await queryRunner.query(`CREATE INDEX ix_oem_links_organisation ON oem_links (organisation_id)`);
    await queryRunner.query(`
      CREATE TABLE vehicle_states (
        oem_link_id uuid NOT NULL,
        vehicle_id uuid NOT NULL,
        soc_pct numeric(5,2) NOT NULL,
        plugged_in boolean NOT NULL,
        charging_power_kw numeric(14,3) NOT NULL,
        observed_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        source text NOT NULL,
        CONSTRAINT pk_vehicle_states PRIMARY KEY (oem_link_id),
        CONSTRAINT fk_vehicle_states_oem_link FOREIGN KEY (oem_link_id) REFERENCES oem_links (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE oem_commands (
        id uuid NOT NULL,
        oem_link_id uuid NOT NULL,
        command_type text NOT NULL,
        charge_limit_kw numeric(14,3),
        target_soc_pct numeric(5,2),
        status text NOT NULL,
        oem_command_id text,
        sent_at timestamptz NOT NULL,
        accepted_at timestamptz,
        applied_at timestamptz,
        latency_ms integer,
        failure_code text,
        CONSTRAINT pk_oem_commands PRIMARY KEY (id),
        CONSTRAINT fk_oem_commands_oem_link FOREIGN KEY (oem_link_id) REFERENCES oem_links (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX ix_oem_commands_oem_link ON oem_commands (oem_link_id)`);
    await queryRunner.query(`
      CREATE TABLE oem_webhook_deliveries (
        oem text NOT NULL,
        delivery_id text NOT NULL,
        received_at timestamptz NOT NULL,
        CONSTRAINT pk_oem_webhook_deliveries PRIMARY KEY (oem, delivery_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_oem_webhook_deliveries_received_at ON oem_webhook_deliveries (received_at)`);
    await queryRunner.query(`
      CREATE TABLE oem_cloud_status (
        oem text NOT NULL,
        consecutive_failures integer NOT NULL,
        backing_off_until timestamptz,
        last_error_code text,
        last_success_at timestamptz,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_oem_cloud_status PRIMARY KEY (oem)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE oem_cloud_status`);
    await queryRunner.query(`DROP TABLE oem_webhook_deliveries`);
    await queryRunner.query(`DROP TABLE oem_commands`);
    await queryRunner.query(`DROP TABLE vehicle_states`);
    await queryRunner.query(`DROP TABLE oem_links`);
  }
}
