import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/telemetry: one row per session with stored meter values: the span of its stored instants
 * and its latest register. Maintained by the ingest statement, in the same transaction as the
 * rows, so that new sessions and in-order values need no probe of stored neighbours across day
 * partitions. Back-filled from the rows already stored.
 */
export class CreateMeterValueSessionState1764100310000 implements MigrationInterface {
  name = 'CreateMeterValueSessionState1764100310000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "meter_value_session_state" (
        "session_id" uuid NOT NULL,
        "first_measured_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_measured_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_energy_register_kwh" numeric(19,6) NOT NULL,
        CONSTRAINT "pk_meter_value_session_state" PRIMARY KEY ("session_id")
      )`);
    await queryRunner.query(`
      INSERT INTO "meter_value_session_state" (session_id, first_measured_at, last_measured_at, last_energy_register_kwh)
      SELECT session_id, min(measured_at), max(measured_at), (array_agg(energy_register_kwh ORDER BY measured_at DESC))[1]
      FROM "meter_values"
      GROUP BY session_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "meter_value_session_state"`);
  }
}
