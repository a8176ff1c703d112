import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/settlement (issue 7): `settlement_prices` also holds the aFRR energy prices per ISP and
 * direction (`afrr-energy-up`, `afrr-energy-down`: the published cross-border marginal prices), for
 * activations without an aFRR energy award carrying a price. As for day-ahead, a missing price
 * makes the statement stage wait, never price at zero.
 */
export class SettlementAfrrEnergyPrices1764300900000 implements MigrationInterface {
  name = 'SettlementAfrrEnergyPrices1764300900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE settlement_prices DROP CONSTRAINT ck_settlement_prices_market`);
    await queryRunner.query(
      `ALTER TABLE settlement_prices ADD CONSTRAINT ck_settlement_prices_market CHECK (market IN ('day-ahead', 'afrr-energy-up', 'afrr-energy-down'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM settlement_prices WHERE market <> 'day-ahead'`);
    await queryRunner.query(`ALTER TABLE settlement_prices DROP CONSTRAINT ck_settlement_prices_market`);
    await queryRunner.query(`ALTER TABLE settlement_prices ADD CONSTRAINT ck_settlement_prices_market CHECK (market IN ('day-ahead'))`);
  }
}
