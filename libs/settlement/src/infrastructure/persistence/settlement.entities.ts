import { SettlementContractEntity, SettlementContractTermEntity } from './settlement-contract.entity';
import { SettlementCountryRuleEntity } from './settlement-country-rule.entity';
import { SettlementLedgerEntryEntity } from './settlement-ledger-entry.entity';
import { SettlementStatementEntity } from './settlement-statement.entity';

/** The tables of libs/settlement (listed in libs/persistence ALL_ENTITIES). */
export const SETTLEMENT_ENTITIES = [
  SettlementCountryRuleEntity,
  SettlementContractEntity,
  SettlementContractTermEntity,
  SettlementStatementEntity,
  SettlementLedgerEntryEntity,
];
