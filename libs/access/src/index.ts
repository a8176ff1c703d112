// Public API of @vpp/access.
export * from './domain';
export { ACCESS_ENTITIES } from './infrastructure/access.entities';
export { OrganisationEntity } from './infrastructure/organisation.entity';
export { UserEntity } from './infrastructure/user.entity';
export { ApiClientEntity } from './infrastructure/api-client.entity';
export { ApiKeyEntity } from './infrastructure/api-key.entity';
export { DelegationEntity } from './infrastructure/delegation.entity';
export { AuditLogEntryEntity } from './infrastructure/audit-log-entry.entity';
export { AuditLogRepository } from './infrastructure/audit-log.repository';
export type { AuditActor, AuditRecord } from './infrastructure/audit-log.repository';
export { auditActorOf, auditRecord } from './application/audit-actor';
export { AuditLogQueries } from './application/audit-log.queries';
export { AdminOnly, CurrentPrincipal, NoDelegation, Public, Roles, Tenant } from './http/access.decorators';
export { ACCESS_ERROR_STATUSES } from './http/access-error-statuses';
export { AuthGuard } from './http/auth.guard';
export { AccessModule } from './access.module';
