import { DataSource } from 'typeorm';

/**
 * The SQL TypeORM would run to bring the migrated schema in line with the entities. Empty means
 * entities and migrations agree; anything else is drift that needs a migration.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sqlInMemory = await dataSource.driver.createSchemaBuilder().log();
  return sqlInMemory.upQueries.map((query) => query.query);
}
