import type { DataSource, EntityManager } from 'typeorm';
import { DayPartition, dayOfPartitionName, dayPartition } from '../domain/day-partition';

// Serialises partition DDL across processes; the value is arbitrary but fixed.
const PARTITION_DDL_LOCK = 7_310_420_001;

/**
 * Creates and drops the day partitions of `meter_values`. Creation runs in its own short
 * transaction, never inside an ingest transaction, because `CREATE TABLE ... PARTITION OF`
 * locks the parent exclusively and would otherwise deadlock two ingests.
 */
export class MeterValuePartitions {
  // Days known to exist in this process: the common case costs no query at all.
  private readonly known = new Set<string>();

  constructor(private readonly dataSource: DataSource) {}

  /** Creates the partitions of `days` that do not exist yet; returns the days created. */
  async ensure(days: Iterable<string>): Promise<string[]> {
    const missing = [...new Set(days)].filter((day) => !this.known.has(day)).sort();
    if (missing.length === 0) return [];
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_DDL_LOCK]);
      const existing = new Set((await listPartitions(manager)).map((p) => p.day));
      const toCreate = missing.filter((day) => !existing.has(day)).map(dayPartition);
      for (const partition of toCreate) {
        await manager.query(
          `CREATE TABLE IF NOT EXISTS "${partition.name}" PARTITION OF meter_values
           FOR VALUES FROM ('${partition.from.toISOString()}') TO ('${partition.to.toISOString()}')`,
        );
      }
      return toCreate.map((p) => p.day);
    });
    for (const day of missing) this.known.add(day);
    return created;
  }

  /** Forgets what this process believes exists (after a drop, or a partition missing on insert). */
  forget(): void {
    this.known.clear();
  }

  async list(): Promise<DayPartition[]> {
    return listPartitions(this.dataSource.manager);
  }

  /**
   * Drops every day partition that ends at or before `cutoff`: whole days only, so nothing newer
   * than the cut-off is ever touched. Returns the days dropped.
   */
  async dropEndingBefore(cutoff: Date): Promise<string[]> {
    const dropped = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_DDL_LOCK]);
      const old = (await listPartitions(manager)).filter((p) => p.to.getTime() <= cutoff.getTime());
      for (const partition of old) await manager.query(`DROP TABLE "${partition.name}"`);
      return old.map((p) => p.day);
    });
    this.forget();
    return dropped;
  }
}

async function listPartitions(manager: EntityManager): Promise<DayPartition[]> {
  const rows: { name: string }[] = await manager.query(
    `SELECT c.relname AS name FROM pg_inherits i
     JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'meter_values'::regclass`,
  );
  return rows
    .map((row) => dayOfPartitionName(row.name))
    .filter((day): day is string => day !== null)
    .sort()
    .map(dayPartition);
}
