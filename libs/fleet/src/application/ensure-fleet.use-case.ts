import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Returns the id of the organisation's fleet called `name`, creating it on first use (idempotent). */
@Injectable()
export class EnsureFleetUseCase {
  async execute(manager: EntityManager, command: { readonly organisationId: string; readonly name: string }): Promise<string> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO fleets (id, organisation_id, name, created_at) VALUES ($1, $2, $3, now())
       ON CONFLICT ON CONSTRAINT uq_fleets_organisation_name DO NOTHING RETURNING id`,
      [randomUUID(), command.organisationId, command.name],
    );
    if (inserted.length === 1) return inserted[0].id;
    const rows: { id: string }[] = await manager.query(`SELECT id FROM fleets WHERE organisation_id = $1 AND name = $2`, [command.organisationId, command.name]);
    return rows[0].id;
  }
}
