import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessError } from '../domain/access.errors';
import type { OrganisationKind } from '../domain/organisation-kind';
import { hashSecret } from '../domain/secret-hash';
import { TenantScope } from '../domain/tenant-scope';
import { AuditLogRepository } from '../infrastructure/audit-log.repository';
import { OrganisationEntity } from '../infrastructure/organisation.entity';
import { UserEntity } from '../infrastructure/user.entity';
import { auditRecord } from './audit-actor';
import { organisationView, userView } from './access.views';
import { insertUniqueUser } from './insert-unique-user';

export interface CreateOrganisationCommand {
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly country: string;
  /** The client's first admin, so it can log in and manage its own users, keys and delegations. */
  readonly admin?: { readonly email: string; readonly password: string };
}

/** Operators onboard client organisations; the new organisation's chain starts with its creation. */
@Injectable()
export class CreateOrganisationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(scope: TenantScope, command: CreateOrganisationCommand): Promise<OrganisationEntity> {
    if (scope.principal.organisationKind !== 'operator') throw new AccessError('FORBIDDEN_ROLE', 'only operators create organisations');
    const passwordHash = command.admin ? await hashSecret(command.admin.password) : undefined;
    return this.dataSource.transaction(async (manager) => {
      const organisation = await manager.save(
        manager.create(OrganisationEntity, { id: randomUUID(), name: command.name, kind: command.kind, country: command.country, createdAt: new Date() }),
      );
      const change = { action: 'organisation.create', entityType: 'organisation', entityId: organisation.id, before: null, after: organisationView(organisation) };
      await this.auditLog.append(manager, auditRecord(scope, change, organisation.id));
      if (command.admin && passwordHash) {
        const admin = manager.create(UserEntity, {
          id: randomUUID(), organisationId: organisation.id, email: command.admin.email.toLowerCase(), passwordHash, role: 'admin', createdAt: new Date(), disabledAt: null,
        });
        await insertUniqueUser(manager, admin);
        const userChange = { action: 'user.create', entityType: 'user', entityId: admin.id, before: null, after: userView(admin) };
        await this.auditLog.append(manager, auditRecord(scope, userChange, organisation.id));
      }
      return organisation;
    });
  }
}
