import { DataSource, EntityManager } from 'typeorm';
import { violatedUniqueConstraint } from '../../../persistence/src/unique-violation';

/**
 * Runs `work` in one transaction; when a concurrent twin of the request committed first (a unique
 * violation on one of `constraints`), runs it once more in a fresh transaction, which then sees
 * the twin's row and answers as an idempotent retry. A second violation is the caller's to map.
 */
export async function transactionRetryingTwin<T>(dataSource: DataSource, constraints: readonly string[], work: (manager: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await dataSource.transaction(work);
  } catch (error) {
    const constraint = violatedUniqueConstraint(error);
    if (constraint === null || !constraints.includes(constraint)) throw error;
    return dataSource.transaction(work);
  }
}
