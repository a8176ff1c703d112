import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogRepository, auditRecord, TenantScope } from '@vpp/access';
import type { PowerKw } from '@vpp/units';
import type { InnovationCluster } from '../domain/fleet-vocabulary';
import { SiteEntity } from '../infrastructure/persistence/site.entity';
import type { Created } from './create-fleet.use-case';
import { FleetAssetError } from './fleet-asset.errors';
import { API_REFERENCE_PREFIX, auditJson, sameContent, SiteView } from './fleet-asset.views';
import { loadFleet, loadSite } from './fleet-assets.queries';
import { assertSiteLimitsNest } from './limit-nesting';
import { violatedUniqueConstraint } from '../../../persistence/src/unique-violation';
import { transactionRetryingTwin } from './unique-retry';
import { upsertGridConnection } from './upsert-external-location.use-case';

export interface CreateSiteCommand {
  readonly fleetId: string;
  readonly name: string;
  /** The operator's own id for the site: the idempotency key of the request, unique per organisation. */
  readonly reference?: string;
  readonly country: string;
  readonly innovationCluster: InnovationCluster;
  readonly timezone: string;
  readonly gridConnection?: {
    readonly ean: string;
    readonly importLimitKw: PowerKw;
    readonly exportLimitKw: PowerKw;
    readonly fuseLimitKw: PowerKw | null;
    readonly dso: string;
    readonly congestionArea: string | null;
  };
}

/** What the request asks for, in the shape of the view, to compare a retry with what is stored. */
function requested(command: CreateSiteCommand): Omit<SiteView, 'id' | 'createdAt'> {
  const g = command.gridConnection;
  return {
    fleetId: command.fleetId, name: command.name, reference: command.reference ?? null, country: command.country, innovationCluster: command.innovationCluster,
    timezone: command.timezone,
    gridConnection: g === undefined ? null : {
      ean: g.ean, importLimitKw: g.importLimitKw.toString(), exportLimitKw: g.exportLimitKw.toString(), fuseLimitKw: g.fuseLimitKw?.toString() ?? null,
      dso: g.dso, congestionArea: g.congestionArea,
    },
  };
}

function sameSite(stored: SiteView, wanted: Omit<SiteView, 'id' | 'createdAt'>): boolean {
  const { id: _id, createdAt: _createdAt, ...rest } = stored;
  return sameContent(rest, wanted);
}

/**
 * Creates a site of a fleet with its grid connection (EAN with check digit, limits nested fuse ->
 * site). With a `reference`, a retry of the same request answers the same site; the same
 * reference with other content is refused. Site, connection and audit entry commit together.
 */
@Injectable()
export class CreateSiteUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(scope: TenantScope, command: CreateSiteCommand): Promise<Created<SiteView>> {
    if (command.gridConnection) assertSiteLimitsNest(command.gridConnection);
    try {
      return await transactionRetryingTwin(this.dataSource, ['uq_sites_organisation_import_ref'], (manager) => this.create(manager, scope, command));
    } catch (error) {
      if (violatedUniqueConstraint(error) === 'uq_grid_connections_ean') throw new FleetAssetError('EAN_TAKEN', `EAN ${command.gridConnection?.ean ?? ''} belongs to another site`);
      throw error;
    }
  }

  private async create(manager: EntityManager, scope: TenantScope, command: CreateSiteCommand): Promise<Created<SiteView>> {
    await loadFleet(manager, scope, command.fleetId, true);
    const importRef = command.reference === undefined ? null : `${API_REFERENCE_PREFIX}${command.reference}`;
    if (importRef !== null) {
      const existing: { id: string }[] = await manager.query(`SELECT id FROM sites WHERE organisation_id = $1 AND import_ref = $2`, [scope.organisationId, importRef]);
      if (existing.length === 1) {
        const stored = await loadSite(manager, scope, existing[0].id);
        if (!sameSite(stored, requested(command))) throw new FleetAssetError('IDEMPOTENCY_CONFLICT', `site reference ${JSON.stringify(command.reference)} is used by a site with other values`);
        return { view: stored, created: false };
      }
    }
    const siteId = randomUUID();
    await manager.insert(SiteEntity, {
      id: siteId, organisationId: scope.organisationId, fleetId: command.fleetId, name: command.name, country: command.country,
      innovationCluster: command.innovationCluster, timezone: command.timezone, importRef, createdAt: new Date(),
    });
    if (command.gridConnection) await upsertGridConnection(manager, siteId, command.gridConnection);
    const view = await loadSite(manager, scope, siteId);
    await this.auditLog.append(manager, auditRecord(scope, { action: 'site.create', entityType: 'site', entityId: siteId, before: null, after: auditJson(view) }));
    return { view, created: true };
  }
}
