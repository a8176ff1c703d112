import type { EntityManager } from 'typeorm';

export class StaleFencingTokenError extends Error {
  readonly code = 'DISPATCH_STALE_FENCING_TOKEN';
  constructor(portfolioId: string, token: number) {
    super(`fencing token ${token} for portfolio ${portfolioId} is older than the newest writer's; no command recorded`);
  }
}

/**
 * The storage side of the lease's fencing: inside the transaction that records commands, moves the
 * portfolio's fence to `token` unless a newer holder has already written (the row lock orders
 * concurrent writers). Throws StaleFencingTokenError so the whole transaction rolls back.
 */
export async function claimFence(manager: EntityManager, portfolioId: string, token: number, holder: string, now: Date): Promise<void> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO dispatch_fences (portfolio_id, fencing_token, holder, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT ON CONSTRAINT pk_dispatch_fences DO UPDATE SET fencing_token = EXCLUDED.fencing_token, holder = EXCLUDED.holder, updated_at = EXCLUDED.updated_at
     WHERE dispatch_fences.fencing_token <= EXCLUDED.fencing_token
     RETURNING 1`,
    [portfolioId, token, holder, now],
  );
  if (rows.length !== 1) throw new StaleFencingTokenError(portfolioId, token);
}

/** The newest fencing token that wrote commands for the portfolio (0 before the first). */
export async function currentFence(manager: EntityManager, portfolioId: string): Promise<number> {
  const rows: Array<{ fencing_token: string }> = await manager.query(`SELECT fencing_token FROM dispatch_fences WHERE portfolio_id = $1`, [portfolioId]);
  return rows.length === 0 ? 0 : Number.parseInt(rows[0].fencing_token, 10);
}
