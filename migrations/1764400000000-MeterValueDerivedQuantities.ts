import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/telemetry: which quantities of a meter value were measured and which were derived, so
 * every reader can tell (and label) them. OCPI Sessions report only the session's energy (`kwh`):
 * their power is derived from the energy step over the time step (`power_source =
 * 'derived_from_energy'`). OEM clouds report power and SoC but no energy register: theirs is
 * integrated from the power readings (`energy_source = 'derived_from_power'`). Rows stored before
 * this migration came from OCPP, which measures both: the defaults say so. On the partitioned
 * table a constant default is a catalogue change, no partition is rewritten.
 */
export class MeterValueDerivedQuantities1764400000000 implements MigrationInterface {
  name = 'MeterValueDerivedQuantities1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['meter_values', 'meter_value_quarantine']) {
      await queryRunner.query(`
        ALTER TABLE "${table}"
          ADD COLUMN "power_source" character varying(24) NOT NULL DEFAULT 'measured',
          ADD COLUMN "energy_source" character varying(24) NOT NULL DEFAULT 'measured',
          ADD CONSTRAINT "ck_${table}_power_source" CHECK (power_source IN ('measured', 'derived_from_energy')),
          ADD CONSTRAINT "ck_${table}_energy_source" CHECK (energy_source IN ('measured', 'derived_from_power'))`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['meter_value_quarantine', 'meter_values']) {
      await queryRunner.query(`
        ALTER TABLE "${table}"
          DROP CONSTRAINT "ck_${table}_energy_source", DROP CONSTRAINT "ck_${table}_power_source",
          DROP COLUMN "energy_source", DROP COLUMN "power_source"`);
    }
  }
}
