import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashCredentialsToken, newCredentialsToken } from '../domain/credentials-token';
import { OcpiError } from '../domain/ocpi.errors';
import { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';
import { credentialsSchema, OcpiCredentials } from '../protocol/credentials.schema';
import { parseOcpi } from '../protocol/parse-ocpi';
import { AuthenticatedOcpiParty, AuthenticateOcpiPartyUseCase } from './authenticate-ocpi-party.use-case';
import { enqueuePartyPull } from './enqueue-party-pull';
import { fetchPartyEndpoints } from './fetch-party-endpoints';
import { OcpiSettings } from './ocpi-settings';

/**
 * Our credentials module as receiver (credentials.asciidoc "Interfaces"): POST registers with
 * token A, PUT updates with token C, DELETE unregisters. 405 cases (POST when registered, PUT or
 * DELETE when not) surface as OCPI_ALREADY_REGISTERED / OCPI_NOT_REGISTERED.
 */
@Injectable()
export class HandleCredentialsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: OcpiSettings,
    private readonly authenticate: AuthenticateOcpiPartyUseCase,
  ) {}

  /** Steps 3-4 of the handshake: store token B and the party's endpoints, answer with token C. */
  async register(caller: AuthenticatedOcpiParty, body: unknown, requestBaseUrl: string): Promise<OcpiCredentials> {
    if (caller.tokenKind !== 'registration') throw new OcpiError('OCPI_ALREADY_REGISTERED', 'Already registered: use PUT to update');
    return this.exchange(caller.party, body, requestBaseUrl);
  }

  async update(caller: AuthenticatedOcpiParty, body: unknown, requestBaseUrl: string): Promise<OcpiCredentials> {
    if (caller.tokenKind !== 'credentials' || caller.party.status !== 'registered') {
      throw new OcpiError('OCPI_NOT_REGISTERED', 'Not registered: use POST with token A first');
    }
    return this.exchange(caller.party, body, requestBaseUrl);
  }

  async unregister(caller: AuthenticatedOcpiParty): Promise<void> {
    if (caller.tokenKind !== 'credentials' || caller.party.status !== 'registered') {
      throw new OcpiError('OCPI_NOT_REGISTERED', 'Not registered');
    }
    await this.dataSource.getRepository(OcpiPartyEntity).update(
      { id: caller.party.id, status: 'registered' },
      { status: 'unregistered', inboundTokenHash: null, outboundTokenEncrypted: null, updatedAt: new Date() },
    );
    this.authenticate.forgetAll();
  }

  private async exchange(party: OcpiPartyEntity, body: unknown, requestBaseUrl: string): Promise<OcpiCredentials> {
    const credentials = parseOcpi(credentialsSchema, body, 'Credentials');
    const matching = credentials.roles.find(
      (role) =>
        role.role === party.role &&
        role.country_code.toUpperCase() === party.countryCode &&
        role.party_id.toUpperCase() === party.partyId,
    );
    if (!matching) {
      throw new OcpiError('OCPI_PARTY_MISMATCH', `Credentials carry no ${party.role} role for ${party.countryCode}*${party.partyId}`);
    }
    // Token B opens their side; fetching with it proves it works before we commit to anything.
    const fetched = await fetchPartyEndpoints(this.settings.client, credentials.url, credentials.token);
    const tokenC = newCredentialsToken();
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        OcpiPartyEntity,
        { id: party.id },
        {
          status: 'registered',
          registrationTokenHash: null,
          inboundTokenHash: hashCredentialsToken(tokenC),
          outboundTokenEncrypted: this.settings.cipher.encrypt(credentials.token),
          versionsUrl: credentials.url,
          version: fetched.version,
          endpoints: fetched.endpoints,
          businessName: matching.business_details.name,
          updatedAt: now,
          registeredAt: party.registeredAt ?? now,
          lastSeenAt: now,
        },
      );
      // Catch up at once with what the CPO holds (its endpoints may have changed with a PUT too).
      await enqueuePartyPull(manager, party.id, `registered-${now.getTime()}`);
    });
    // The old token C (PUT) must stop working now, and the cached party is stale.
    this.authenticate.forgetAll();
    return { token: tokenC, url: this.settings.versionsUrl(requestBaseUrl), roles: this.settings.ourRoles() };
  }
}
