import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OcpiChargingProfileCommandEntity } from '../infrastructure/ocpi-charging-profile-command.entity';

/**
 * Marks a command `timed_out` when its async result has not arrived by its deadline (OCPI has no
 * retries, so the timeout is the only way to notice a lost callback). Conditional, so it is a
 * no-op for a command that was confirmed, rejected or failed in the meantime.
 */
@Injectable()
export class ExpireChargingProfileUseCase {
  async execute(manager: EntityManager, commandId: string, now: Date = new Date()): Promise<boolean> {
    const update = await manager
      .createQueryBuilder()
      .update(OcpiChargingProfileCommandEntity)
      .set({ status: 'timed_out' })
      .where(`id = :commandId AND status IN ('sent', 'accepted') AND deadline_at <= :now`, { commandId, now })
      .execute();
    return (update.affected ?? 0) > 0;
  }
}
