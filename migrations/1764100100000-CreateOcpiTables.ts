import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/ocpi: OCPI 2.2.1 counterparties (credentials of both directions), the Locations, Sessions
 * and CDRs they push, and the SetChargingProfile commands we send them.
 */
export class CreateOcpiTables1764100100000 implements MigrationInterface {
  name = 'CreateOcpiTables1764100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ocpi_parties" (
        "id" uuid NOT NULL,
        "organisation_id" uuid NOT NULL,
        "country_code" character varying(2) NOT NULL,
        "party_id" character varying(3) NOT NULL,
        "role" character varying(8) NOT NULL,
        "status" character varying(16) NOT NULL,
        "registration_token_hash" character varying(64),
        "inbound_token_hash" character varying(64),
        "outbound_token_encrypted" text,
        "versions_url" text,
        "version" character varying(8),
        "endpoints" jsonb NOT NULL,
        "business_name" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "registered_at" TIMESTAMP WITH TIME ZONE,
        "last_seen_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_ocpi_parties" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ocpi_parties_country_party_role" UNIQUE ("country_code", "party_id", "role"),
        CONSTRAINT "uq_ocpi_parties_registration_token_hash" UNIQUE ("registration_token_hash"),
        CONSTRAINT "uq_ocpi_parties_inbound_token_hash" UNIQUE ("inbound_token_hash"),
        CONSTRAINT "ck_ocpi_parties_status" CHECK (status IN ('pending', 'registered', 'unregistered')),
        CONSTRAINT "fk_ocpi_parties_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_ocpi_parties_organisation_id" ON "ocpi_parties" ("organisation_id")`);
    await queryRunner.query(`
      CREATE TABLE "ocpi_locations" (
        "id" uuid NOT NULL,
        "ocpi_party_id" uuid NOT NULL,
        "location_id" character varying(36) NOT NULL,
        "last_updated" TIMESTAMP WITH TIME ZONE NOT NULL,
        "object" jsonb NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_ocpi_locations" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ocpi_locations_party_location" UNIQUE ("ocpi_party_id", "location_id"),
        CONSTRAINT "fk_ocpi_locations_party" FOREIGN KEY ("ocpi_party_id") REFERENCES "ocpi_parties"("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "ocpi_sessions" (
        "id" uuid NOT NULL,
        "ocpi_party_id" uuid NOT NULL,
        "session_id" character varying(36) NOT NULL,
        "location_id" character varying(36) NOT NULL,
        "evse_uid" character varying(36) NOT NULL,
        "connector_id" character varying(36) NOT NULL,
        "status" character varying(16) NOT NULL,
        "start_date_time" TIMESTAMP WITH TIME ZONE NOT NULL,
        "end_date_time" TIMESTAMP WITH TIME ZONE,
        "energy_kwh" numeric(19,6) NOT NULL,
        "departure_time" TIMESTAMP WITH TIME ZONE,
        "energy_need_kwh" numeric(19,6),
        "discharge_allowed" boolean,
        "active_charging_profile" jsonb,
        "last_updated" TIMESTAMP WITH TIME ZONE NOT NULL,
        "object" jsonb NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "fleet_session_id" uuid,
        CONSTRAINT "pk_ocpi_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ocpi_sessions_party_session" UNIQUE ("ocpi_party_id", "session_id"),
        CONSTRAINT "fk_ocpi_sessions_party" FOREIGN KEY ("ocpi_party_id") REFERENCES "ocpi_parties"("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "ocpi_cdrs" (
        "id" uuid NOT NULL,
        "ocpi_party_id" uuid NOT NULL,
        "cdr_id" character varying(39) NOT NULL,
        "session_id" character varying(36),
        "start_date_time" TIMESTAMP WITH TIME ZONE NOT NULL,
        "end_date_time" TIMESTAMP WITH TIME ZONE NOT NULL,
        "total_energy_kwh" numeric(19,6) NOT NULL,
        "object" jsonb NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_ocpi_cdrs" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ocpi_cdrs_party_cdr" UNIQUE ("ocpi_party_id", "cdr_id"),
        CONSTRAINT "fk_ocpi_cdrs_party" FOREIGN KEY ("ocpi_party_id") REFERENCES "ocpi_parties"("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "ocpi_charging_profile_commands" (
        "id" uuid NOT NULL,
        "ocpi_party_id" uuid NOT NULL,
        "ocpi_session_id" uuid NOT NULL,
        "request_id" uuid NOT NULL,
        "correlation_id" character varying(128) NOT NULL,
        "profile" jsonb NOT NULL,
        "status" character varying(16) NOT NULL,
        "response_result" character varying(16),
        "result" character varying(16),
        "attempts" integer NOT NULL,
        "last_error" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "sent_at" TIMESTAMP WITH TIME ZONE,
        "responded_at" TIMESTAMP WITH TIME ZONE,
        "result_at" TIMESTAMP WITH TIME ZONE,
        "deadline_at" TIMESTAMP WITH TIME ZONE,
        "latency_ms" integer,
        CONSTRAINT "pk_ocpi_charging_profile_commands" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ocpi_charging_profile_commands_request_id" UNIQUE ("request_id"),
        CONSTRAINT "ck_ocpi_charging_profile_commands_status"
          CHECK (status IN ('recorded', 'sent', 'accepted', 'confirmed', 'rejected', 'failed', 'timed_out')),
        CONSTRAINT "fk_ocpi_charging_profile_commands_party" FOREIGN KEY ("ocpi_party_id") REFERENCES "ocpi_parties"("id"),
        CONSTRAINT "fk_ocpi_charging_profile_commands_session" FOREIGN KEY ("ocpi_session_id") REFERENCES "ocpi_sessions"("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_ocpi_charging_profile_commands_session" ON "ocpi_charging_profile_commands" ("ocpi_session_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ocpi_charging_profile_commands"`);
    await queryRunner.query(`DROP TABLE "ocpi_cdrs"`);
    await queryRunner.query(`DROP TABLE "ocpi_sessions"`);
    await queryRunner.query(`DROP TABLE "ocpi_locations"`);
    await queryRunner.query(`DROP TABLE "ocpi_parties"`);
  }
}
