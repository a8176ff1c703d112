import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FlexSettlements } from '@vpp/congestion/application/flex-settlements';
import type { DeliveredFlex } from '@vpp/congestion/domain/flex-settlement';
import { isUniqueViolation } from '@vpp/persistence';

/**
 * Hands a settled FlexOrder to the DSO statement through libs/congestion's seam
 * (`FlexSettlements.record`), once per order: UFTP keeps one FlexOrderSettlement per order, so a
 * rerun or a restatement leaves the first one (a correction to the DSO is not modelled yet).
 * `record` writes on its own connection, outside the ledger transaction: a rolled-back ledger
 * run leaves a settlement that its rerun, over the same inputs, would have recorded alike.
 */
@Injectable()
export class DsoFlexSettlementRecorder {
  async recordOnce(manager: EntityManager, flexOrderId: string, delivered: DeliveredFlex): Promise<'recorded' | 'already-recorded'> {
    const settlements = new FlexSettlements(manager.connection);
    if (await settlements.forOrder(flexOrderId)) return 'already-recorded';
    try {
      await settlements.record(flexOrderId, delivered);
      return 'recorded';
    } catch (error) {
      // Another worker recorded it between our look and our insert.
      if (isUniqueViolation(error, 'uq_uftp_flex_settlements_order')) return 'already-recorded';
      throw error;
    }
  }
}
