import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AccessModule } from '@vpp/access';
import { loadConfig } from '@vpp/config';
import { EnsureFleetUseCase, FleetJobsModule, UpsertExternalEvseUseCase, UpsertExternalLocationUseCase, withEanCheckDigit } from '@vpp/fleet';
import { OcpiConnectorModule } from '@vpp/ocpi';
import { OcppModule } from '@vpp/ocpp';
import { QueuesModule } from '@vpp/queues';
import { baseUrlOf, databaseModules, freshDatabase, startHttpTestApp } from '@vpp/testing';
import { DeliveryDay, PowerKw } from '@vpp/units';
import { CongestionApiModule, CongestionJobsModule } from '../src';

export interface CongestionTestApp {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * The DSO API and the connector's UFTP sender in one process (the connector owns the queue), on
 * a database of its own: the app runs an outbox relay and workers.
 */
export async function startCongestionTestApp(
  databaseSuffix: string,
  overrides: Record<string, string> = {},
  configure: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<CongestionTestApp> {
  Logger.overrideLogger(false);
  const databaseUrl = await freshDatabase(`vpp_test_${databaseSuffix}`);
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `{vpp-uftp-${randomBytes(4).toString('hex')}}`,
    OUTBOX_POLL_INTERVAL_MS: '50',
    LOG_LEVEL: 'silent',
    FLEET_STALE_CHECK_INTERVAL_SECONDS: '0',
    OCPI_PULL_INTERVAL_SECONDS: '0',
    UFTP_AGR_DOMAIN: 'agr.vpp-test.example',
    UFTP_RETRY_BASE_MS: '100',
    ...overrides,
  });
  const app = await startHttpTestApp(
    [...databaseModules(6), QueuesModule.forRoot({ app: 'connector' }), FleetJobsModule, OcpiConnectorModule, OcppModule, AccessModule, CongestionApiModule, CongestionJobsModule],
    { appName: 'uftp-test', config, configure },
  );
  const dataSource = app.get<DataSource>(getDataSourceToken());
  return { app, baseUrl: baseUrlOf(app), dataSource, close: () => app.close() };
}

/**
 * A depot behind grid connection `ean` with `count` EVSEs of 11 kW, each with a planned session
 * plugged in from ISP `fromIsp` to the end of ISP `toIsp` of `day`, needing `needKwh`.
 */
export async function aDepotWithSessions(
  dataSource: DataSource,
  organisationId: string,
  day: DeliveryDay,
  options: { count: number; fromIsp: number; toIsp: number; needKwh: string },
): Promise<{ ean: string }> {
  const ean = withEanCheckDigit(`871${Array.from({ length: 14 }, () => Math.floor(Math.random() * 10)).join('')}`);
  const party = { countryCode: 'NL', partyId: `U${randomUUID().replace(/-/g, '').slice(0, 12)}` };
  await dataSource.transaction(async (manager) => {
    const fleetId = await new EnsureFleetUseCase().execute(manager, { organisationId, name: 'uftp depot fleet' });
    const { siteId } = await new UpsertExternalLocationUseCase().execute(manager, {
      party,
      externalLocationId: 'DEPOT',
      organisationId,
      fleetId,
      name: 'Depot',
      country: 'NL',
      innovationCluster: 'depot',
      timezone: 'Europe/Amsterdam',
      gridConnection: { ean, importLimitKw: PowerKw.fromString('400'), exportLimitKw: PowerKw.fromString('0'), fuseLimitKw: null, dso: 'Stedin', congestionArea: null },
    });
    for (let i = 0; i < options.count; i += 1) {
      const { evseId } = await new UpsertExternalEvseUseCase().execute(manager, {
        party,
        siteId,
        externalChargePointId: `CP-${i}`,
        chargePoint: { protocol: 'ocpp', ocppVersion: '2.1', vendor: null, model: null },
        externalEvseId: `EVSE-${i}`,
        currentType: 'AC',
        phases: 3,
        maxPowerKw: PowerKw.fromString('11'),
        bidirectional: false,
        iso15118_20: false,
      });
      await manager.query(
        `INSERT INTO sessions (id, fleet_id, evse_id, arrival_at, expected_departure_at, energy_need_kwh, energy_delivered_kwh, max_power_kw,
                               status, control_channel, can_discharge, source, historical, last_seen_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 0, 11, 'planned', 'ocpp', false, 'ocpp', false, now(), now(), now())`,
        [randomUUID(), fleetId, evseId, day.ispAt(options.fromIsp).start, day.ispAt(options.toIsp).end, options.needKwh],
      );
    }
  });
  return { ean };
}

export { eventually } from '@vpp/testing';
