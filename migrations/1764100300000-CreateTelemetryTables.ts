import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/telemetry: meter values partitioned by UTC day, and the quarantine of refused values.
 *
 * - No DEFAULT partition: a row for a day without a partition fails loudly instead of landing
 *   in a sink that later blocks creating that day's partition. The ingest path creates the
 *   days it needs first (and a maintenance job creates the coming days ahead).
 * - No foreign key to `sessions`: a per-row FK check on the bulk path, and FKs out of a
 *   partitioned table, cost ingest speed, and meter values may arrive before the session does
 *   (OCPP TransactionEvent ordering). `session_id` is our own id; orphans are visible by join.
 */
export class CreateTelemetryTables1764100300000 implements MigrationInterface {
  name = 'CreateTelemetryTables1764100300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "meter_values" (
        "session_id" uuid NOT NULL,
        "measured_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "power_kw" numeric(14,3) NOT NULL,
        "energy_register_kwh" numeric(19,6) NOT NULL,
        "soc_pct" numeric(5,2),
        "source" character varying(8) NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_meter_values" PRIMARY KEY ("session_id", "measured_at"),
        CONSTRAINT "ck_meter_values_source" CHECK (source IN ('ocpi', 'ocpp', 'oem'))
      ) PARTITION BY RANGE ("measured_at")`);
    await queryRunner.query(`
      CREATE TABLE "meter_value_quarantine" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "session_id" uuid NOT NULL,
        "measured_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "power_kw_raw" character varying(64) NOT NULL,
        "energy_register_kwh_raw" character varying(64) NOT NULL,
        "soc_pct_raw" character varying(64),
        "evse_max_power_kw_raw" character varying(64),
        "source" character varying(8) NOT NULL,
        "reason" character varying(32) NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_meter_value_quarantine" PRIMARY KEY ("id"),
        CONSTRAINT "uq_meter_value_quarantine_key" UNIQUE ("session_id", "measured_at", "reason"),
        CONSTRAINT "ck_meter_value_quarantine_source" CHECK (source IN ('ocpi', 'ocpp', 'oem'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_meter_value_quarantine_received_at" ON "meter_value_quarantine" ("received_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_meter_value_quarantine_received_at"`);
    await queryRunner.query(`DROP TABLE "meter_value_quarantine"`);
    // Drops every day partition with it.
    await queryRunner.query(`DROP TABLE "meter_values"`);
  }
}
