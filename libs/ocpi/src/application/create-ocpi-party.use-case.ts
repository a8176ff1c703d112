import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository, auditRecord, OrganisationEntity, TenantScope } from '@vpp/access';
import { hashCredentialsToken, newCredentialsToken } from '../domain/credentials-token';
import { OcpiError } from '../domain/ocpi.errors';
import { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';
import { OcpiSettings } from './ocpi-settings';

export interface CreateOcpiPartyInput {
  readonly organisationId: string;
  readonly countryCode: string;
  readonly partyId: string;
}

export interface CreatedOcpiParty {
  readonly party: OcpiPartyEntity;
  /** CREDENTIALS_TOKEN_A in clear: shown once, stored only as a hash. */
  readonly tokenA: string;
  readonly versionsUrl: string;
}

/**
 * Step 1 of the credentials handshake (credentials.asciidoc "Registration"): an operator issues
 * token A for a CPO organisation and hands it, with our versions URL, to the CPO out of band.
 */
@Injectable()
export class CreateOcpiPartyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLogRepository,
    private readonly settings: OcpiSettings,
  ) {}

  async execute(scope: TenantScope, input: CreateOcpiPartyInput): Promise<CreatedOcpiParty> {
    const tokenA = newCredentialsToken();
    const now = new Date();
    const party = await this.dataSource.transaction(async (manager) => {
      const organisation = await manager.findOne(OrganisationEntity, { where: { id: input.organisationId } });
      if (!organisation || organisation.kind !== 'cpo') {
        throw new OcpiError('OCPI_NOT_FOUND', 'No CPO organisation with this id');
      }
      const countryCode = input.countryCode.toUpperCase();
      const partyId = input.partyId.toUpperCase();
      const existing = await manager.findOne(OcpiPartyEntity, { where: { countryCode, partyId, role: 'CPO' } });
      if (existing && existing.status !== 'unregistered') {
        throw new OcpiError('OCPI_ALREADY_REGISTERED', `${countryCode}*${partyId} already has OCPI credentials`);
      }
      const row = existing ?? manager.create(OcpiPartyEntity, { id: randomUUID(), createdAt: now, role: 'CPO', countryCode, partyId });
      Object.assign(row, {
        organisationId: organisation.id,
        status: 'pending',
        registrationTokenHash: hashCredentialsToken(tokenA),
        inboundTokenHash: null,
        outboundTokenEncrypted: null,
        versionsUrl: null,
        version: null,
        endpoints: [],
        businessName: organisation.name,
        updatedAt: now,
        registeredAt: null,
      });
      const saved = await manager.save(row);
      await this.audit.append(
        manager,
        auditRecord(scope, {
          action: 'ocpi.party.token_a_issued',
          entityType: 'ocpi_party',
          entityId: saved.id,
          before: null,
          after: { organisationId: organisation.id, countryCode, partyId, status: 'pending' },
        }),
      );
      return saved;
    });
    return { party, tokenA, versionsUrl: this.settings.versionsUrl() };
  }
}
