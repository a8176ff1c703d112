import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ContractTermKind, SettlementContract } from '../../domain/contract/settlement-contract';
import { validateContract } from '../../domain/contract/settlement-contract';
import type { StakeholderRole } from '../../domain/settlement-vocabulary';
import { SettlementContractEntity, SettlementContractTermEntity } from './settlement-contract.entity';

/** Contracts as data: a header row per version and its terms in order. */
@Injectable()
export class SettlementContractRepository {
  /** Stores a validated contract version; contracts are not edited, a new version starts a new row. */
  async save(manager: EntityManager, contract: SettlementContract, now: Date): Promise<void> {
    validateContract(contract);
    await manager.insert(SettlementContractEntity, {
      id: contract.id,
      fleetId: contract.fleetId,
      validFrom: contract.validFrom,
      validTo: contract.validTo,
      aggregatorRef: contract.aggregatorRef,
      vehicleOwnerRef: contract.vehicleOwnerRef,
      createdAt: now,
    });
    await manager.insert(
      SettlementContractTermEntity,
      contract.terms.map((term, i) => ({
        contractId: contract.id,
        termNo: i + 1,
        kind: term.kind,
        payeeRole: term.payee?.role ?? null,
        payeeRef: term.payee?.partyRef ?? null,
        rate: term.rate,
      })),
    );
  }

  async contractsOfFleet(manager: EntityManager, fleetId: string): Promise<SettlementContract[]> {
    const headers = await manager.find(SettlementContractEntity, { where: { fleetId }, order: { validFrom: 'ASC' } });
    const contracts: SettlementContract[] = [];
    for (const header of headers) {
      const terms = await manager.find(SettlementContractTermEntity, { where: { contractId: header.id }, order: { termNo: 'ASC' } });
      contracts.push({
        id: header.id,
        fleetId: header.fleetId,
        validFrom: header.validFrom,
        validTo: header.validTo,
        aggregatorRef: header.aggregatorRef,
        vehicleOwnerRef: header.vehicleOwnerRef,
        terms: terms.map((term) => ({
          kind: term.kind as ContractTermKind,
          payee: term.payeeRole === null || term.payeeRef === null ? null : { role: term.payeeRole as StakeholderRole, partyRef: term.payeeRef },
          rate: term.rate,
        })),
      });
    }
    return contracts;
  }
}
