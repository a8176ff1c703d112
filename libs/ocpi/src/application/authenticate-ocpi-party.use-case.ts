import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashCredentialsToken } from '../domain/credentials-token';
import { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';

/** Which token the caller presented (credentials.asciidoc: token A only opens versions and credentials). */
export type OcpiTokenKind = 'registration' | 'credentials';

export interface AuthenticatedOcpiParty {
  readonly party: OcpiPartyEntity;
  readonly tokenKind: OcpiTokenKind;
}

// Touching last_seen_at on every request would add a write per PATCH; once a minute is enough to
// tell a silent CPO from a live one.
const LAST_SEEN_RESOLUTION_MS = 60_000;

/**
 * How long a credentials token (C) is trusted without asking the database again. Every change of
 * a party's tokens in this process (credentials PUT/DELETE) clears the cache at once; a change made
 * by another process (another connector replica) is seen within this time at the latest.
 * Unknown tokens and registration tokens (A) are never cached.
 */
export const OCPI_TOKEN_CACHE_TTL_MS = 5_000;
const MAX_CACHED_TOKENS = 10_000;

@Injectable()
export class AuthenticateOcpiPartyUseCase {
  private readonly cache = new Map<string, { readonly caller: AuthenticatedOcpiParty; readonly expiresAt: number }>();
  // Bumped by forgetAll(): a lookup that started before a token change must not cache what it read.
  private generation = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** The party that owns `token`, or null (unknown, discarded or unregistered token). */
  async execute(token: string): Promise<AuthenticatedOcpiParty | null> {
    const hash = hashCredentialsToken(token);
    const nowMs = Date.now();
    const cached = this.cache.get(hash);
    if (cached !== undefined && cached.expiresAt > nowMs) {
      await this.touch(cached.caller.party, nowMs);
      return cached.caller;
    }
    const generation = this.generation;
    const party = await this.dataSource
      .getRepository(OcpiPartyEntity)
      .createQueryBuilder('p')
      .where('p.inbound_token_hash = :hash OR p.registration_token_hash = :hash', { hash })
      .getOne();
    if (!party || party.status === 'unregistered') {
      this.cache.delete(hash);
      return null;
    }
    const tokenKind: OcpiTokenKind = party.inboundTokenHash === hash ? 'credentials' : 'registration';
    const caller = { party, tokenKind };
    if (tokenKind === 'credentials') {
      await this.touch(party, nowMs);
      if (this.cache.size >= MAX_CACHED_TOKENS) this.cache.clear();
      if (generation === this.generation) this.cache.set(hash, { caller, expiresAt: nowMs + OCPI_TOKEN_CACHE_TTL_MS });
    }
    return caller;
  }

  /** Forget every cached token: call after changing any party's tokens or status. */
  forgetAll(): void {
    this.generation += 1;
    this.cache.clear();
  }

  private async touch(party: OcpiPartyEntity, nowMs: number): Promise<void> {
    if (party.lastSeenAt !== null && nowMs - party.lastSeenAt.getTime() <= LAST_SEEN_RESOLUTION_MS) return;
    const now = new Date(nowMs);
    // Set first, so concurrent requests on the cached party do not all write.
    party.lastSeenAt = now;
    await this.dataSource.getRepository(OcpiPartyEntity).update({ id: party.id }, { lastSeenAt: now });
  }
}
