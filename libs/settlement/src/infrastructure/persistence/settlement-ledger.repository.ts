import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { Money, TimeRange } from '@vpp/units';
import type { LedgerLine, NewLedgerLine } from '../../domain/statement/restatement';
import { SettlementLedgerEntryEntity } from './settlement-ledger-entry.entity';
import { toLedgerEntryRow, toLedgerLine } from './settlement-ledger.mapper';
import { SettlementStatementEntity } from './settlement-statement.entity';

/** Whose statement and for which period: the scope that versions and idempotency apply to. */
export interface StatementScope {
  readonly portfolioId: string;
  readonly fleetId: string;
  readonly period: TimeRange;
}

export interface StatementHeader extends StatementScope {
  readonly id: string;
  readonly version: number;
  readonly inputsHash: string;
  readonly contractId: string;
  /** The statement's total as of this version (whole cents), not the delta. */
  readonly netRevenue: Money;
}

export interface IssuedStatement extends StatementHeader {
  readonly issuedAt: Date;
  readonly lines: readonly LedgerLine[];
}

// Keeps one INSERT under PostgreSQL's 65,535 bind parameters (17 columns a row).
const INSERT_CHUNK = 1000;

/** The settlement ledger tables; every method runs on the caller's transaction. */
@Injectable()
export class SettlementLedgerRepository {
  /** Serialises issuing per scope until the transaction ends (two workers, one version number). */
  async lockScope(manager: EntityManager, scope: StatementScope): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`settlement|${scopeKey(scope)}`]);
  }

  async findByInputsHash(manager: EntityManager, scope: StatementScope, inputsHash: string): Promise<IssuedStatement | null> {
    const row = await manager.findOne(SettlementStatementEntity, { where: { ...scopeWhere(scope), inputsHash } });
    return row ? this.withLines(manager, row) : null;
  }

  async latestVersion(manager: EntityManager, scope: StatementScope): Promise<number> {
    const row = await manager.findOne(SettlementStatementEntity, { where: scopeWhere(scope), order: { version: 'DESC' } });
    return row?.version ?? 0;
  }

  /** Every line of every issued version of the scope, in version and line order. */
  async ledgerLines(manager: EntityManager, scope: StatementScope): Promise<LedgerLine[]> {
    const statements = await manager.find(SettlementStatementEntity, { where: { ...scopeWhere(scope), status: 'issued' } });
    if (statements.length === 0) return [];
    const rows = await manager.find(SettlementLedgerEntryEntity, {
      where: { statementId: In(statements.map((s) => s.id)) },
      order: { version: 'ASC', lineNo: 'ASC' },
    });
    return rows.map(toLedgerLine);
  }

  /** Writes the statement as a draft, appends its lines (numbered from 1), then issues it. */
  async issue(manager: EntityManager, header: StatementHeader, lines: readonly NewLedgerLine[], now: Date): Promise<IssuedStatement> {
    const row = manager.create(SettlementStatementEntity, {
      id: header.id,
      portfolioId: header.portfolioId,
      fleetId: header.fleetId,
      periodStart: header.period.start,
      periodEnd: header.period.end,
      version: header.version,
      status: 'draft',
      inputsHash: header.inputsHash,
      contractId: header.contractId,
      netRevenue: header.netRevenue.amount,
      createdAt: now,
      issuedAt: null,
    });
    await manager.insert(SettlementStatementEntity, row);
    const entries = lines.map((line, i) => toLedgerEntryRow(header.id, header.version, i + 1, line));
    for (let from = 0; from < entries.length; from += INSERT_CHUNK) {
      await manager.insert(SettlementLedgerEntryEntity, entries.slice(from, from + INSERT_CHUNK));
    }
    await manager.update(SettlementStatementEntity, { id: header.id, status: 'draft' }, { status: 'issued', issuedAt: now });
    return { ...header, issuedAt: now, lines: entries.map(toLedgerLine) };
  }

  async statement(manager: EntityManager, id: string): Promise<IssuedStatement | null> {
    const row = await manager.findOne(SettlementStatementEntity, { where: { id, status: 'issued' } });
    return row ? this.withLines(manager, row) : null;
  }

  private async withLines(manager: EntityManager, row: SettlementStatementEntity): Promise<IssuedStatement> {
    const lines = await manager.find(SettlementLedgerEntryEntity, { where: { statementId: row.id }, order: { lineNo: 'ASC' } });
    return {
      id: row.id,
      portfolioId: row.portfolioId,
      fleetId: row.fleetId,
      period: TimeRange.of(row.periodStart, row.periodEnd),
      version: row.version,
      inputsHash: row.inputsHash,
      contractId: row.contractId,
      netRevenue: Money.eur(row.netRevenue),
      issuedAt: row.issuedAt ?? row.createdAt,
      lines: lines.map(toLedgerLine),
    };
  }
}

const scopeKey = (scope: StatementScope): string => `${scope.portfolioId}|${scope.fleetId}|${scope.period.start.toISOString()}|${scope.period.end.toISOString()}`;

const scopeWhere = (scope: StatementScope) => ({
  portfolioId: scope.portfolioId,
  fleetId: scope.fleetId,
  periodStart: scope.period.start,
  periodEnd: scope.period.end,
});
