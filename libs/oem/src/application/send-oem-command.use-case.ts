import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository, auditRecord, notFound, TenantScope } from '@vpp/access';
import type { OemCommand } from '../domain/oem-command';
import { OemError } from '../domain/oem.errors';
import { OemCommandEntity } from '../infrastructure/oem-command.entity';
import { OemLinkEntity } from '../infrastructure/oem-link.entity';
import { OemClouds } from './oem-clouds';

export function oemCommandView(command: OemCommandEntity): Record<string, string | number | null> {
  return {
    id: command.id,
    oemLinkId: command.oemLinkId,
    commandType: command.commandType,
    chargeLimitKw: command.chargeLimitKw?.toFixed() ?? null,
    targetSocPct: command.targetSocPct?.toFixed() ?? null,
    status: command.status,
    sentAt: command.sentAt.toISOString(),
    acceptedAt: command.acceptedAt?.toISOString() ?? null,
    appliedAt: command.appliedAt?.toISOString() ?? null,
    latencyMs: command.latencyMs,
    failureCode: command.failureCode,
  };
}

/**
 * Sends start/stop/charge limit/target SoC to a vehicle's OEM. The command row (our request id)
 * commits before the call, so a crash mid-call leaves a `sending` row to reconcile, never a
 * command we cannot account for. The effect arrives later by webhook (command.result).
 */
@Injectable()
export class SendOemCommandUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clouds: OemClouds,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(scope: TenantScope, vehicleId: string, command: OemCommand): Promise<OemCommandEntity> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      const link = await manager.findOne(OemLinkEntity, { where: { vehicleId, organisationId: scope.organisationId } });
      if (!link) throw notFound('vehicle');
      const row = newCommandRow(link, command);
      await manager.insert(OemCommandEntity, row);
      await this.auditLog.append(manager, auditRecord(scope, { action: 'oem_command.send', entityType: 'oem_command', entityId: row.id, before: null, after: oemCommandView(row) }));
      return { row, link };
    });
    return this.deliver(recorded.row, recorded.link, command);
  }

  /**
   * The dispatcher's path (a system actor, not a tenant's user): the vehicle's link whatever its
   * tenant, no audit entry (the dispatch_commands row that asked for it is the record). Null when
   * the vehicle has no OEM link.
   */
  async executeForDispatch(vehicleId: string, command: OemCommand): Promise<OemCommandEntity | null> {
    const link = await this.dataSource.getRepository(OemLinkEntity).findOneBy({ vehicleId });
    if (!link) return null;
    const row = newCommandRow(link, command);
    await this.dataSource.getRepository(OemCommandEntity).insert(row);
    return this.deliver(row, link, command);
  }

  /** The last command sent to the vehicle's OEM link (any path), or null. */
  async lastCommandType(vehicleId: string): Promise<OemCommand['type'] | null> {
    const rows: Array<{ command_type: OemCommand['type'] }> = await this.dataSource.query(
      `SELECT c.command_type FROM oem_commands c JOIN oem_links l ON l.id = c.oem_link_id WHERE l.vehicle_id = $1 AND c.status <> 'failed' ORDER BY c.sent_at DESC LIMIT 1`,
      [vehicleId],
    );
    return rows[0]?.command_type ?? null;
  }

  private async deliver(row: OemCommandEntity, link: OemLinkEntity, command: OemCommand): Promise<OemCommandEntity> {
    try {
      const receipt = await this.clouds.client(link.oem).sendCommand(link.oemVehicleRef, row.id, command);
      // Conditional: a fast result webhook may already have marked it applied.
      await this.dataSource.getRepository(OemCommandEntity).update({ id: row.id, status: 'sending' }, { status: 'accepted', oemCommandId: receipt.oemCommandId, acceptedAt: receipt.acceptedAt });
    } catch (error) {
      const code = error instanceof OemError ? error.code : 'OEM_UNAVAILABLE';
      await this.dataSource.getRepository(OemCommandEntity).update({ id: row.id, status: 'sending' }, { status: 'failed', failureCode: code });
      throw error;
    }
    return this.dataSource.getRepository(OemCommandEntity).findOneByOrFail({ id: row.id });
  }
}

function newCommandRow(link: OemLinkEntity, command: OemCommand): OemCommandEntity {
  return {
    id: randomUUID(),
    oemLinkId: link.id,
    commandType: command.type,
    chargeLimitKw: command.type === 'charge-limit' ? command.limit.value : null,
    targetSocPct: command.type === 'target-soc' ? command.socPct : null,
    status: 'sending',
    oemCommandId: null,
    sentAt: new Date(),
    acceptedAt: null,
    appliedAt: null,
    latencyMs: null,
    failureCode: null,
  };
}
