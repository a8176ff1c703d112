import type { DataSource, EntityManager } from 'typeorm';
import { ReservationLedger } from '@vpp/flexibility';

/**
 * The reservation ledger bound to the caller's transaction. The ledger opens a transaction per
 * call; on a manager that is already in one, TypeORM nests it as a savepoint, so a bid's
 * reservation commits or rolls back with the gate's preparation (PrepareMarketGateUseCase) and a
 * refused reservation rolls back only its own savepoint. The ledger reads nothing else from the
 * DataSource than `transaction` and `manager`, the two members given here.
 */
export function ledgerWithin(manager: EntityManager): ReservationLedger {
  const scoped: Pick<DataSource, 'manager'> & { transaction<T>(run: (m: EntityManager) => Promise<T>): Promise<T> } = {
    manager,
    transaction: (run) => manager.transaction(run),
  };
  return new ReservationLedger(scoped as DataSource);
}
