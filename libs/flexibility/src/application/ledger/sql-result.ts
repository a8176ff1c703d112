import type { EntityManager } from 'typeorm';

/** Rows and the affected-row count of one statement (TypeORM's plain `query` hides the count of an UPDATE). */
export async function runStatement<Row>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<{ rows: Row[]; affected: number }> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('runStatement needs a transactional EntityManager');
  const result = await runner.query(sql, parameters, true);
  return { rows: (result.records ?? []) as Row[], affected: result.affected ?? 0 };
}
