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
}

export function oemLinkView(link: OemLinkEntity): { id: string; vehicleId: string; oem: string; oemVehicleRef: string; createdAt: string } {
  return { id: link.id, vehicleId: link.vehicleId, oem: link.oem, oemVehicleRef: link.oemVehicleRef, createdAt: link.createdAt.toISOString() };
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
      const link: OemLinkEntity = {
        id: randomUUID(),
        organisationId: scope.organisationId,
        vehicleId: command.vehicleId,
        oem: command.oem,
        accountHash: this.pseudonymiser.pseudonymise('oem-account', command.accountId),
        oemVehicleRef: command.oemVehicleRef,
        createdAt: new Date(),
      };
      const inserted: unknown[] = await manager.query(
        `INSERT INTO oem_links (id, organisation_id, vehicle_id, oem, account_hash, oem_vehicle_ref, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [link.id, link.organisationId, link.vehicleId, link.oem, link.accountHash, link.oemVehicleRef, link.createdAt],
      );
      if (inserted.length === 0) throw new OemError('OEM_LINK_CONFLICT', 'the vehicle is already linked, or the OEM vehicle is linked to another vehicle');
      await this.auditLog.append(manager, auditRecord(scope, { action: 'oem_link.create', entityType: 'oem_link', entityId: link.id, before: null, after: oemLinkView(link) }));
      return link;
    });
  }
}
