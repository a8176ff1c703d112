import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogRepository, auditRecord, notFound, TenantScope } from '@vpp/access';
import { PowerKw, parseDecimal } from '@vpp/units';
import type { CurrentType, ExternalParty, OcppVersion } from '../domain/fleet-vocabulary';
import { ChargePointEntity } from '../infrastructure/persistence/charge-point.entity';
import { EvseEntity } from '../infrastructure/persistence/evse.entity';
import type { Created } from './create-fleet.use-case';
import { resolveExternalId } from './external-ids';
import { FleetAssetError } from './fleet-asset.errors';
import { API_REFERENCE_PREFIX, auditJson, ChargePointView, sameContent } from './fleet-asset.views';
import { loadChargePoint } from './fleet-assets.queries';
import { assertEvsesNest, ConnectionLimits } from './limit-nesting';
import { hashStationPassword, insertOcppStation, registeredStation, stationPasswordMatches } from './ocpp-station-credentials';
import { violatedUniqueConstraint } from '../../../persistence/src/unique-violation';
import { transactionRetryingTwin } from './unique-retry';
import { UpsertExternalEvseUseCase } from './upsert-external-evse.use-case';

export interface EvseSpecInput {
  /** 1-based number within the charge point; an OCPP station's own EVSE id. */
  readonly evseNumber: number;
  readonly currentType: CurrentType;
  readonly phases: 1 | 2 | 3;
  readonly maxPowerKw: PowerKw;
  readonly bidirectional: boolean;
  readonly iso15118_20: boolean;
}

export type CreateChargePointCommand = {
  readonly siteId: string;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly evses: readonly EvseSpecInput[];
} & (
  /** A depot station we steer directly: identity and basic-auth password (security profile 1/2). */
  | { readonly protocol: 'ocpp'; readonly ocppVersion: OcppVersion; readonly stationId: string; readonly password: string }
  /** Hardware we know of but do not steer (history, planning); `reference` is the idempotency key. */
  | { readonly protocol: 'none'; readonly reference: string }
);

interface SiteRow {
  organisation_id: string; fleet_id: string | null; country: string; import_limit_kw: string | null; export_limit_kw: string | null; fuse_limit_kw: string | null;
}

const kw = (text: string): PowerKw => PowerKw.of(parseDecimal(text));

function requestedView(command: CreateChargePointCommand): Omit<ChargePointView, 'id' | 'createdAt' | 'evses'> & { evses: unknown[] } {
  return {
    siteId: command.siteId, protocol: command.protocol, ocppVersion: command.protocol === 'ocpp' ? command.ocppVersion : null,
    stationId: command.protocol === 'ocpp' ? command.stationId : null, reference: command.protocol === 'none' ? command.reference : null,
    vendor: command.vendor, model: command.model,
    evses: [...command.evses].sort((a, b) => a.evseNumber - b.evseNumber).map((e) => ({
      evseNumber: e.evseNumber, currentType: e.currentType, phases: e.phases, maxPowerKw: e.maxPowerKw.toString(), bidirectional: e.bidirectional, iso15118_20: e.iso15118_20,
    })),
  };
}

function storedContent(view: ChargePointView): unknown {
  const { id: _id, createdAt: _createdAt, evses, ...rest } = view;
  return { ...rest, evses: [...evses].sort((a, b) => (a.evseNumber ?? 0) - (b.evseNumber ?? 0)).map(({ id: _evseId, ...evse }) => evse) };
}

/**
 * Adds a charge point with its EVSEs to a site. Every EVSE must fit the site's connection
 * (EVSE <= site <= fuse). An OCPP station is mapped as the CSMS expects (`<station id>` and
 * `<station id>/<evse number>` under the operator's party) and its password is stored only as a
 * scrypt hash, so the station can connect as soon as this commits. Idempotent per station id
 * (OCPP) or reference: a retry with the same content (and password) answers the same charge point.
 */
@Injectable()
export class CreateChargePointUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly upsertEvse: UpsertExternalEvseUseCase,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(scope: TenantScope, command: CreateChargePointCommand): Promise<Created<ChargePointView>> {
    const passwordHash = command.protocol === 'ocpp' ? await hashStationPassword(command.password) : null;
    const twins = ['uq_charge_points_site_import_ref', 'uq_ocpp_stations_station_id', 'uq_external_ids_party_external_id'];
    try {
      return await transactionRetryingTwin(this.dataSource, twins, (manager) => this.create(manager, scope, command, passwordHash));
    } catch (error) {
      if (command.protocol === 'ocpp' && violatedUniqueConstraint(error) === 'uq_ocpp_stations_station_id') throw stationTaken(command.stationId);
      throw error;
    }
  }

  private async create(manager: EntityManager, scope: TenantScope, command: CreateChargePointCommand, passwordHash: string | null): Promise<Created<ChargePointView>> {
    // Locks the connection's limits against a concurrent change (UpdateSiteLimitsUseCase takes FOR UPDATE).
    const sites: SiteRow[] = await manager.query(
      `SELECT s.organisation_id, s.fleet_id, s.country, g.import_limit_kw::text, g.export_limit_kw::text, g.fuse_limit_kw::text
         FROM sites s LEFT JOIN grid_connections g ON g.site_id = s.id WHERE s.id = $1 AND s.organisation_id = $2 FOR SHARE OF s`,
      [command.siteId, scope.organisationId],
    );
    const site = sites[0];
    if (site === undefined) throw notFound('site');
    await manager.query(`SELECT 1 FROM grid_connections WHERE site_id = $1 FOR SHARE`, [command.siteId]);
    const party: ExternalParty = { countryCode: site.country, partyId: scope.organisationId };

    const existingId = await this.existing(manager, command, party);
    if (existingId !== null) return this.retried(manager, scope, command, existingId);

    const limits: ConnectionLimits | null = site.import_limit_kw === null
      ? null
      : { importLimitKw: kw(site.import_limit_kw), exportLimitKw: kw(site.export_limit_kw ?? '0'), fuseLimitKw: site.fuse_limit_kw === null ? null : kw(site.fuse_limit_kw) };
    assertEvsesNest(command.evses.map((evse) => ({ label: `EVSE ${evse.evseNumber}`, maxPowerKw: evse.maxPowerKw })), limits);

    const chargePointId = command.protocol === 'ocpp'
      ? await this.createStation(manager, scope, command, party, site, passwordHash ?? '')
      : await this.createUnsteered(manager, command);
    const view = await loadChargePoint(manager, scope, chargePointId);
    await this.auditLog.append(manager, auditRecord(scope, { action: 'charge_point.create', entityType: 'charge_point', entityId: chargePointId, before: null, after: auditJson(view) }));
    return { view, created: true };
  }

  private async existing(manager: EntityManager, command: CreateChargePointCommand, party: ExternalParty): Promise<string | null> {
    if (command.protocol === 'none') {
      const rows: { id: string }[] = await manager.query(`SELECT id FROM charge_points WHERE site_id = $1 AND import_ref = $2`, [command.siteId, `${API_REFERENCE_PREFIX}${command.reference}`]);
      return rows[0]?.id ?? null;
    }
    const mapped = await resolveExternalId(manager, 'charge_point', party, command.stationId);
    if (mapped !== null) return mapped;
    if ((await registeredStation(manager, command.stationId)) !== null) throw stationTaken(command.stationId);
    return null;
  }

  private async retried(manager: EntityManager, scope: TenantScope, command: CreateChargePointCommand, chargePointId: string): Promise<Created<ChargePointView>> {
    const stored = await loadChargePoint(manager, scope, chargePointId);
    let same = sameContent(storedContent(stored), requestedView(command));
    if (same && command.protocol === 'ocpp') {
      const station = await registeredStation(manager, command.stationId);
      same = station !== null && station.siteId === command.siteId && (await stationPasswordMatches(command.password, station.passwordHash));
    }
    if (!same) throw new FleetAssetError('IDEMPOTENCY_CONFLICT', `charge point ${command.protocol === 'ocpp' ? command.stationId : command.reference} exists with other values`);
    return { view: stored, created: false };
  }

  private async createStation(
    manager: EntityManager, scope: TenantScope, command: CreateChargePointCommand & { protocol: 'ocpp' }, party: ExternalParty, site: SiteRow, passwordHash: string,
  ): Promise<string> {
    let chargePointId = '';
    for (const evse of command.evses) {
      const mapped = await this.upsertEvse.execute(manager, {
        party, siteId: command.siteId, externalChargePointId: command.stationId,
        chargePoint: { protocol: 'ocpp', ocppVersion: command.ocppVersion, vendor: command.vendor, model: command.model },
        externalEvseId: `${command.stationId}/${evse.evseNumber}`,
        currentType: evse.currentType, phases: evse.phases, maxPowerKw: evse.maxPowerKw, bidirectional: evse.bidirectional, iso15118_20: evse.iso15118_20,
      });
      chargePointId = mapped.chargePointId;
    }
    await insertOcppStation(manager, {
      stationId: command.stationId, organisationId: scope.organisationId, countryCode: site.country, fleetId: site.fleet_id, siteId: command.siteId,
      passwordHash, declaredBidirectional: command.evses.some((evse) => evse.bidirectional),
    });
    return chargePointId;
  }

  private async createUnsteered(manager: EntityManager, command: CreateChargePointCommand & { protocol: 'none' }): Promise<string> {
    const chargePointId = randomUUID();
    const now = new Date();
    await manager.insert(ChargePointEntity, {
      id: chargePointId, siteId: command.siteId, protocol: 'none', ocppVersion: null, vendor: command.vendor, model: command.model,
      importRef: `${API_REFERENCE_PREFIX}${command.reference}`, createdAt: now,
    });
    for (const evse of command.evses) {
      await manager.insert(EvseEntity, {
        id: randomUUID(), chargePointId, siteId: command.siteId, currentType: evse.currentType, phases: evse.phases, maxPowerKw: evse.maxPowerKw.value,
        bidirectional: evse.bidirectional, iso15118_20: evse.iso15118_20, importRef: `${API_REFERENCE_PREFIX}${evse.evseNumber}`, createdAt: now,
      });
    }
    return chargePointId;
  }
}

function stationTaken(stationId: string): FleetAssetError {
  return new FleetAssetError('STATION_ID_TAKEN', `OCPP station id ${stationId} is registered already`);
}
