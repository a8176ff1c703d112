import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Decimal, Isp, parseDecimal } from '@vpp/units';
import type { LedgerDirection, PortfolioMarket, ReservationProduct } from '../src/domain/portfolio/portfolio-products';
import { LedgerError } from '../src/domain/ledger/ledger.errors';

/** An operator organisation with one portfolio in `markets`, and prequalified capacity as given. */
export async function aPortfolio(
  dataSource: DataSource,
  markets: readonly PortfolioMarket[],
  prequalifiedKw: Partial<Record<ReservationProduct, string>> = {},
): Promise<{ organisationId: string; portfolioId: string }> {
  const organisationId = randomUUID();
  const portfolioId = randomUUID();
  await dataSource.transaction(async (manager) => {
    await manager.query(`INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, $2, 'operator', 'NL', now())`, [organisationId, `ledger-test ${organisationId}`]);
    await manager.query(`INSERT INTO portfolios (id, organisation_id, name, bidding_zone, created_at, updated_at) VALUES ($1, $2, 'pool', 'NL', now(), now())`, [portfolioId, organisationId]);
    await manager.query(`INSERT INTO portfolio_markets (portfolio_id, market) SELECT $1, unnest($2::text[])`, [portfolioId, markets]);
    for (const [product, kw] of Object.entries(prequalifiedKw)) {
      await manager.query(`INSERT INTO portfolio_prequalifications (portfolio_id, product, capacity_kw, updated_at) VALUES ($1, $2, $3, now())`, [portfolioId, product, kw]);
    }
  });
  return { organisationId, portfolioId };
}

export interface CellState {
  readonly availableKw: string;
  readonly reservedKw: string;
  /** Sum of the lines of held reservations: must always equal reservedKw. */
  readonly heldLinesKw: string;
}

/** Every cell of the portfolio as stored, keyed `ISO/direction`. */
export async function cellsOf(dataSource: DataSource, portfolioId: string): Promise<Record<string, CellState>> {
  const rows: { isp_start: Date; direction: LedgerDirection; available_kw: string; reserved_kw: string; held: string }[] = await dataSource.query(
    `SELECT c.isp_start, c.direction, c.available_kw, c.reserved_kw,
            coalesce((SELECT sum(l.kw) FROM reservation_lines l JOIN reservations r ON r.id = l.reservation_id AND r.status = 'held'
                       WHERE l.portfolio_id = c.portfolio_id AND l.isp_start = c.isp_start AND l.direction = c.direction), 0)::text AS held
       FROM ledger_capacity c WHERE c.portfolio_id = $1 ORDER BY c.isp_start, c.direction`,
    [portfolioId],
  );
  const kw = (text: string): string => parseDecimal(text).toFixed();
  return Object.fromEntries(
    rows.map((row) => [`${row.isp_start.toISOString()}/${row.direction}`, { availableKw: kw(row.available_kw), reservedKw: kw(row.reserved_kw), heldLinesKw: kw(row.held) }]),
  );
}

export const isps = (firstIso: string, count: number): Isp[] => Array.from({ length: count }, (_, i) => Isp.startingAt(new Date(firstIso)).plus(i));

export const kw = (text: string): Decimal => parseDecimal(text);

/** The ledger error code of a rejected promise, or 'fulfilled'. */
export async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'fulfilled';
  } catch (error) {
    if (error instanceof LedgerError) return error.code;
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : `unexpected: ${String(error)}`;
  }
}
