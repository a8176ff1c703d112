import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository, auditRecord, notFound, TenantScope } from '@vpp/access';
import { Pseudonymiser } from '@vpp/privacy';
import { OemError } from '../domain/oem.errors';
import { OemLinkEntity } from '../infrastructure/oem-link.entity';
import { OemClouds } from './oem-clouds';

export interface LinkOemAccountCommand {
  readonly vehicleId: string;
  readonly oem: string;
  /** The raw OEM account id: hashed here, never stored. */
  readonly accountId: string;
  readonly oemVehicleRef: string;
  /** The tenant's EVSE the car charges at (home or depot charger): plugged-in states open `oem` sessions there. */
  readonly evseId?: string | null;
}

export function oemLinkView(link: OemLinkEntity): { id: string; vehicleId: string; oem: string; oemVehicleRef: string; evseId: string | null; createdAt: string } {
  return { id: link.id, vehicleId: link.vehicleId, oem: link.oem, oemVehicleRef: link.oemVehicleRef, evseId: link.evseId, createdAt: link.createdAt.toISOString() };
}

/** Links one of the tenant's vehicles to its OEM account; audited; the account id is stored only as a keyed hash. */
@Injectable()
export class LinkOemAccountUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clouds: OemClouds,
    private readonly pseudonymiser: Pseudonymiser,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(scope: TenantScope, command: LinkOemAccountCommand): Promise<OemLinkEntity> {
    this.clouds.config(command.oem);
    return this.dataSource.transaction(async (manager) => {
      const owned: unknown[] = await manager.query(
        `SELECT 1 FROM vehicles v JOIN fleets f ON f.id = v.fleet_id WHERE v.id = $1 AND f.organisation_id = $2 FOR SHARE OF v`,
        [command.vehicleId, scope.organisationId],
      );
      if (owned.length === 0) throw notFound('vehicle');
      const evseId = command.evseId ?? null;
      if (evseId !== null) {
        const evse: unknown[] = await manager.query(`SELECT 1 FROM evses e JOIN sites s ON s.id = e.site_id WHERE e.id = $1 AND s.organisation_id = $2`, [evseId, scope.organisationId]);
        if (evse.length === 0) throw notFound('evse');
      }
      const link: OemLinkEntity = {
        id: randomUUID(),
        organisationId: scope.organisationId,
        vehicleId: command.vehicleId,
        oem: command.oem,
        accountHash: this.pseudonymiser.pseudonymise('oem-account', command.accountId),
        oemVehicleRef: command.oemVehicleRef,
        evseId,
        createdAt: new Date(),
      };
      const inserted: unknown[] = await manager.query(
        `INSERT INTO oem_links (id, organisation_id, vehicle_id, oem, account_hash, oem_vehicle_ref, evse_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [link.id, link.organisationId, link.vehicleId, link.oem, link.accountHash, link.oemVehicleRef, link.evseId, link.createdAt],
      );
      if (inserted.length === 0) throw new OemError('OEM_LINK_CONFLICT', 'the vehicle is already linked, or the OEM vehicle is linked to another vehicle');
      await this.auditLog.append(manager, auditRecord(scope, { action: 'oem_link.create', entityType: 'oem_link', entityId: link.id, before: null, after: oemLinkView(link) }));
      return link;
    });
  }
}
