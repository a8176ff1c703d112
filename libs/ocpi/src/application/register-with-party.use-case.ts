import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository, auditRecord, TenantScope } from '@vpp/access';
import { hashCredentialsToken, newCredentialsToken } from '../domain/credentials-token';
import { OcpiError } from '../domain/ocpi.errors';
import { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';
import { credentialsSchema } from '../protocol/credentials.schema';
import { findEndpoint } from '../protocol/versions.schema';
import { enqueuePartyPull } from './enqueue-party-pull';
import { fetchPartyEndpoints } from './fetch-party-endpoints';
import { OcpiSettings } from './ocpi-settings';

export interface RegisterWithPartyInput {
  readonly versionsUrl: string;
  /** The CPO's token A, handed to us out of band. */
  readonly tokenA: string;
}

/**
 * The handshake the other way round: the CPO is the receiver and gave us its token A. We read its
 * endpoints, POST our credentials (with a token B of ours) and keep the token C it answers with.
 */
@Injectable()
export class RegisterWithPartyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLogRepository,
    private readonly settings: OcpiSettings,
  ) {}

  async execute(scope: TenantScope, ocpiPartyId: string, input: RegisterWithPartyInput): Promise<OcpiPartyEntity> {
    const party = await this.dataSource.getRepository(OcpiPartyEntity).findOne({ where: { id: ocpiPartyId } });
    if (!party) throw new OcpiError('OCPI_NOT_FOUND', 'No OCPI party with this id');
    if (party.status === 'registered') throw new OcpiError('OCPI_ALREADY_REGISTERED', 'Already registered');
    const fetched = await fetchPartyEndpoints(this.settings.client, input.versionsUrl, input.tokenA);
    const credentialsUrl = findEndpoint(fetched.endpoints, 'credentials', 'RECEIVER') ?? findEndpoint(fetched.endpoints, 'credentials', 'SENDER');
    if (!credentialsUrl) throw new OcpiError('OCPI_NO_MATCHING_ENDPOINTS', 'The party has no credentials endpoint');
    const tokenB = newCredentialsToken();
    // Token B must open our side before the CPO calls back with it during its POST handling.
    await this.dataSource.getRepository(OcpiPartyEntity).update({ id: party.id }, { inboundTokenHash: hashCredentialsToken(tokenB), updatedAt: new Date() });
    const answer = await this.settings.client.call({
      method: 'POST',
      url: credentialsUrl,
      token: input.tokenA,
      dataSchema: credentialsSchema,
      body: { token: tokenB, url: this.settings.versionsUrl(), roles: this.settings.ourRoles() },
    });
    const theirs = answer.data.roles.find((role) => role.role === party.role);
    if (!theirs || theirs.country_code.toUpperCase() !== party.countryCode || theirs.party_id.toUpperCase() !== party.partyId) {
      throw new OcpiError('OCPI_PARTY_MISMATCH', `The party answered without a ${party.role} role for ${party.countryCode}*${party.partyId}`);
    }
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      await manager.update(
        OcpiPartyEntity,
        { id: party.id },
        {
          status: 'registered',
          registrationTokenHash: null,
          outboundTokenEncrypted: this.settings.cipher.encrypt(answer.data.token),
          versionsUrl: input.versionsUrl,
          version: fetched.version,
          endpoints: fetched.endpoints,
          updatedAt: now,
          registeredAt: now,
          lastSeenAt: now,
        },
      );
      await enqueuePartyPull(manager, party.id, `registered-${now.getTime()}`);
      await this.audit.append(
        manager,
        auditRecord(scope, { action: 'ocpi.party.registered_with', entityType: 'ocpi_party', entityId: party.id, before: null, after: { versionsUrl: input.versionsUrl } }),
      );
      return manager.findOneOrFail(OcpiPartyEntity, { where: { id: party.id } });
    });
  }
}
