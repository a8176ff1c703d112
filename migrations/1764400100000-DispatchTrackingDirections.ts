import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/dispatch (issue 6): the loop books each ISP's activation energy split by direction (its
 * IspEnergyLedger), as aFRR energy is priced per direction: requested and delivered up-regulation
 * (less consumption than baseline) and down-regulation, kWh. Rows written before (or by writers that
 * do not split) hold 0 in all four; target_kwh / measured_kwh stay the net figures.
 */
export class DispatchTrackingDirections1764400100000 implements MigrationInterface {
  name = 'DispatchTrackingDirections1764400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE dispatch_tracking_isps
        ADD COLUMN requested_up_kwh numeric(19,6) NOT NULL DEFAULT 0,
        ADD COLUMN requested_down_kwh numeric(19,6) NOT NULL DEFAULT 0,
        ADD COLUMN delivered_up_kwh numeric(19,6) NOT NULL DEFAULT 0,
        ADD COLUMN delivered_down_kwh numeric(19,6) NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE dispatch_tracking_isps
        DROP COLUMN delivered_down_kwh, DROP COLUMN delivered_up_kwh, DROP COLUMN requested_down_kwh, DROP COLUMN requested_up_kwh`);
  }
}
