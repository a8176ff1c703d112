import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogRepository, auditRecord, hashSecret, TenantScope } from '@vpp/access';
import { isUniqueViolation } from '../../../persistence/src/unique-violation';
import { FleetEntity, SiteEntity, UpsertExternalEvseUseCase } from '@vpp/fleet';
import type { PowerKw } from '@vpp/units';
import { OcppError } from '../domain/ocpp.errors';
import { assertStationId } from '../domain/station-id';
import { OcppStationEntity } from '../infrastructure/ocpp-station.entity';
import { ocppParty } from './ocpp-party';

export interface StationEvseInput {
  /** The station's EVSE number (1-based, as in its OCPP messages). */
  readonly evseNumber: number;
  readonly currentType: 'AC' | 'DC';
  readonly phases: 1 | 2 | 3;
  readonly maxPowerKw: PowerKw;
  readonly bidirectional: boolean;
}

export interface RegisterStationInput {
  readonly stationId: string;
  /** The depot or station operator (organisations.id). */
  readonly organisationId: string;
  /** ISO 3166-1 alpha-2 of the site. */
  readonly countryCode: string;
  readonly password: string;
  readonly declaredBidirectional: boolean;
  /** With fleet, site and EVSEs the station's transactions become sessions of that fleet. */
  readonly fleetId?: string | null;
  readonly siteId?: string | null;
  readonly evses?: readonly StationEvseInput[];
  /** The user or API client registering it, for the audit log; absent for seeding and tests. */
  readonly scope?: TenantScope;
}

/** Fleet and site must be the station operator's own; another tenant's ids read as unknown. */
async function assertMappingOwned(manager: EntityManager, input: RegisterStationInput): Promise<void> {
  if (input.fleetId && !(await manager.existsBy(FleetEntity, { id: input.fleetId, organisationId: input.organisationId }))) {
    throw new OcppError('OCPP_MAPPING_NOT_FOUND', `fleet ${input.fleetId} not found`);
  }
  if (input.siteId && !(await manager.existsBy(SiteEntity, { id: input.siteId, organisationId: input.organisationId }))) {
    throw new OcppError('OCPP_MAPPING_NOT_FOUND', `site ${input.siteId} not found`);
  }
}

// BasicAuthPassword is 16..40 characters (2.0.1 Part 2, SecurityCtrlr.BasicAuthPassword / A00).
const PASSWORD = /^[\x21-\x7e]{16,40}$/;

/**
 * An operator registers a depot station with the password it will present (stored as a scrypt
 * hash), and maps its EVSEs into the fleet model as `<station id>/<evse number>`.
 */
@Injectable()
export class RegisterStationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly upsertEvse: UpsertExternalEvseUseCase,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(input: RegisterStationInput): Promise<{ id: string; evseIds: string[] }> {
    assertStationId(input.stationId);
    if (!PASSWORD.test(input.password)) throw new OcppError('OCPP_PASSWORD_INVALID', 'the password must be 16 to 40 printable ASCII characters');
    if (!/^[A-Z]{2}$/.test(input.countryCode)) throw new OcppError('OCPP_PROFILE_INVALID', 'countryCode must be ISO 3166-1 alpha-2');
    const id = randomUUID();
    const passwordHash = await hashSecret(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.getRepository(OcppStationEntity).insert({
          id,
          stationId: input.stationId,
          organisationId: input.organisationId,
          countryCode: input.countryCode,
          fleetId: input.fleetId ?? null,
          siteId: input.siteId ?? null,
          passwordHash,
          declaredBidirectional: input.declaredBidirectional,
          createdAt: new Date(),
        });
        await assertMappingOwned(manager, input);
        const evseIds: string[] = [];
        for (const evse of input.siteId ? (input.evses ?? []) : []) {
          const mapped = await this.upsertEvse.execute(manager, {
            party: ocppParty(input),
            siteId: input.siteId as string,
            externalChargePointId: input.stationId,
            chargePoint: { protocol: 'ocpp', ocppVersion: null, vendor: null, model: null },
            externalEvseId: `${input.stationId}/${evse.evseNumber}`,
            currentType: evse.currentType,
            phases: evse.phases,
            maxPowerKw: evse.maxPowerKw,
            bidirectional: evse.bidirectional,
            iso15118_20: evse.bidirectional,
          });
          evseIds.push(mapped.evseId);
        }
        if (input.scope) {
          const after = { stationId: input.stationId, countryCode: input.countryCode, fleetId: input.fleetId ?? null, siteId: input.siteId ?? null, declaredBidirectional: input.declaredBidirectional, evseIds };
          await this.auditLog.append(manager, auditRecord(input.scope, { action: 'ocpp_station.register', entityType: 'ocpp_station', entityId: id, before: null, after }, input.organisationId));
        }
        return { id, evseIds };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_ocpp_stations_station_id')) {
        throw new OcppError('OCPP_STATION_EXISTS', `station ${input.stationId} is already registered`);
      }
      throw error;
    }
  }
}
