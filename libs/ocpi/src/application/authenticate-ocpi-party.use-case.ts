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

@Injectable()
export class AuthenticateOcpiPartyUseCase {
  constructor(private readonly dataSource: DataSource) {}

  /** The party that owns `token`, or null (unknown, discarded or unregistered token). */
  async execute(token: string): Promise<AuthenticatedOcpiParty | null> {
    const hash = hashCredentialsToken(token);
    const party = await this.dataSource
      .getRepository(OcpiPartyEntity)
      .createQueryBuilder('p')
      .where('p.inbound_token_hash = :hash OR p.registration_token_hash = :hash', { hash })
      .getOne();
    if (!party || party.status === 'unregistered') return null;
    const tokenKind: OcpiTokenKind = party.inboundTokenHash === hash ? 'credentials' : 'registration';
    const now = new Date();
    if (tokenKind === 'credentials' && (party.lastSeenAt === null || now.getTime() - party.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS)) {
      await this.dataSource.getRepository(OcpiPartyEntity).update({ id: party.id }, { lastSeenAt: now });
      party.lastSeenAt = now;
    }
    return { party, tokenKind };
  }
}
