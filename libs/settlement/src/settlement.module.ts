import { Module } from '@nestjs/common';
import { IssueStatementUseCase } from './application/issue-statement.use-case';
import { SettlementContractRepository } from './infrastructure/persistence/settlement-contract.repository';
import { SettlementCountryRuleRepository } from './infrastructure/persistence/settlement-country-rule.repository';
import { SettlementLedgerRepository } from './infrastructure/persistence/settlement-ledger.repository';

/**
 * The settlement core: the ledger, contracts and country rules, and the use case that issues
 * statements. Needs a TypeORM DataSource in the app; the queued pipeline (issue 7 item 1) builds
 * on `IssueStatementUseCase` in its own module.
 */
@Module({
  providers: [SettlementLedgerRepository, SettlementContractRepository, SettlementCountryRuleRepository, IssueStatementUseCase],
  exports: [SettlementLedgerRepository, SettlementContractRepository, SettlementCountryRuleRepository, IssueStatementUseCase],
})
export class SettlementCoreModule {}
