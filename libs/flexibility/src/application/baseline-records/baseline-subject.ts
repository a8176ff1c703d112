import type { EntityManager } from 'typeorm';
import { notFound } from '@vpp/access';
import type { BaselineSubject } from '../../domain/baseline-records/baseline-record';

/** The organisation owning the subject (a session through its fleet, or a site); NOT_FOUND when it does not exist. */
export async function subjectOrganisation(manager: EntityManager, subject: BaselineSubject): Promise<string> {
  const rows: { organisation_id: string }[] =
    subject.type === 'session'
      ? await manager.query(`SELECT f.organisation_id FROM sessions s JOIN fleets f ON f.id = s.fleet_id WHERE s.id = $1`, [subject.sessionId])
      : await manager.query(`SELECT organisation_id FROM sites WHERE id = $1`, [subject.siteId]);
  if (rows.length === 0) throw notFound(subject.type);
  return rows[0].organisation_id;
}

/** `session_id = $n` or `site_id = $n`, and the id. */
export function subjectColumn(subject: BaselineSubject): { column: 'session_id' | 'site_id'; id: string } {
  return subject.type === 'session' ? { column: 'session_id', id: subject.sessionId } : { column: 'site_id', id: subject.siteId };
}
