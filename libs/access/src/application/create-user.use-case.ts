import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MemberRole } from '../domain/organisation-kind';
import { hashSecret } from '../domain/secret-hash';
import { TenantScope } from '../domain/tenant-scope';
import { AuditLogRepository } from '../infrastructure/audit-log.repository';
import { UserEntity } from '../infrastructure/user.entity';
import { auditRecord } from './audit-actor';
import { userView } from './access.views';
import { insertUniqueUser } from './insert-unique-user';

export interface CreateUserCommand {
  readonly email: string;
  readonly password: string;
  readonly role: MemberRole;
}

@Injectable()
export class CreateUserUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(scope: TenantScope, command: CreateUserCommand): Promise<UserEntity> {
    scope.assertAdmin();
    const passwordHash = await hashSecret(command.password);
    return this.dataSource.transaction(async (manager) => {
      const user = manager.create(UserEntity, {
        id: randomUUID(),
        ...scope.where(),
        email: command.email.toLowerCase(),
        passwordHash,
        role: command.role,
        createdAt: new Date(),
        disabledAt: null,
      });
      await insertUniqueUser(manager, user);
      await this.auditLog.append(manager, auditRecord(scope, { action: 'user.create', entityType: 'user', entityId: user.id, before: null, after: userView(user) }));
      return user;
    });
  }
}
