import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/oem: the charger an OEM-linked car charges at (its home or depot EVSE). An OEM cloud reports
 * that the car is plugged in, not where; with the EVSE named at link time, a plugged-in state opens
 * an `oem`-channel session there (OemSessionTracker), so the planner and dispatcher see it within
 * its site's limits. Null: the car's states are kept and metered, but no session is opened for it.
 */
export class OemLinkChargingEvse1764400630000 implements MigrationInterface {
  name = 'OemLinkChargingEvse1764400630000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE oem_links ADD COLUMN evse_id uuid NULL`);
    await queryRunner.query(`ALTER TABLE oem_links ADD CONSTRAINT fk_oem_links_evse FOREIGN KEY (evse_id) REFERENCES evses (id)`);
    await queryRunner.query(`CREATE INDEX ix_oem_links_evse ON oem_links (evse_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_oem_links_evse`);
    await queryRunner.query(`ALTER TABLE oem_links DROP CONSTRAINT fk_oem_links_evse`);
    await queryRunner.query(`ALTER TABLE oem_links DROP COLUMN evse_id`);
  }
}
