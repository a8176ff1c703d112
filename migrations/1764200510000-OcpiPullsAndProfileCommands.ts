import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/ocpi: where each pull of a CPO's Locations and Sessions got to (the next pull's
 * `date_from`), and ClearProfile / GET ActiveChargingProfile as commands next to SetChargingProfile
 * (`kind`; they carry no profile, a GET carries a duration and its result the active profile).
 */
export class OcpiPullsAndProfileCommands1764200510000 implements MigrationInterface {
  name = 'OcpiPullsAndProfileCommands1764200510000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ocpi_pull_cursors" (
        "ocpi_party_id" uuid NOT NULL,
        "module" character varying(16) NOT NULL,
        "pulled_until" TIMESTAMP WITH TIME ZONE NOT NULL,
        "pulled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "objects_stored" integer NOT NULL,
        "objects_invalid" integer NOT NULL,
        CONSTRAINT "pk_ocpi_pull_cursors" PRIMARY KEY ("ocpi_party_id", "module"),
        CONSTRAINT "ck_ocpi_pull_cursors_module" CHECK (module IN ('locations', 'sessions')),
        CONSTRAINT "fk_ocpi_pull_cursors_party" FOREIGN KEY ("ocpi_party_id") REFERENCES "ocpi_parties"("id")
      )`);
    await queryRunner.query(`ALTER TABLE "ocpi_charging_profile_commands" ADD "kind" character varying(16) NOT NULL DEFAULT 'set'`);
    await queryRunner.query(`ALTER TABLE "ocpi_charging_profile_commands" ALTER COLUMN "kind" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "ocpi_charging_profile_commands" ADD CONSTRAINT "ck_ocpi_charging_profile_commands_kind" CHECK (kind IN ('set', 'clear', 'get_active'))`,
    );
    await queryRunner.query(`ALTER TABLE "ocpi_charging_profile_commands" ALTER COLUMN "profile" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "ocpi_charging_profile_commands" ADD "duration_seconds" integer`);
    await queryRunner.query(`ALTER TABLE "ocpi_charging_profile_commands" ADD "result_profile" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "ocpi_charging_profile_commands" ADD CONSTRAINT "ck_ocpi_charging_profile_commands_profile"
         CHECK ((kind = 'set') = (profile IS NOT NULL) AND (kind = 'get_active') = (duration_seconds IS NOT NULL))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "ocpi_charging_profile_commands" WHERE kind <> 'set'`);
    await queryRunner.query(`ALTER TABLE "ocpi_charging_profile_commands" DROP CONSTRAINT "ck_ocpi_charging_profile_commands_profile"`);
    await queryRunner.query(`ALTER TABLE "ocpi_charging_profile_commands" DROP COLUMN "result_profile"`);
    await queryRunner.query(`ALTER TABLE "ocpi_charging_profile_commands" DROP COLUMN "duration_seconds"`);
    await queryRunner.query(`ALTER TABLE "ocpi_charging_profile_commands" ALTER COLUMN "profile" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "ocpi_charging_profile_commands" DROP CONSTRAINT "ck_ocpi_charging_profile_commands_kind"`);
    await queryRunner.query(`ALTER TABLE "ocpi_charging_profile_commands" DROP COLUMN "kind"`);
    await queryRunner.query(`DROP TABLE "ocpi_pull_cursors"`);
  }
}
