import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { generateApiKey, hashSecret, parseApiKey, verifySecret } from '@vpp/access';
import { TsoFeedEntity } from '../infrastructure/persistence/tso-feed.entity';

/** Who is sending activations: a TSO feed credential, bound to exactly one portfolio. */
export interface TsoFeedPrincipal {
  readonly feedId: string;
  readonly portfolioId: string;
}

export class TsoFeedAuthError extends Error {
  readonly code = 'TSO_FEED_UNAUTHORISED';
}

const VERIFIED_CACHE_SIZE = 1_000;

/**
 * The TSO's machine credentials. libs/access has no TSO organisation kind and keeps its API-key
 * check internal, so the feed has its own credential in the same `vpp_<keyId>_<secret>` shape
 * (generated and scrypt-hashed by @vpp/access's domain functions), scoped to one portfolio.
 * The row is read on every message batch so a revocation takes effect at once; only the slow
 * hash result is cached.
 */
@Injectable()
export class TsoFeedCredentials {
  private readonly verified = new Set<string>();

  constructor(private readonly dataSource: DataSource) {}

  /** Issues a credential for the portfolio; the plaintext key is returned once and never stored. */
  async issue(portfolioId: string, label: string, now: Date = new Date()): Promise<{ feedId: string; apiKey: string }> {
    const key = generateApiKey();
    const feedId = randomUUID();
    await this.dataSource.getRepository(TsoFeedEntity).insert({
      id: feedId, portfolioId, label, keyId: key.keyId, secretHash: await hashSecret(key.secret), createdAt: now, revokedAt: null,
    });
    return { feedId, apiKey: key.plaintext };
  }

  async revoke(feedId: string, now: Date = new Date()): Promise<void> {
    await this.dataSource.getRepository(TsoFeedEntity).update({ id: feedId }, { revokedAt: now });
  }

  /** @throws TsoFeedAuthError for anything but a live key of this feed. */
  async authenticate(presented: string): Promise<TsoFeedPrincipal> {
    const parsed = parseApiKey(presented.trim());
    if (!parsed) throw new TsoFeedAuthError('not a TSO feed key');
    const row = await this.dataSource.getRepository(TsoFeedEntity).findOneBy({ keyId: parsed.keyId });
    if (!row || row.revokedAt !== null) throw new TsoFeedAuthError('unknown or revoked TSO feed key');
    const cacheKey = `${row.secretHash}:${createHash('sha256').update(parsed.secret).digest('base64url')}`;
    if (!this.verified.has(cacheKey)) {
      if (!(await verifySecret(parsed.secret, row.secretHash))) throw new TsoFeedAuthError('wrong TSO feed key');
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.clear();
      this.verified.add(cacheKey);
    }
    return { feedId: row.id, portfolioId: row.portfolioId };
  }

  /** Portfolios with a live feed: the ones the dispatcher loops over. */
  async portfoliosWithFeed(): Promise<string[]> {
    const rows: Array<{ portfolio_id: string }> = await this.dataSource.query(`SELECT DISTINCT portfolio_id FROM dispatch_tso_feeds WHERE revoked_at IS NULL ORDER BY portfolio_id`);
    return rows.map((r) => r.portfolio_id);
  }
}
