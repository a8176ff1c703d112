import { DynamicModule, Type } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AccessModule } from '@vpp/access';
import { AppConfig, loadConfig } from '@vpp/config';
import { EnsureFleetUseCase, UpsertExternalEvseUseCase, UpsertExternalLocationUseCase, UpsertExternalSessionUseCase, UpsertVehicleUseCase } from '@vpp/fleet';
import { baseUrlOf, databaseModules, startHttpTestApp } from '@vpp/testing';
import { EnergyKwh, parseDecimal, PowerKw } from '@vpp/units';

export interface PartETestApp {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly dataSource: DataSource;
  readonly config: AppConfig;
  close(): Promise<void>;
}

/** The given modules behind the production HTTP setup (access guard, problem+json), on 127.0.0.1. */
export async function startPartETestApp(modules: (Type<unknown> | DynamicModule)[], overrides: Record<string, string> = {}): Promise<PartETestApp> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...overrides });
  const app = await startHttpTestApp([...databaseModules(4), AccessModule, ...modules], { appName: 'part-e-test', config });
  return { app, baseUrl: baseUrlOf(app), dataSource: app.get<DataSource>(getDataSourceToken()), config, close: () => app.close() };
}

/** A fleet with one vehicle of the organisation, through the fleet context's own use cases. */
export async function seedVehicle(dataSource: DataSource, organisationId: string, pseudonymousId: string): Promise<{ fleetId: string; vehicleId: string }> {
  return dataSource.transaction(async (manager) => {
    const fleetId = await new EnsureFleetUseCase().execute(manager, { organisationId, name: `part-e fleet ${pseudonymousId}` });
    const vehicleId = await new UpsertVehicleUseCase().execute(manager, { fleetId, pseudonymousId, oem: 'sim', model: 'acn' });
    return { fleetId, vehicleId };
  });
}

/** A live OCPI-reported session of the organisation (site, EVSE, vehicle), through the fleet context's use cases. */
export async function seedSession(
  dataSource: DataSource,
  organisationId: string,
  tag: string,
  reported: { arrivalAt: Date; expectedDepartureAt: Date; energyNeedKwh: string },
): Promise<{ sessionId: string; vehicleId: string }> {
  const { fleetId, vehicleId } = await seedVehicle(dataSource, organisationId, `veh-${tag}`);
  return dataSource.transaction(async (manager) => {
    const party = { countryCode: 'NL', partyId: `E${tag}`.slice(0, 60) };
    const { siteId } = await new UpsertExternalLocationUseCase().execute(manager, {
      party, externalLocationId: `loc-${tag}`, organisationId, fleetId, name: `site ${tag}`, country: 'NL', innovationCluster: 'workplace', timezone: 'Europe/Amsterdam',
    });
    const { evseId } = await new UpsertExternalEvseUseCase().execute(manager, {
      party, siteId, externalChargePointId: `cp-${tag}`, chargePoint: { protocol: 'ocpi', ocppVersion: null, vendor: 'sim', model: 'sim' },
      externalEvseId: `evse-${tag}`, currentType: 'AC', phases: 3, maxPowerKw: PowerKw.of(parseDecimal('11')), bidirectional: false, iso15118_20: false,
    });
    const { sessionId } = await new UpsertExternalSessionUseCase().execute(manager, {
      party, externalSessionId: `sess-${tag}`, source: 'ocpi', lastUpdated: reported.arrivalAt,
      fields: { fleetId, evseId, vehicleId, arrivalAt: reported.arrivalAt, expectedDepartureAt: reported.expectedDepartureAt, energyNeedKwh: EnergyKwh.of(parseDecimal(reported.energyNeedKwh)) },
    });
    return { sessionId, vehicleId };
  });
}
