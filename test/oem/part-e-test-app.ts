import { DynamicModule, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AccessModule } from '@vpp/access';
import { APP_CONFIG, AppConfig, ConfigModule, loadConfig } from '@vpp/config';
import { EnsureFleetUseCase, UpsertExternalEvseUseCase, UpsertExternalLocationUseCase, UpsertExternalSessionUseCase, UpsertVehicleUseCase } from '@vpp/fleet';
import { EnergyKwh, parseDecimal, PowerKw } from '@vpp/units';
import { createHttpApp } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';

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
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule,
      TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => dataSourceOptions(c, { poolSize: 4 }) }),
      AccessModule,
      ...modules,
    ],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  const app = await createHttpApp(moduleRef, { appName: 'part-e-test', config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return { app, baseUrl: `http://127.0.0.1:${address.port}`, dataSource: app.get<DataSource>(getDataSourceToken()), config, close: () => app.close() };
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

/** Waits for a condition the system reaches asynchronously (a webhook arriving); fails after `timeoutMs`, asserts nothing about speed. */
export async function eventually<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
