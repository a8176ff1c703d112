import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository, auditRecord, TenantScope } from '@vpp/access';
import { auditJson, FleetView } from './fleet-asset.views';
import { loadFleet } from './fleet-assets.queries';

export interface Created<T> {
  readonly view: T;
  /** False when the request repeated an earlier one (same key, same content): nothing was written. */
  readonly created: boolean;
}

/**
 * An operator creates a fleet of its organisation. The name is the idempotency key: creating the
 * same name again answers the existing fleet (a fleet has no other attributes to differ in).
 */
@Injectable()
export class CreateFleetUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  execute(scope: TenantScope, command: { readonly name: string }): Promise<Created<FleetView>> {
    return this.dataSource.transaction(async (manager) => {
      // ON CONFLICT waits for a concurrent twin's commit, so both answer the same fleet.
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO fleets (id, organisation_id, name, created_at) VALUES ($1, $2, $3, now())
         ON CONFLICT ON CONSTRAINT uq_fleets_organisation_name DO NOTHING RETURNING id`,
        [randomUUID(), scope.organisationId, command.name],
      );
      if (inserted.length === 0) {
        const rows: { id: string }[] = await manager.query(`SELECT id FROM fleets WHERE organisation_id = $1 AND name = $2`, [scope.organisationId, command.name]);
        return { view: await loadFleet(manager, scope, rows[0].id), created: false };
      }
      const view = await loadFleet(manager, scope, inserted[0].id);
      await this.auditLog.append(manager, auditRecord(scope, { action: 'fleet.create', entityType: 'fleet', entityId: view.id, before: null, after: auditJson(view) }));
      return { view, created: true };
    });
  }
}
