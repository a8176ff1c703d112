import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessError } from '../domain/access.errors';
import { assertApiKeyUsable, ParsedApiKey } from '../domain/api-key';
import { Principal } from '../domain/principal';
import { verifySecret } from '../domain/secret-hash';
import { ApiKeyEntity } from '../infrastructure/api-key.entity';

const VERIFIED_CACHE_SIZE = 10_000;
const LAST_USED_RESOLUTION_SECONDS = 60;

/**
 * Key id lookup, then scrypt verification of the secret. The row is read on every request, so
 * revocation and expiry take effect at once; only the slow hash result is remembered (keyed by
 * the stored hash and a SHA-256 of the presented secret), so a busy partner pays scrypt once.
 */
@Injectable()
export class AuthenticateApiKeyUseCase {
  private readonly verified = new Map<string, true>();

  constructor(private readonly dataSource: DataSource) {}

  async execute(key: ParsedApiKey, now: Date = new Date()): Promise<Principal> {
    const row = await this.dataSource.getRepository(ApiKeyEntity).findOne({
      where: { keyId: key.keyId },
      relations: { apiClient: { organisation: true } },
    });
    if (!row?.apiClient?.organisation || !(await this.secretMatches(key.secret, row.secretHash))) {
      throw new AccessError('API_KEY_INVALID', 'the API key is not valid');
    }
    assertApiKeyUsable(row, now);
    // The row just read says whether the last touch is recent: no round trip for a busy partner.
    if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_SECONDS * 1000) await this.touch(row.id);
    return {
      type: 'client',
      id: row.apiClient.id,
      organisationId: row.apiClient.organisationId,
      organisationKind: row.apiClient.organisation.kind,
      memberRole: row.apiClient.role,
      apiKeyId: row.id,
    };
  }

  private async secretMatches(secret: string, storedHash: string): Promise<boolean> {
    const cacheKey = `${storedHash}:${createHash('sha256').update(secret).digest('base64url')}`;
    if (this.verified.has(cacheKey)) return true;
    if (!(await verifySecret(secret, storedHash))) return false;
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.clear();
    this.verified.set(cacheKey, true);
    return true;
  }

  // Written at most once a minute per key, so a busy partner does not turn every read into a write.
  private async touch(apiKeyId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
      [apiKeyId, LAST_USED_RESOLUTION_SECONDS],
    );
  }
}
