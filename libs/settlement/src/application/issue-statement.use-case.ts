import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { computeStatement } from '../domain/statement/compute-statement';
import { statementInputsHash } from '../domain/statement/inputs-hash';
import { restatementLines } from '../domain/statement/restatement';
import type { StatementInputs } from '../domain/statement/statement-inputs';
import { SettlementError } from '../domain/settlement.errors';
import type { IssuedStatement } from '../infrastructure/persistence/settlement-ledger.repository';
import { SettlementLedgerRepository } from '../infrastructure/persistence/settlement-ledger.repository';

/** `issued`: a new version was written; `already-issued`: these exact inputs were settled before. */
export type IssueStatementOutcome = { readonly outcome: 'issued' | 'already-issued'; readonly statement: IssuedStatement };

/**
 * Issues a fleet's statement for a period (issue 7 item 4), in the caller's transaction:
 * - the same inputs (hash) for the same scope return the statement issued first, changing
 *   nothing (also under concurrency: issuing is serialised per scope by an advisory lock, and
 *   `uq_settlement_statements_inputs` backs it);
 * - the first inputs give version 1 with every line; changed inputs (late meter data, a corrected
 *   price) give the next version holding only delta lines that point at the lines they correct.
 * The pipeline stage of item 1 calls this with ids resolved to inputs; nothing here reads a queue.
 */
@Injectable()
export class IssueStatementUseCase {
  constructor(private readonly ledger: SettlementLedgerRepository) {}

  async execute(manager: EntityManager, inputs: StatementInputs, now = new Date()): Promise<IssueStatementOutcome> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new SettlementError('SETTLEMENT_TRANSACTION_REQUIRED', 'issuing a statement needs a transaction (the scope lock lasts until it ends)');
    }
    const scope = { portfolioId: inputs.portfolioId, fleetId: inputs.fleetId, period: inputs.period };
    const inputsHash = statementInputsHash(inputs);
    await this.ledger.lockScope(manager, scope);
    const existing = await this.ledger.findByInputsHash(manager, scope, inputsHash);
    if (existing) return { outcome: 'already-issued', statement: existing };

    const draft = computeStatement(inputs);
    const version = (await this.ledger.latestVersion(manager, scope)) + 1;
    const lines = version === 1 ? draft.lines.map((line) => ({ ...line, corrects: null })) : restatementLines(await this.ledger.ledgerLines(manager, scope), draft.lines);
    const header = { ...scope, id: randomUUID(), version, inputsHash, contractId: inputs.contract.id, netRevenue: draft.netRevenue };
    return { outcome: 'issued', statement: await this.ledger.issue(manager, header, lines, now) };
  }
}
