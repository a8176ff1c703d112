import { ApiClientEntity } from './api-client.entity';
import { ApiKeyEntity } from './api-key.entity';
import { AuditLogEntryEntity } from './audit-log-entry.entity';
import { DelegationEntity } from './delegation.entity';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

export const ACCESS_ENTITIES = [OrganisationEntity, UserEntity, ApiClientEntity, ApiKeyEntity, DelegationEntity, AuditLogEntryEntity];
