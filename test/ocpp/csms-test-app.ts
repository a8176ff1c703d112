import { randomUUID } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { OrganisationEntity } from '@vpp/access';
import { loadConfig } from '@vpp/config';
import { EnsureFleetUseCase, UpsertExternalLocationUseCase } from '@vpp/fleet';
import { ClearChargingProfileUseCase, OcppModule, RegisterStationUseCase, SendChargingCommandUseCase } from '@vpp/ocpp';
import { databaseModules, startHttpTestApp } from '@vpp/testing';
import { PowerKw } from '@vpp/units';

export interface CsmsTestApp {
  readonly app: NestFastifyApplication;
  /** `ws://127.0.0.1:<port>/ocpp`, the connector's own HTTP port. */
  readonly ocppEndpoint: string;
  readonly dataSource: DataSource;
  readonly register: RegisterStationUseCase;
  readonly send: SendChargingCommandUseCase;
  readonly clear: ClearChargingProfileUseCase;
  close(): Promise<void>;
}

/** The OCPP module behind the production HTTP setup (Fastify), on 127.0.0.1 and a random port. */
export async function startCsmsTestApp(overrides: Record<string, string> = {}): Promise<CsmsTestApp> {
  const config = loadConfig(overrides);
  const app = await startHttpTestApp([...databaseModules(4), OcppModule], { appName: 'ocpp-test', config });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    app,
    ocppEndpoint: `ws://127.0.0.1:${address.port}/ocpp`,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    register: app.get(RegisterStationUseCase),
    send: app.get(SendChargingCommandUseCase),
    clear: app.get(ClearChargingProfileUseCase),
    close: () => app.close(),
  };
}

export interface Depot {
  readonly organisationId: string;
  readonly fleetId: string;
  readonly siteId: string;
}

/** A depot owner with a fleet and a depot site in the fleet model, unique per call. */
export async function seedDepot(sut: CsmsTestApp): Promise<Depot> {
  const organisationId = randomUUID();
  await sut.dataSource.getRepository(OrganisationEntity).insert({ id: organisationId, name: `depot ${organisationId.slice(0, 8)}`, kind: 'fleet_owner', country: 'NL', createdAt: new Date() });
  return sut.dataSource.transaction(async (manager) => {
    const fleetId = await sut.app.get(EnsureFleetUseCase).execute(manager, { organisationId, name: 'depot fleet' });
    const { siteId } = await sut.app.get(UpsertExternalLocationUseCase).execute(manager, {
      party: { countryCode: 'NL', partyId: organisationId },
      externalLocationId: `depot-${organisationId}`,
      organisationId,
      fleetId,
      name: 'bus depot',
      country: 'NL',
      innovationCluster: 'depot',
      timezone: 'Europe/Amsterdam',
    });
    return { organisationId, fleetId, siteId };
  });
}

/** Registers a station of the depot with one DC EVSE (number 1) mapped into the fleet model. */
export async function registerStation(sut: CsmsTestApp, depot: Depot, options: { bidirectional: boolean; password?: string }): Promise<{ stationId: string; password: string }> {
  const stationId = `CP-${randomUUID().slice(0, 8)}`;
  const password = options.password ?? `pw-${randomUUID()}`.slice(0, 40);
  await sut.register.execute({
    stationId,
    organisationId: depot.organisationId,
    countryCode: 'NL',
    password,
    declaredBidirectional: options.bidirectional,
    fleetId: depot.fleetId,
    siteId: depot.siteId,
    evses: [{ evseNumber: 1, currentType: 'DC', phases: 3, maxPowerKw: PowerKw.of(11), bidirectional: options.bidirectional }],
  });
  return { stationId, password };
}

export function minutesAgo(minutes: number): Date {
  return new Date(Date.now() - minutes * 60_000);
}
