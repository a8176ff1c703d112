import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Baseline } from '../../domain/baseline';
import { BaselineSubject, sameBaselineValues, toBaselineRecord } from '../../domain/baseline-records/baseline-record';
import { BaselineRecordError } from '../../domain/baseline-records/baseline-record.errors';
import { readBaselineRecord } from './baseline-records.queries';
import { subjectColumn, subjectOrganisation } from './baseline-subject';

/**
 * Records a computed baseline for a session (or a site, for X-of-Y). One record per subject,
 * method, version and `known_at`: recording the same computation again returns the first
 * record; different values under the same key are refused, because a method must be
 * deterministic for its version (a changed computation needs a new version).
 */
@Injectable()
export class RecordBaselineUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(subject: BaselineSubject, baseline: Baseline, now = new Date()): Promise<{ id: string; created: boolean }> {
    const values = toBaselineRecord(baseline);
    const { column, id: subjectId } = subjectColumn(subject);
    return this.dataSource.transaction(async (manager) => {
      const organisationId = await subjectOrganisation(manager, subject);
      const id = randomUUID();
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO baseline_records (id, organisation_id, ${column}, method, method_version, known_at, computed_from, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) ON CONFLICT DO NOTHING RETURNING id`,
        [id, organisationId, subjectId, values.method, values.methodVersion, values.knownAt, JSON.stringify(values.computedFrom), now],
      );
      if (inserted.length === 0) {
        const existing: { id: string }[] = await manager.query(
          `SELECT id FROM baseline_records WHERE ${column} = $1 AND method = $2 AND method_version = $3 AND known_at = $4`,
          [subjectId, values.method, values.methodVersion, values.knownAt],
        );
        const recorded = await readBaselineRecord(manager, existing[0].id);
        if (!sameBaselineValues(recorded, values)) {
          throw new BaselineRecordError('BASELINE_RECORD_CONFLICT', `${values.method} v${values.methodVersion} known at ${values.knownAt.toISOString()} was recorded with other values`);
        }
        return { id: recorded.id, created: false };
      }
      await manager.query(
        `INSERT INTO baseline_record_isps (baseline_record_id, isp_start, power_kw, energy_kwh)
         SELECT $1, r.isp_start, r.power_kw, r.energy_kwh FROM unnest($2::timestamptz[], $3::numeric[], $4::numeric[]) AS r(isp_start, power_kw, energy_kwh)`,
        [id, values.isps.map((isp) => isp.ispStart.toISOString()), values.isps.map((isp) => isp.powerKw.toFixed()), values.isps.map((isp) => isp.energyKwh.toFixed())],
      );
      return { id, created: true };
    });
  }
}
