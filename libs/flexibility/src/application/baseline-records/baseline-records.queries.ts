import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { parseDecimal } from '@vpp/units';
import type { BaselineMethod } from '../../domain/baseline';
import type { BaselineRecordValues, BaselineSubject } from '../../domain/baseline-records/baseline-record';
import { subjectColumn } from './baseline-subject';

export interface RecordedBaseline extends BaselineRecordValues {
  readonly id: string;
  readonly recordedAt: Date;
}

/** What we believed about a subject's baseline at a given time (ARCHITECTURE.md section 3, known_at). */
@Injectable()
export class BaselineRecordQueries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The baseline with the latest `known_at <= at` (of `method`, when given); the higher method
   * version wins a tie. Null when nothing was known by then.
   */
  async asKnownAt(subject: BaselineSubject, at: Date, method?: BaselineMethod): Promise<RecordedBaseline | null> {
    const { column, id } = subjectColumn(subject);
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM baseline_records
        WHERE ${column} = $1 AND known_at <= $2 AND ($3::text IS NULL OR method = $3)
        ORDER BY known_at DESC, method_version DESC, method
        LIMIT 1`,
      [id, at, method ?? null],
    );
    return rows.length === 0 ? null : readBaselineRecord(this.dataSource.manager, rows[0].id);
  }
}

export async function readBaselineRecord(manager: EntityManager, id: string): Promise<RecordedBaseline> {
  const [record]: { id: string; method: BaselineMethod; method_version: number; known_at: Date; computed_from: Record<string, string>; recorded_at: Date }[] = await manager.query(
    `SELECT id, method, method_version, known_at, computed_from, recorded_at FROM baseline_records WHERE id = $1`,
    [id],
  );
  const isps: { isp_start: Date; power_kw: string; energy_kwh: string }[] = await manager.query(
    `SELECT isp_start, power_kw, energy_kwh FROM baseline_record_isps WHERE baseline_record_id = $1 ORDER BY isp_start`,
    [id],
  );
  return {
    id: record.id,
    method: record.method,
    methodVersion: record.method_version,
    knownAt: record.known_at,
    computedFrom: record.computed_from,
    recordedAt: record.recorded_at,
    isps: isps.map((row) => ({ ispStart: row.isp_start, powerKw: parseDecimal(row.power_kw), energyKwh: parseDecimal(row.energy_kwh) })),
  };
}
