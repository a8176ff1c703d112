import { MigrationInterface, QueryRunner } from 'typeorm';

/** libs/mobility: authoritative needs set by drivers' apps and reservation systems, per session or vehicle. */
export class CreateMobilityNeeds1764100401000 implements MigrationInterface {
  name = 'CreateMobilityNeeds1764100401000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mobility_needs (
        id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        session_id uuid,
        vehicle_id uuid,
        departure_at timestamptz,
        energy_need_kwh numeric(19,6),
        target_soc_pct numeric(5,2),
        min_soc_pct numeric(5,2),
        boost_requested_at timestamptz,
        driver_hash text,
        source text NOT NULL,
        set_by_type text NOT NULL,
        set_by_id uuid NOT NULL,
        set_at timestamptz NOT NULL,
        version integer NOT NULL,
        CONSTRAINT pk_mobility_needs PRIMARY KEY (id),
        CONSTRAINT uq_mobility_needs_session UNIQUE (session_id),
        CONSTRAINT uq_mobility_needs_vehicle UNIQUE (vehicle_id),
        CONSTRAINT ck_mobility_needs_subject CHECK ((session_id IS NULL) <> (vehicle_id IS NULL)),
        CONSTRAINT ck_mobility_needs_soc CHECK ((target_soc_pct IS NULL OR target_soc_pct BETWEEN 0 AND 100) AND (min_soc_pct IS NULL OR min_soc_pct BETWEEN 0 AND 100) AND (min_soc_pct IS NULL OR target_soc_pct IS NULL OR min_soc_pct <= target_soc_pct)),
        CONSTRAINT ck_mobility_needs_energy CHECK (energy_need_kwh IS NULL OR (energy_need_kwh > 0 AND target_soc_pct IS NULL)),
        CONSTRAINT ck_mobility_needs_source CHECK (source IN ('driver-app', 'reservation-system', 'operator')),
        CONSTRAINT fk_mobility_needs_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id),
        CONSTRAINT fk_mobility_needs_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE,
        CONSTRAINT fk_mobility_needs_vehicle FOREIGN KEY (vehicle_id) REFERENCES vehicles (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX ix_mobility_needs_organisation ON mobility_needs (organisation_id)`);
    await queryRunner.query(`CREATE INDEX ix_mobility_needs_driver_hash ON mobility_needs (driver_hash)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE mobility_needs`);
  }
}
