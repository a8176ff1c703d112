import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/flexibility: recorded baselines per session (or site, for X-of-Y) with method, version,
 * `known_at` and inputs, so settlement can ask which baseline was known at a given time.
 */
export class CreateBaselineRecords1764200301000 implements MigrationInterface {
  name = 'CreateBaselineRecords1764200301000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE baseline_records (
        id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        session_id uuid,
        site_id uuid,
        method text NOT NULL,
        method_version integer NOT NULL,
        known_at timestamptz NOT NULL,
        computed_from jsonb NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT pk_baseline_records PRIMARY KEY (id),
        CONSTRAINT uq_baseline_records_session_version_known_at UNIQUE (session_id, method, method_version, known_at),
        CONSTRAINT uq_baseline_records_site_version_known_at UNIQUE (site_id, method, method_version, known_at),
        CONSTRAINT ck_baseline_records_subject CHECK ((session_id IS NULL) <> (site_id IS NULL)),
        CONSTRAINT ck_baseline_records_method CHECK (method IN ('uncontrolled-charging', 'nominated-schedule', 'meter-before', 'historical-x-of-y')),
        CONSTRAINT ck_baseline_records_method_version CHECK (method_version > 0),
        CONSTRAINT fk_baseline_records_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id),
        CONSTRAINT fk_baseline_records_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE,
        CONSTRAINT fk_baseline_records_site FOREIGN KEY (site_id) REFERENCES sites (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX ix_baseline_records_session_known_at ON baseline_records (session_id, known_at)`);
    await queryRunner.query(`CREATE INDEX ix_baseline_records_site_known_at ON baseline_records (site_id, known_at)`);
    await queryRunner.query(`
      CREATE TABLE baseline_record_isps (
        baseline_record_id uuid NOT NULL,
        isp_start timestamptz NOT NULL,
        power_kw numeric(14,3) NOT NULL,
        energy_kwh numeric(19,6) NOT NULL,
        CONSTRAINT pk_baseline_record_isps PRIMARY KEY (baseline_record_id, isp_start),
        CONSTRAINT ck_baseline_record_isps_isp_start CHECK (extract(epoch FROM isp_start) % 900 = 0),
        CONSTRAINT fk_baseline_record_isps_record FOREIGN KEY (baseline_record_id) REFERENCES baseline_records (id) ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE baseline_record_isps`);
    await queryRunner.query(`DROP TABLE baseline_records`);
  }
}
