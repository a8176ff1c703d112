import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantScope } from '../domain/tenant-scope';
import { AuditLogRepository } from '../infrastructure/audit-log.repository';
import { UserEntity } from '../infrastructure/user.entity';
import { auditRecord } from './audit-actor';
import { userView } from './access.views';

/** Idempotent: disabling a disabled user changes and audits nothing. Allowed under delegation (incident response). */
@Injectable()
export class DisableUserUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async execute(scope: TenantScope, userId: string): Promise<UserEntity> {
    return this.dataSource.transaction(async (manager) => {
      const user = scope.requireOwned(
        await manager.findOne(UserEntity, { where: { id: userId, ...scope.where() }, lock: { mode: 'pessimistic_write' } }),
        'user',
      );
      scope.assertAdmin();
      if (user.disabledAt !== null) return user;
      const before = userView(user);
      user.disabledAt = new Date();
      await manager.update(UserEntity, { id: user.id }, { disabledAt: user.disabledAt });
      await this.auditLog.append(manager, auditRecord(scope, { action: 'user.disable', entityType: 'user', entityId: user.id, before, after: userView(user) }));
      return user;
    });
  }
}
