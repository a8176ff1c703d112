import { Money, TimeRange } from '@vpp/units';
import type { LedgerLine, NewLedgerLine } from '../../domain/statement/restatement';
import type { SettlementBasis, SettlementMarket, StakeholderRole, StatementSection } from '../../domain/settlement-vocabulary';
import { SettlementLedgerEntryEntity } from './settlement-ledger-entry.entity';

export function toLedgerLine(row: SettlementLedgerEntryEntity): LedgerLine {
  return {
    statementId: row.statementId,
    version: row.version,
    lineNo: row.lineNo,
    section: row.section as StatementSection,
    stakeholder: { role: row.stakeholderRole as StakeholderRole, partyRef: row.stakeholderRef },
    market: row.market as SettlementMarket,
    kind: row.kind,
    period: TimeRange.of(row.periodStart, row.periodEnd),
    amount: Money.eur(row.amount),
    quantity: row.quantity,
    unit: row.unit,
    basis: row.basis as SettlementBasis,
    assumptions: row.assumptions,
    corrects: row.correctsStatementId === null || row.correctsLineNo === null ? null : { statementId: row.correctsStatementId, lineNo: row.correctsLineNo },
  };
}

export function toLedgerEntryRow(statementId: string, version: number, lineNo: number, line: NewLedgerLine): SettlementLedgerEntryEntity {
  const row = new SettlementLedgerEntryEntity();
  row.statementId = statementId;
  row.lineNo = lineNo;
  row.version = version;
  row.section = line.section;
  row.stakeholderRole = line.stakeholder.role;
  row.stakeholderRef = line.stakeholder.partyRef;
  row.market = line.market;
  row.kind = line.kind;
  row.periodStart = line.period.start;
  row.periodEnd = line.period.end;
  row.amount = line.amount.amount;
  row.quantity = line.quantity;
  row.unit = line.unit;
  row.basis = line.basis;
  row.assumptions = [...line.assumptions];
  row.correctsStatementId = line.corrects?.statementId ?? null;
  row.correctsLineNo = line.corrects?.lineNo ?? null;
  return row;
}
