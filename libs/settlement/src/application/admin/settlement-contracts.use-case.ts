import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogRepository, auditRecord, type TenantScope } from '@vpp/access';
import { sameContract, overlappingContracts } from '../../domain/contract/contract-versions';
import { validateContract, type SettlementContract } from '../../domain/contract/settlement-contract';
import { SettlementError } from '../../domain/settlement.errors';
import { SettlementContractRepository } from '../../infrastructure/persistence/settlement-contract.repository';
import { violatedUniqueConstraint } from '../../../../persistence/src/unique-violation';

/** A contract as the API shows it: money and weights as decimal strings, instants as ISO UTC. */
export interface SettlementContractView {
  readonly id: string;
  readonly fleetId: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly aggregatorRef: string;
  readonly vehicleOwnerRef: string;
  readonly terms: readonly { readonly kind: string; readonly payee: { readonly role: string; readonly partyRef: string } | null; readonly rate: string }[];
}

export function contractView(contract: SettlementContract): SettlementContractView {
  return {
    id: contract.id,
    fleetId: contract.fleetId,
    validFrom: contract.validFrom.toISOString(),
    validTo: contract.validTo?.toISOString() ?? null,
    aggregatorRef: contract.aggregatorRef,
    vehicleOwnerRef: contract.vehicleOwnerRef,
    terms: contract.terms.map((term) => ({ kind: term.kind, payee: term.payee ? { role: term.payee.role, partyRef: term.payee.partyRef } : null, rate: term.rate.toFixed() })),
  };
}

/** The fleet, locked for the caller's transaction, if it belongs to the caller's tenant; NOT_FOUND for another tenant's alike. */
async function lockOwnedFleet(manager: EntityManager, scope: TenantScope, fleetId: string, lock: boolean): Promise<void> {
  const rows: { organisation_id: string }[] = await manager.query(`SELECT organisation_id FROM fleets WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [fleetId]);
  scope.assertCanAccess(rows[0]?.organisation_id, 'fleet');
}

/**
 * Operators put a fleet's settlement contracts (issue 7): one version per contract id, never
 * edited (statements name the contract they were computed on). The fleet row is locked, so two
 * requests for one fleet serialise: the same contract again answers the stored one (idempotent),
 * other content under a stored id is refused (`SETTLEMENT_CONTRACT_EXISTS`), and so is a validity
 * overlapping another contract of the fleet (`SETTLEMENT_CONTRACT_OVERLAP`), since settlement needs
 * exactly one contract per instant. The contract and its audit entry commit together.
 */
@Injectable()
export class SettlementContractsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contracts: SettlementContractRepository,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async put(scope: TenantScope, contract: SettlementContract, now: Date): Promise<{ view: SettlementContractView; created: boolean }> {
    validateContract(contract);
    try {
      return await this.putLocked(scope, contract, now);
    } catch (error) {
      // The same new id put concurrently for two fleets: the fleet locks do not meet, the primary key does.
      if (violatedUniqueConstraint(error) === 'pk_settlement_contracts') throw new SettlementError('SETTLEMENT_CONTRACT_EXISTS', `contract ${contract.id} belongs to another fleet`);
      throw error;
    }
  }

  private putLocked(scope: TenantScope, contract: SettlementContract, now: Date): Promise<{ view: SettlementContractView; created: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      await lockOwnedFleet(manager, scope, contract.fleetId, true);
      const [stored]: { fleet_id: string }[] = await manager.query(`SELECT fleet_id FROM settlement_contracts WHERE id = $1`, [contract.id]);
      if (stored && stored.fleet_id !== contract.fleetId) {
        throw new SettlementError('SETTLEMENT_CONTRACT_EXISTS', `contract ${contract.id} belongs to another fleet`);
      }
      const ofFleet = await this.contracts.contractsOfFleet(manager, contract.fleetId);
      const same = ofFleet.find((other) => other.id === contract.id);
      if (same) {
        if (sameContract(same, contract)) return { view: contractView(same), created: false };
        throw new SettlementError('SETTLEMENT_CONTRACT_EXISTS', `contract ${contract.id} is stored with other content; contracts are not edited, put a new version under a new id`);
      }
      const overlapping = overlappingContracts(contract, ofFleet);
      if (overlapping.length > 0) {
        const which = overlapping.map((other) => `${other.id} (${other.validFrom.toISOString()} to ${other.validTo?.toISOString() ?? 'open end'})`).join(', ');
        throw new SettlementError('SETTLEMENT_CONTRACT_OVERLAP', `the validity overlaps contract ${which} of fleet ${contract.fleetId}`);
      }
      await this.contracts.save(manager, contract, now);
      const view = contractView(contract);
      await this.auditLog.append(
        manager,
        auditRecord(scope, { action: 'settlement_contract.create', entityType: 'settlement_contract', entityId: contract.id, before: null, after: { ...view, terms: view.terms.map((t) => ({ ...t })) } }),
      );
      return { view, created: true };
    });
  }

  async list(scope: TenantScope, fleetId: string): Promise<SettlementContractView[]> {
    return this.dataSource.transaction(async (manager) => {
      await lockOwnedFleet(manager, scope, fleetId, false);
      return (await this.contracts.contractsOfFleet(manager, fleetId)).map(contractView);
    });
  }

  async get(scope: TenantScope, fleetId: string, contractId: string): Promise<SettlementContractView> {
    const contract = (await this.list(scope, fleetId)).find((c) => c.id === contractId);
    if (!contract) throw new SettlementError('SETTLEMENT_CONTRACT_NOT_FOUND', `no contract ${contractId} for fleet ${fleetId}`);
    return contract;
  }
}
