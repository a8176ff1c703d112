import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { ApiClientsQueries } from './application/api-clients.queries';
import { AuditLogQueries } from './application/audit-log.queries';
import { AuthenticateApiKeyUseCase } from './application/authenticate-api-key.use-case';
import { AuthenticateTokenUseCase } from './application/authenticate-token.use-case';
import { CreateApiClientUseCase } from './application/create-api-client.use-case';
import { CreateApiKeyUseCase } from './application/create-api-key.use-case';
import { CreateOrganisationUseCase } from './application/create-organisation.use-case';
import { CreateUserUseCase } from './application/create-user.use-case';
import { DelegationsQueries } from './application/delegations.queries';
import { DisableUserUseCase } from './application/disable-user.use-case';
import { GrantDelegationUseCase } from './application/grant-delegation.use-case';
import { IssueTokenUseCase } from './application/issue-token.use-case';
import { OrganisationsQueries } from './application/organisations.queries';
import { ResolveDelegationUseCase } from './application/resolve-delegation.use-case';
import { RevokeApiKeyUseCase } from './application/revoke-api-key.use-case';
import { RevokeDelegationUseCase } from './application/revoke-delegation.use-case';
import { UsersQueries } from './application/users.queries';
import './http/access-error-statuses';
import { AccessRedis } from './infrastructure/access-redis.provider';
import { AuditLogRepository } from './infrastructure/audit-log.repository';
import { RateLimiter } from './infrastructure/rate-limiter';
import { ApiClientsController } from './http/api-clients.controller';
import { ApiKeysController } from './http/api-keys.controller';
import { AuditController } from './http/audit.controller';
import { AuthController } from './http/auth.controller';
import { AuthGuard } from './http/auth.guard';
import { DelegationsController } from './http/delegations.controller';
import { OrganisationsController } from './http/organisations.controller';
import { UsersController } from './http/users.controller';

/**
 * Authentication, tenant scoping, delegation, rate limits and the audit log. Importing it makes
 * `AuthGuard` global for the app: every route needs a JWT or an API key unless `@Public()`.
 * Needs the global ConfigModule and a TypeORM `DataSource` provider (TypeOrmModule.forRoot with
 * `dataSourceOptions(config)`) in the importing app.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: { expiresIn: config.auth.jwtTtlSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, OrganisationsController, UsersController, ApiClientsController, ApiKeysController, DelegationsController, AuditController],
  providers: [
    AccessRedis,
    RateLimiter,
    AuditLogRepository,
    AuthenticateApiKeyUseCase,
    AuthenticateTokenUseCase,
    IssueTokenUseCase,
    ResolveDelegationUseCase,
    CreateOrganisationUseCase,
    CreateUserUseCase,
    DisableUserUseCase,
    CreateApiClientUseCase,
    CreateApiKeyUseCase,
    RevokeApiKeyUseCase,
    GrantDelegationUseCase,
    RevokeDelegationUseCase,
    OrganisationsQueries,
    UsersQueries,
    ApiClientsQueries,
    DelegationsQueries,
    AuditLogQueries,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuditLogRepository],
})
export class AccessModule {}
