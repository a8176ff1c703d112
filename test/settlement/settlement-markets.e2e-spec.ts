import type { DataSource } from 'typeorm';
import { openScratchDatabase } from '@vpp/testing';
import type { ScratchDatabase } from '@vpp/testing';
import {
  IssuePortfolioStatementsUseCase,
  IssueStatementUseCase,
  SettlementContractRepository,
  SettlementCountryRuleRepository,
  SettlementLedgerRepository,
  SettlementMeterRepository,
  SettlementPriceRepository,
} from '@vpp/settlement';
import { SettlementPortfoliosReader } from '@vpp/settlement/infrastructure/pipeline/settlement-portfolios.reader';
import { FLEET_A, ledgerText } from './settlement-fixture';
import { addLateMeterValue, FLEX_ORDER, MARKETS_DAY, PORTFOLIO_M, seedMarketsWorld } from './settlement-markets.fixture';

// The statement stage over every market for one small portfolio (settlement-markets.fixture.ts),
// run in-process on its own database: the meter stage, then IssuePortfolioStatementsUseCase, each
// in one transaction, as the pipeline's jobs run them (no queue: nothing here is a job).

const DAY = MARKETS_DAY;
const NOW = new Date('2026-03-12T08:00:00Z');
const isp = (n: number): string => new Date(DAY.start.getTime() + n * 900_000).toISOString();

interface LedgerLine {
  version: number;
  section: string;
  kind: string;
  period_start: Date;
  amount: string;
  quantity: string;
  basis: string;
  assumptions: string[];
  corrects_line_no: number | null;
}

describe('settlement of every market (FCR, aFRR, day-ahead, IDCONS, UFTP, BRP imbalance)', () => {
  let db: ScratchDatabase;
  let ds: DataSource;
  const meter = new SettlementMeterRepository();
  const statements = new IssuePortfolioStatementsUseCase(
    new SettlementPortfoliosReader(),
    meter,
    new SettlementPriceRepository(),
    new SettlementContractRepository(),
    new SettlementCountryRuleRepository(),
    new IssueStatementUseCase(new SettlementLedgerRepository()),
  );

  const settleDay = async () => {
    await ds.transaction((manager) => meter.aggregate(manager, PORTFOLIO_M, DAY.range, true));
    return ds.transaction((manager) => statements.execute(manager, PORTFOLIO_M, DAY, NOW));
  };
  const ledger = (): Promise<LedgerLine[]> =>
    ds.query(
      `SELECT s.version, e.section, e.kind, e.period_start, e.amount::text AS amount, e.quantity::text AS quantity, e.basis, e.assumptions, e.corrects_line_no
         FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
        WHERE s.portfolio_id = $1 AND s.fleet_id = $2 ORDER BY s.version, e.line_no`,
      [PORTFOLIO_M, FLEET_A],
    );
  const revenueRows = (lines: readonly LedgerLine[], version: number): string[] =>
    lines.filter((l) => l.version === version && l.section === 'revenue').map((l) => `${l.kind} ${l.period_start.toISOString()} ${l.amount} ${l.quantity} ${l.basis}`);

  beforeAll(async () => {
    db = await openScratchDatabase('settle_markets');
    ds = db.dataSource;
    await seedMarketsWorld(ds);
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('issues the hand-computed statement across all markets', async () => {
    expect(await settleDay()).toEqual({ kind: 'settled', issued: 1, alreadyIssued: 0, fleetsWithoutContract: [] });
    const lines = await ledger();
    const block0 = isp(0);
    // Fleet A is the whole portfolio (share 1). Meter per ISP, kWh (inside + outside session):
    //   ISP   0    1    2    3        4    5    6
    //   bought 10   8e   8e   2 + 10   4    10   8     (1-2 estimated: the ISP-2 meter value is missing,
    //   base  10   10   10   10 + 0   10   0    0      so 10 -> 26 kWh over 30 min is split 8/8)
    // FCR block 0 (4 h): 0.04 MW x 20 EUR/MW/h x 4 h = 3.20 (0.16 MW·h); ISP 8 tracked at 2 of 4 kWh
    //   -> share (15 + 0.5) / 16, cut -3.20 x 0.5/16 = -0.10 (-0.005 MW·h). Basis: weakest metered ISP, estimated.
    // aFRR capacity up: 0.08 x 10 x 4 = 3.20, ISP 1 tracked at 4 of 8 kWh -> cut -0.10 (-0.01 MW·h).
    // aFRR energy up ISP 1: metered baseline 10 - bought 8 = 2 kWh (< 8 requested) x 150 EUR/MWh = 0.30.
    // Day-ahead (baseline - bought) x 0.1 EUR/kWh: 0, +0.20, +0.20, -0.20, +0.60, -1.00, -0.80.
    // IDCONS ISP 3, 0.04 MW x 0.25 h = 0.01 MWh per order: inside sell at 120 against the outside buy at 80:
    //   counterparty +0.80 - 0.80 = 0 (0.02 MWh), spread 0.01 x 40 = 0.40; inside delivered 10 - 2 = 8 kWh
    //   at its connection -> penalty -(0.002 MWh x 120) = -0.24; outside delivered 10 of 10 kWh.
    // UFTP order ISP 5 (UTC ISP 4) -40 kW at 5.00 EUR: delivered (4 - 10) kWh = -24 kW, deficiency 16 kW
    //   = 0.004 of 0.01 MWh -> penalty -5.00 x 0.4 = -2.00.
    // BRP imbalance adjustment ISP 1: -(0.002 MWh x day-ahead 100) = -0.20.
    expect(revenueRows(lines, 1)).toEqual([
      `fcr-capacity ${block0} 3.200000 0.160000 estimated`,
      `fcr-capacity-under-delivery ${block0} -0.100000 -0.005000 estimated`,
      `afrr-capacity-up ${block0} 3.200000 0.320000 estimated`,
      `afrr-capacity-up-under-delivery ${block0} -0.100000 -0.010000 estimated`,
      `afrr-energy-up ${isp(1)} 0.300000 0.002000 estimated`,
      `day-ahead-saving ${isp(0)} 0.000000 0.010000 measured`,
      `day-ahead-saving ${isp(1)} 0.200000 0.008000 estimated`,
      `day-ahead-saving ${isp(2)} 0.200000 0.008000 estimated`,
      `day-ahead-saving ${isp(3)} -0.200000 0.012000 measured`,
      `day-ahead-saving ${isp(4)} 0.600000 0.004000 measured`,
      `day-ahead-saving ${isp(5)} -1.000000 0.010000 measured`,
      `day-ahead-saving ${isp(6)} -0.800000 0.008000 measured`,
      `idcons-counterparty ${isp(3)} 0.000000 0.020000 measured`,
      `idcons-spread ${isp(3)} 0.400000 0.020000 measured`,
      `idcons-penalty ${isp(3)} -0.240000 0.002000 measured`,
      `uftp-price ${isp(4)} 5.000000 0.010000 measured`,
      `uftp-penalty ${isp(4)} -2.000000 0.004000 measured`,
      `imbalance-transfer ${isp(1)} -0.200000 0.002000 estimated`,
    ]);
    // Net 3.10 + 3.10 + 0.30 - 1.00 + 0.16 + 3.00 - 0.20 = 8.46, split 70/30 = 5.922 / 2.538 -> 5.92 / 2.54 (largest remainder).
    expect(lines.filter((l) => l.kind === 'revenue-share').map((l) => l.amount)).toEqual(['5.920000', '2.540000']);
    const labels = (kind: string): string[] => lines.find((l) => l.kind === kind)?.assumptions ?? [];
    expect(labels('fcr-capacity')).toContain('FCR price ASSUMED');
    expect(labels('afrr-capacity-up')).toContain('DE auction data used for NL');
    expect(labels('afrr-energy-up')).toContain('aFRR energy price ASSUMED');
    expect(labels('uftp-penalty').some((a) => a.startsWith('ASSUMED: UFTP penalty rule'))).toBe(true);
    expect(labels('imbalance-transfer').some((a) => a.startsWith('ASSUMED: BRP imbalance adjustment'))).toBe(true);
  });

  it('hands the settled FlexOrder to the DSO statement (FlexOrderSettlement)', async () => {
    const rows: { price: string; penalty: string; net_settlement: string; period: string; isps: unknown[] }[] = await ds.query(
      `SELECT price::text, penalty::text, net_settlement::text, to_char(period, 'YYYY-MM-DD') AS period, isps FROM uftp_flex_settlements WHERE flex_order_id = $1`,
      [FLEX_ORDER],
    );
    // Behind the congestion point: baseline 10 kWh = 40 kW, actual 4 kWh = 16 kW, delivered -24 kW of -40 kW ordered.
    expect(rows).toEqual([
      {
        price: '5.0000',
        penalty: '2.0000',
        net_settlement: '3.0000',
        period: DAY.isoDate,
        isps: [{ start: 5, duration: 1, baselinePower: 40_000, orderedFlexPower: -40_000, actualPower: 16_000, deliveredFlexPower: -24_000, powerDeficiency: 16_000 }],
      },
    ]);
  });

  it('changes nothing when the day is settled again', async () => {
    const before = await ledgerText(ds);
    expect(await settleDay()).toEqual({ kind: 'settled', issued: 0, alreadyIssued: 1, fleetsWithoutContract: [] });
    expect(await ledgerText(ds)).toBe(before);
    const [count]: { n: string }[] = await ds.query(`SELECT count(*) AS n FROM uftp_flex_settlements`);
    expect(count.n).toBe('1');
  });

  it('restates after a late meter value: the aFRR energy line gets a delta pointing at what it corrects', async () => {
    await addLateMeterValue(ds);
    expect(await settleDay()).toEqual({ kind: 'settled', issued: 1, alreadyIssued: 0, fleetsWithoutContract: [] });
    const lines = await ledger();
    // ISP 1 now measured: bought 6 kWh -> activated 10 - 6 = 4 kWh x 150 = 0.60 (delta +0.30),
    // imbalance -(0.004 x 100) = -0.40 (delta -0.20); day-ahead ISP 1 +0.40 (delta +0.20), ISP 2 bought 10 -> 0 (delta -0.20).
    const v1 = (kind: string, start: string): number | undefined => {
      const index = lines.filter((l) => l.version === 1).findIndex((l) => l.kind === kind && l.period_start.toISOString() === start);
      return index < 0 ? undefined : index + 1;
    };
    const deltas = lines.filter((l) => l.version === 2 && l.section === 'revenue' && l.amount !== '0.000000');
    expect(deltas.map((l) => [l.kind, l.period_start.toISOString(), l.amount, l.basis, l.corrects_line_no])).toEqual([
      ['afrr-energy-up', isp(1), '0.300000', 'measured', v1('afrr-energy-up', isp(1))],
      ['day-ahead-saving', isp(1), '0.200000', 'measured', v1('day-ahead-saving', isp(1))],
      ['day-ahead-saving', isp(2), '-0.200000', 'measured', v1('day-ahead-saving', isp(2))],
      ['imbalance-transfer', isp(1), '-0.200000', 'measured', v1('imbalance-transfer', isp(1))],
    ]);
    // Every version summed: 8.46 + 0.30 + 0.20 - 0.20 - 0.20 = 8.56.
    const [sum]: { revenue: string }[] = await ds.query(
      `SELECT sum(e.amount)::numeric(12,2)::text AS revenue FROM settlement_ledger_entries e JOIN settlement_statements s ON s.id = e.statement_id
        WHERE s.portfolio_id = $1 AND e.section = 'revenue'`,
      [PORTFOLIO_M],
    );
    expect(sum.revenue).toBe('8.56');
  });
});
