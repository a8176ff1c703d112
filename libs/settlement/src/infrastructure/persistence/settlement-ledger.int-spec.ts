import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { createDataSource } from '@vpp/persistence';
import { IssueStatementUseCase } from '../../application/issue-statement.use-case';
import { countryRulesAt } from '../../domain/country/country-rules';
import { SEEDED_COUNTRY_RULES } from '../../domain/country/country-rules.data';
import type { StatementInputs } from '../../domain/statement/statement-inputs';
import { DAY, aContract, fourMarkets, statementInputs } from '../../domain/test-support/statement.fixture';
import { SettlementContractRepository } from './settlement-contract.repository';
import { SettlementCountryRuleRepository } from './settlement-country-rule.repository';
import { SettlementLedgerRepository } from './settlement-ledger.repository';

// The ledger on real PostgreSQL (vpp_test): idempotent issue, versions with delta lines, and the
// database itself refusing to change what was issued. Every test settles its own fleet.
describe(IssueStatementUseCase.name, () => {
  let dataSource: DataSource;
  const sut = new IssueStatementUseCase(new SettlementLedgerRepository());
  const issue = (inputs: StatementInputs) => dataSource.transaction((manager) => sut.execute(manager, inputs, new Date('2026-06-02T10:00:00Z')));
  const fresh = (overrides: Partial<StatementInputs> = {}): StatementInputs => {
    const fleetId = randomUUID();
    return statementInputs({ portfolioId: randomUUID(), fleetId, contract: aContract({ id: randomUUID(), fleetId }), ...overrides });
  };
  const sums = async (fleetId: string): Promise<Record<string, string>> => {
    const rows: { section: string; total: string }[] = await dataSource.query(
      `SELECT e.section, sum(e.amount)::numeric(19,2)::text AS total
         FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
        WHERE s.fleet_id = $1 GROUP BY e.section`,
      [fleetId],
    );
    return Object.fromEntries(rows.map((row) => [row.section, row.total]));
  };

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig(), { poolSize: 4 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('issues version 1 with the hand-computed lines, stored to the cent', async () => {
    const inputs = fresh();
    const { outcome, statement } = await issue(inputs);
    expect([outcome, statement.version, statement.netRevenue.toFixed(2, 4)]).toEqual(['issued', 1, '130.57']);
    // revenue and allocation both 130.57 (see statement.spec.ts); charges: NL energy tax -5.50
    expect(await sums(inputs.fleetId)).toEqual({ revenue: '130.57', allocation: '130.57', charges: '-5.50' });
    const stored = await dataSource.transaction((manager) => new SettlementLedgerRepository().statement(manager, statement.id));
    expect(stored?.lines.map((line) => `${line.lineNo} ${line.kind} ${line.amount.toFixed(2, 4)} ${line.basis}`).slice(0, 4)).toEqual([
      '1 fcr-capacity 50.00 measured',
      '2 fcr-capacity-under-delivery -6.25 measured',
      '3 afrr-capacity-up 32.80 measured',
      '4 afrr-energy-up 30.13 measured',
    ]);
    expect(stored?.lines.find((line) => line.kind === 'energy-tax')?.assumptions).toEqual(['UNVERIFIED: NL energyTaxEurPerKwh (rules from 2026-01-01; third-party source)']);
  });

  it('yields one statement when the same inputs are issued twice, also concurrently', async () => {
    const inputs = fresh();
    const [a, b] = await Promise.all([issue(inputs), issue(inputs)]);
    const again = await issue(inputs);
    expect([a.outcome, b.outcome].sort()).toEqual(['already-issued', 'issued']);
    expect(new Set([a.statement.id, b.statement.id, again.statement.id]).size).toBe(1);
    expect(again.outcome).toBe('already-issued');
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM settlement_statements WHERE fleet_id = $1`, [inputs.fleetId]);
    expect(count).toBe(1);
  });

  it('restates after late meter data: version 2 holds delta lines that point at version 1 and sum to the difference', async () => {
    const estimated = fourMarkets('0.25');
    const inputs = fresh({ deliveries: { ...estimated, afrrEnergy: estimated.afrrEnergy!.map((isp) => ({ ...isp, basis: 'estimated' as const })) } });
    const v1 = (await issue(inputs)).statement;
    // late meter data: 0.30 MWh measured instead of 0.25 estimated -> +6.0255 EUR exact
    const v2 = (await issue({ ...inputs, deliveries: fourMarkets('0.30') })).statement;
    expect([v2.version, v2.netRevenue.toFixed(2, 4)]).toEqual([2, '136.59']);
    const afrr = v2.lines.find((line) => line.kind === 'afrr-energy-up')!;
    expect([afrr.amount.toFixed(2, 4), afrr.basis, afrr.corrects]).toEqual(['6.02', 'measured', { statementId: v1.id, lineNo: 4 }]);
    // the shares move by +2.41 / +3.61 (see restatement.spec.ts); the fees keep their amounts but
    // rested on an estimate in version 1, so a zero delta records their new basis
    expect(v2.lines.filter((line) => line.section === 'allocation').map((line) => `${line.kind} ${line.amount.toFixed(2, 4)} ${line.basis}`)).toEqual([
      'discharge-country-charges 0.00 measured',
      'battery-wear 0.00 measured',
      'cpo-fee-per-session 0.00 measured',
      'fixed-fee-per-month 0.00 measured',
      'driver-reward-per-plugged-hour 0.00 measured',
      'driver-reward-per-plugged-hour 0.00 measured',
      'revenue-share 2.41 measured',
      'revenue-share 3.61 measured',
    ]);
    // version 1 is untouched; both versions together hold the corrected statement
    expect((await sums(inputs.fleetId)).revenue).toBe('136.59');
    const v1Again = await dataSource.transaction((manager) => new SettlementLedgerRepository().statement(manager, v1.id));
    expect(v1Again?.lines.map((line) => line.amount.toFixed(2, 4))).toEqual(v1.lines.map((line) => line.amount.toFixed(2, 4)));
  });

  it('refuses UPDATE and DELETE of an issued statement and any change to its lines, in the database', async () => {
    const { statement } = await issue(fresh());
    await expect(dataSource.query(`UPDATE settlement_statements SET net_revenue = 0 WHERE id = $1`, [statement.id])).rejects.toThrow(/issued and immutable/);
    await expect(dataSource.query(`DELETE FROM settlement_statements WHERE id = $1`, [statement.id])).rejects.toThrow(/issued and immutable/);
    await expect(dataSource.query(`UPDATE settlement_ledger_entries SET amount = 0 WHERE statement_id = $1`, [statement.id])).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM settlement_ledger_entries WHERE statement_id = $1`, [statement.id])).rejects.toThrow(/append-only/);
    await expect(
      dataSource.query(
        `INSERT INTO settlement_ledger_entries (statement_id, line_no, version, section, stakeholder_role, stakeholder_ref, market, kind, period_start, period_end, amount, basis, assumptions)
         VALUES ($1, 999, 1, 'revenue', 'aggregator', 'x', 'fcr', 'fcr-capacity', $2, $3, 1, 'measured', '{}')`,
        [statement.id, DAY.start, DAY.end],
      ),
    ).rejects.toThrow(/not a draft/);
    await expect(dataSource.query(`TRUNCATE settlement_ledger_entries`)).rejects.toThrow(/append-only/);
    const [{ total }] = await dataSource.query(`SELECT sum(amount)::numeric(19,2)::text AS total FROM settlement_ledger_entries WHERE statement_id = $1 AND section = 'revenue'`, [statement.id]);
    expect(total).toBe('130.57');
  });

  it('refuses an amount that is not whole cents', async () => {
    const id = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO settlement_statements (id, portfolio_id, fleet_id, period_start, period_end, version, status, inputs_hash, contract_id, net_revenue, created_at)
           VALUES ($1, $1, $1, $2, $3, 1, 'draft', repeat('a', 64), 'c', 0, now())`,
          [id, DAY.start, DAY.end],
        );
        await manager.query(
          `INSERT INTO settlement_ledger_entries (statement_id, line_no, version, section, stakeholder_role, stakeholder_ref, market, kind, period_start, period_end, amount, basis, assumptions)
           VALUES ($1, 1, 1, 'revenue', 'aggregator', 'x', 'fcr', 'fcr-capacity', $2, $3, 0.005, 'measured', '{}')`,
          [id, DAY.start, DAY.end],
        );
      }),
    ).rejects.toThrow(/ck_settlement_ledger_entries_cents/);
  });
});

describe(SettlementCountryRuleRepository.name, () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig(), { poolSize: 2 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('holds the seeded rules of every country, equal to the domain data, each naming its assumptions', async () => {
    const stored = await new SettlementCountryRuleRepository().allVersions(dataSource.manager);
    const comparable = (rule: (typeof stored)[number]) => ({
      ...rule,
      energyTaxEurPerKwh: rule.energyTaxEurPerKwh.toFixed(),
      gridFeeEurPerKwh: rule.gridFeeEurPerKwh.toFixed(),
      feedInCompensationEurPerKwh: rule.feedInCompensationEurPerKwh.toFixed(),
    });
    const key = (rule: { country: string; validFrom: Date }) => `${rule.country}${rule.validFrom.toISOString()}`;
    expect(stored.map(comparable).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      SEEDED_COUNTRY_RULES.map(comparable).sort((a, b) => key(a).localeCompare(key(b))),
    );
    expect(new Set(stored.map((rule) => rule.country))).toEqual(new Set(['NL', 'DE', 'SE', 'FR', 'HU', 'NO']));
    expect(countryRulesAt(stored, 'NL', DAY.start).energyTaxEurPerKwh.toFixed()).toBe('0.0916');
  });
});

describe(SettlementContractRepository.name, () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = createDataSource(loadConfig(), { poolSize: 2 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('stores contracts as data and reads them back, effective-dated', async () => {
    const sut = new SettlementContractRepository();
    const fleetId = randomUUID();
    const first = aContract({ id: randomUUID(), fleetId, validTo: new Date('2026-07-01T00:00:00Z') });
    const second = aContract({ id: randomUUID(), fleetId, validFrom: new Date('2026-07-01T00:00:00Z') });
    await dataSource.transaction(async (manager) => {
      await sut.save(manager, first, new Date());
      await sut.save(manager, second, new Date());
    });
    const read = await sut.contractsOfFleet(dataSource.manager, fleetId);
    expect(read.map((c) => c.id)).toEqual([first.id, second.id]);
    expect(read[0].terms.map((t) => `${t.kind} ${t.payee?.role ?? 'each driver'} ${t.rate.toFixed()}`)).toEqual([
      'battery-wear fleet-owner 0.05',
      'cpo-fee-per-session cpo 0.5',
      'fixed-fee-per-month aggregator 30',
      'driver-reward-per-plugged-hour each driver 0.1',
      'revenue-share aggregator 40',
      'revenue-share fleet-owner 60',
    ]);
  });
});
