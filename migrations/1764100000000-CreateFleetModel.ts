import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fleet asset model (libs/fleet): fleets, sites and their grid connections, charge points and
 * EVSEs, vehicles, V2G compliance records, sessions, the per-party external id mapping and the
 * per-channel command latency estimate.
 */
export class CreateFleetModel1764100000000 implements MigrationInterface {
  name = 'CreateFleetModel1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await this.createFleetsAndSites(queryRunner);
    await this.createChargingHardware(queryRunner);
    await this.createVehicles(queryRunner);
    await this.createSessions(queryRunner);
    await this.createMappingAndLatency(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'channel_latency', 'external_ids', 'sessions', 'v2g_compliance', 'vehicles', 'evses', 'charge_points',
      'grid_connections', 'sites', 'fleets',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }

  private async createFleetsAndSites(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE fleets (
        id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_fleets PRIMARY KEY (id),
        CONSTRAINT uq_fleets_organisation_name UNIQUE (organisation_id, name),
        CONSTRAINT fk_fleets_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id)
      )`);
    await queryRunner.query(`
      CREATE TABLE sites (
        id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        fleet_id uuid,
        name text NOT NULL,
        country text NOT NULL,
        innovation_cluster text NOT NULL,
        timezone text NOT NULL,
        import_ref text,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_sites PRIMARY KEY (id),
        CONSTRAINT uq_sites_organisation_import_ref UNIQUE (organisation_id, import_ref),
        CONSTRAINT ck_sites_country CHECK (country ~ '^[A-Z]{2}$'),
        CONSTRAINT ck_sites_innovation_cluster CHECK (innovation_cluster IN ('home', 'workplace', 'depot', 'public')),
        CONSTRAINT fk_sites_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id),
        CONSTRAINT fk_sites_fleet FOREIGN KEY (fleet_id) REFERENCES fleets (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_sites_fleet_id ON sites (fleet_id)`);
    await queryRunner.query(`
      CREATE TABLE grid_connections (
        id uuid NOT NULL,
        site_id uuid NOT NULL,
        ean text NOT NULL,
        import_limit_kw numeric(14,3) NOT NULL,
        export_limit_kw numeric(14,3) NOT NULL,
        fuse_limit_kw numeric(14,3),
        dso text NOT NULL,
        congestion_area text,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_grid_connections PRIMARY KEY (id),
        CONSTRAINT uq_grid_connections_site UNIQUE (site_id),
        CONSTRAINT uq_grid_connections_ean UNIQUE (ean),
        CONSTRAINT ck_grid_connections_ean CHECK (ean ~ '^[0-9]{18}$'),
        CONSTRAINT ck_grid_connections_limits CHECK (import_limit_kw >= 0 AND export_limit_kw >= 0 AND (fuse_limit_kw IS NULL OR fuse_limit_kw > 0)),
        CONSTRAINT fk_grid_connections_site FOREIGN KEY (site_id) REFERENCES sites (id)
      )`);
  }

  private async createChargingHardware(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE charge_points (
        id uuid NOT NULL,
        site_id uuid NOT NULL,
        protocol text NOT NULL,
        ocpp_version text,
        vendor text,
        model text,
        import_ref text,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_charge_points PRIMARY KEY (id),
        CONSTRAINT uq_charge_points_site_import_ref UNIQUE (site_id, import_ref),
        CONSTRAINT ck_charge_points_protocol CHECK (protocol IN ('ocpi', 'ocpp', 'none')),
        CONSTRAINT ck_charge_points_ocpp_version CHECK (ocpp_version IS NULL OR ocpp_version IN ('2.0.1', '2.1')),
        CONSTRAINT fk_charge_points_site FOREIGN KEY (site_id) REFERENCES sites (id)
      )`);
    await queryRunner.query(`
      CREATE TABLE evses (
        id uuid NOT NULL,
        charge_point_id uuid NOT NULL,
        site_id uuid NOT NULL,
        current_type text NOT NULL,
        phases smallint NOT NULL,
        max_power_kw numeric(14,3) NOT NULL,
        bidirectional boolean NOT NULL,
        iso15118_20 boolean NOT NULL,
        import_ref text,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_evses PRIMARY KEY (id),
        CONSTRAINT uq_evses_charge_point_import_ref UNIQUE (charge_point_id, import_ref),
        CONSTRAINT ck_evses_current_type CHECK (current_type IN ('AC', 'DC')),
        CONSTRAINT ck_evses_phases CHECK (phases IN (1, 2, 3)),
        CONSTRAINT ck_evses_max_power CHECK (max_power_kw > 0),
        CONSTRAINT fk_evses_charge_point FOREIGN KEY (charge_point_id) REFERENCES charge_points (id),
        CONSTRAINT fk_evses_site FOREIGN KEY (site_id) REFERENCES sites (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_evses_site_id ON evses (site_id)`);
  }

  private async createVehicles(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE vehicles (
        id uuid NOT NULL,
        fleet_id uuid NOT NULL,
        pseudonymous_id text NOT NULL,
        battery_kwh numeric(19,6),
        max_ac_charge_kw numeric(14,3),
        max_dc_charge_kw numeric(14,3),
        max_ac_discharge_kw numeric(14,3),
        max_dc_discharge_kw numeric(14,3),
        v2g_capable boolean NOT NULL,
        oem text,
        model text,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_vehicles PRIMARY KEY (id),
        CONSTRAINT uq_vehicles_fleet_pseudonymous_id UNIQUE (fleet_id, pseudonymous_id),
        CONSTRAINT fk_vehicles_fleet FOREIGN KEY (fleet_id) REFERENCES fleets (id)
      )`);
    await queryRunner.query(`
      CREATE TABLE v2g_compliance (
        id uuid NOT NULL,
        evse_id uuid NOT NULL,
        current_type text NOT NULL,
        vehicle_id uuid,
        vehicle_oem text,
        vehicle_model text,
        country text NOT NULL,
        grid_code text NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT pk_v2g_compliance PRIMARY KEY (id),
        CONSTRAINT ck_v2g_compliance_country CHECK (country ~ '^[A-Z]{2}$'),
        CONSTRAINT ck_v2g_compliance_pair CHECK (
          (current_type = 'DC' AND vehicle_id IS NULL AND vehicle_model IS NULL)
          OR (current_type = 'AC' AND (vehicle_id IS NOT NULL OR (vehicle_oem IS NOT NULL AND vehicle_model IS NOT NULL)))),
        CONSTRAINT fk_v2g_compliance_evse FOREIGN KEY (evse_id) REFERENCES evses (id),
        CONSTRAINT fk_v2g_compliance_vehicle FOREIGN KEY (vehicle_id) REFERENCES vehicles (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_v2g_compliance_evse_id ON v2g_compliance (evse_id)`);
  }

  private async createSessions(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid NOT NULL,
        fleet_id uuid NOT NULL,
        vehicle_id uuid,
        evse_id uuid NOT NULL,
        arrival_at timestamptz NOT NULL,
        expected_departure_at timestamptz,
        actual_departure_at timestamptz,
        energy_need_kwh numeric(19,6),
        target_soc_pct numeric(5,2),
        min_soc_pct numeric(5,2),
        energy_delivered_kwh numeric(19,6) NOT NULL,
        max_power_kw numeric(14,3),
        min_power_kw numeric(14,3),
        status text NOT NULL,
        control_channel text,
        can_discharge boolean NOT NULL,
        source text NOT NULL,
        historical boolean NOT NULL,
        unusable_reason text,
        last_seen_at timestamptz NOT NULL,
        external_updated_at timestamptz,
        import_ref text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_sessions PRIMARY KEY (id),
        CONSTRAINT uq_sessions_fleet_import_ref UNIQUE (fleet_id, import_ref),
        CONSTRAINT ck_sessions_status CHECK (status IN ('planned', 'plugged_in', 'charging', 'suspended', 'finished', 'stale')),
        CONSTRAINT ck_sessions_control_channel CHECK (control_channel IS NULL OR control_channel IN ('ocpi', 'ocpp', 'oem')),
        CONSTRAINT ck_sessions_source CHECK (source IN ('import', 'ocpi', 'ocpp', 'oem')),
        CONSTRAINT ck_sessions_soc CHECK ((target_soc_pct IS NULL OR target_soc_pct BETWEEN 0 AND 100) AND (min_soc_pct IS NULL OR min_soc_pct BETWEEN 0 AND 100)),
        CONSTRAINT ck_sessions_energy CHECK (energy_delivered_kwh >= 0 AND (energy_need_kwh IS NULL OR energy_need_kwh >= 0)),
        CONSTRAINT ck_sessions_power CHECK ((max_power_kw IS NULL OR max_power_kw >= 0) AND (min_power_kw IS NULL OR min_power_kw >= 0)),
        CONSTRAINT fk_sessions_fleet FOREIGN KEY (fleet_id) REFERENCES fleets (id),
        CONSTRAINT fk_sessions_vehicle FOREIGN KEY (vehicle_id) REFERENCES vehicles (id),
        CONSTRAINT fk_sessions_evse FOREIGN KEY (evse_id) REFERENCES evses (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_sessions_evse_id ON sessions (evse_id)`);
    await queryRunner.query(`CREATE INDEX ix_sessions_vehicle_id ON sessions (vehicle_id)`);
    await queryRunner.query(`CREATE INDEX ix_sessions_fleet_arrival ON sessions (fleet_id, arrival_at)`);
    await queryRunner.query(`CREATE INDEX ix_sessions_status_last_seen ON sessions (status, last_seen_at)`);
  }

  private async createMappingAndLatency(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE external_ids (
        id uuid NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        country_code text NOT NULL,
        party_id text NOT NULL,
        external_id text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_external_ids PRIMARY KEY (id),
        CONSTRAINT uq_external_ids_party_external_id UNIQUE (entity_type, country_code, party_id, external_id),
        CONSTRAINT ck_external_ids_entity_type CHECK (entity_type IN ('site', 'charge_point', 'evse', 'session', 'vehicle')),
        CONSTRAINT ck_external_ids_party CHECK (country_code ~ '^[A-Z]{2}$' AND party_id ~ '^[A-Za-z0-9._-]{1,64}$')
      )`);
    await queryRunner.query(`CREATE INDEX ix_external_ids_entity ON external_ids (entity_type, entity_id)`);
    await queryRunner.query(`
      CREATE TABLE channel_latency (
        channel text NOT NULL,
        party text NOT NULL,
        sample_count integer NOT NULL,
        mean_ms double precision NOT NULL,
        p95_ms double precision NOT NULL,
        last_ms integer NOT NULL,
        last_measured_at timestamptz NOT NULL,
        CONSTRAINT pk_channel_latency PRIMARY KEY (channel, party),
        CONSTRAINT ck_channel_latency_channel CHECK (channel IN ('ocpi', 'ocpp', 'oem')),
        CONSTRAINT ck_channel_latency_values CHECK (sample_count > 0 AND mean_ms >= 0 AND p95_ms >= 0 AND last_ms >= 0)
      )`);
  }
}
