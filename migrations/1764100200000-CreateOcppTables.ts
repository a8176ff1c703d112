import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/ocpp: stations we steer directly over OCPP 2.0.1/2.1 (basic-auth password hash, negotiated
 * version, V2X capabilities, connection state), their transactions (= sessions) and the commands
 * we send them with measured latency.
 */
export class CreateOcppTables1764100200000 implements MigrationInterface {
  name = 'CreateOcppTables1764100200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ocpp_stations" (
        "id" uuid NOT NULL,
        "station_id" text NOT NULL,
        "organisation_id" uuid NOT NULL,
        "country_code" text NOT NULL,
        "fleet_id" uuid,
        "site_id" uuid,
        "password_hash" text NOT NULL,
        "declared_bidirectional" boolean NOT NULL,
        "ocpp_version" text,
        "supports_setpoints" boolean NOT NULL DEFAULT false,
        "supports_discharge" boolean NOT NULL DEFAULT false,
        "vendor_name" text,
        "model" text,
        "firmware_version" text,
        "last_boot_at" TIMESTAMP WITH TIME ZONE,
        "connected" boolean NOT NULL DEFAULT false,
        "last_seen_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_ocpp_stations" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ocpp_stations_station_id" UNIQUE ("station_id"),
        CONSTRAINT "ck_ocpp_stations_country_code" CHECK (country_code ~ '^[A-Z]{2}$'),
        CONSTRAINT "ck_ocpp_stations_ocpp_version" CHECK (ocpp_version IS NULL OR ocpp_version IN ('ocpp2.0.1', 'ocpp2.1')),
        CONSTRAINT "fk_ocpp_stations_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`
      CREATE TABLE "ocpp_transactions" (
        "id" uuid NOT NULL,
        "ocpp_station_id" uuid NOT NULL,
        "transaction_id" character varying(36) NOT NULL,
        "evse_number" integer NOT NULL,
        "session_id" uuid,
        "status" text NOT NULL,
        "charging_state" text,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ended_at" TIMESTAMP WITH TIME ZONE,
        "last_seq_no" integer NOT NULL,
        "last_event_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_power_kw" numeric(14,3),
        "energy_register_kwh" numeric(19,6),
        "start_register_kwh" numeric(19,6),
        "last_reading_at" TIMESTAMP WITH TIME ZONE,
        "departure_at" TIMESTAMP WITH TIME ZONE,
        "energy_need_kwh" numeric(19,6),
        "max_discharge_kw" numeric(14,3),
        "telemetry_stale_since" TIMESTAMP WITH TIME ZONE,
        "offline_event_count" integer NOT NULL DEFAULT 0,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_ocpp_transactions" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ocpp_transactions_station_transaction" UNIQUE ("ocpp_station_id", "transaction_id"),
        CONSTRAINT "ck_ocpp_transactions_status" CHECK (status IN ('plugged_in', 'charging', 'suspended', 'finished')),
        CONSTRAINT "fk_ocpp_transactions_station" FOREIGN KEY ("ocpp_station_id") REFERENCES "ocpp_stations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "ix_ocpp_transactions_station_evse" ON "ocpp_transactions" ("ocpp_station_id", "evse_number")`);
    await queryRunner.query(`
      CREATE TABLE "ocpp_commands" (
        "id" uuid NOT NULL,
        "ocpp_station_id" uuid NOT NULL,
        "action" text NOT NULL,
        "transaction_id" character varying(36),
        "request" jsonb NOT NULL,
        "status" text NOT NULL,
        "response" jsonb,
        "error" text,
        "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "answered_at" TIMESTAMP WITH TIME ZONE,
        "latency_ms" integer,
        CONSTRAINT "pk_ocpp_commands" PRIMARY KEY ("id"),
        CONSTRAINT "ck_ocpp_commands_status" CHECK (status IN ('sent', 'accepted', 'rejected', 'failed')),
        CONSTRAINT "fk_ocpp_commands_station" FOREIGN KEY ("ocpp_station_id") REFERENCES "ocpp_stations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "ix_ocpp_commands_station_sent_at" ON "ocpp_commands" ("ocpp_station_id", "sent_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_ocpp_commands_station_sent_at"`);
    await queryRunner.query(`DROP TABLE "ocpp_commands"`);
    await queryRunner.query(`DROP INDEX "ix_ocpp_transactions_station_evse"`);
    await queryRunner.query(`DROP TABLE "ocpp_transactions"`);
    await queryRunner.query(`DROP TABLE "ocpp_stations"`);
  }
}
