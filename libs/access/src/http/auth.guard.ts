import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { ProblemException } from '@vpp/observability';
import { AccessError } from '../domain/access.errors';
import { parseApiKey } from '../domain/api-key';
import type { OrganisationKind } from '../domain/organisation-kind';
import { hasAnyRole, Principal } from '../domain/principal';
import { AuthenticateApiKeyUseCase } from '../application/authenticate-api-key.use-case';
import { AuthenticateTokenUseCase } from '../application/authenticate-token.use-case';
import { ResolveDelegationUseCase } from '../application/resolve-delegation.use-case';
import { RateLimiter } from '../infrastructure/rate-limiter';
import { ADMIN_ONLY, IS_PUBLIC, NO_DELEGATION, REQUIRED_ROLES } from './access.decorators';
import { AuthenticatedRequest } from './authenticated-request';

// Operational endpoints of @vpp/observability, which cannot depend on @Public(): probes and
// Prometheus scrape without credentials. Matched on the controller path, not the URL.
const OPERATIONAL_CONTROLLER_PATHS = new Set(['health', 'metrics']);

type Credentials = { kind: 'api-key'; value: string } | { kind: 'bearer'; value: string };

function headerValue(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function credentialsOf(request: AuthenticatedRequest): Credentials {
  const apiKey = headerValue(request, 'x-api-key');
  if (apiKey) return { kind: 'api-key', value: apiKey.trim() };
  const authorization = headerValue(request, 'authorization') ?? '';
  const match = /^(Bearer|ApiKey)\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new AccessError('AUTH_REQUIRED', 'send Authorization: Bearer <token> or X-API-Key: <key>');
  return { kind: match[1].toLowerCase() === 'bearer' ? 'bearer' : 'api-key', value: match[2] };
}

/**
 * Global guard: authenticates (JWT or API key), rate-limits per client before the slow hash,
 * resolves `X-On-Behalf-Of` delegations, then checks @Roles / @AdminOnly / @NoDelegation.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: AuthenticateApiKeyUseCase,
    private readonly tokens: AuthenticateTokenUseCase,
    private readonly delegations: ResolveDelegationUseCase,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (OPERATIONAL_CONTROLLER_PATHS.has(this.reflector.get<string | undefined>(PATH_METADATA, context.getClass()) ?? '')) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    let principal = await this.authenticate(credentialsOf(request), reply);
    const onBehalfOf = headerValue(request, 'x-on-behalf-of');
    if (onBehalfOf) {
      principal = await this.delegations.execute(principal, onBehalfOf.trim(), { method: request.method, path: request.url });
    }
    this.authorise(principal, context);
    request.principal = principal;
    return true;
  }

  private async authenticate(credentials: Credentials, reply: FastifyReply): Promise<Principal> {
    if (credentials.kind === 'api-key') {
      const parsed = parseApiKey(credentials.value);
      if (!parsed) throw new AccessError('API_KEY_INVALID', 'the API key is not valid');
      await this.limit(`key:${parsed.keyId}`, reply);
      return this.apiKeys.execute(parsed);
    }
    const claims = await this.tokens.verifyClaims(credentials.value);
    await this.limit(`user:${claims.sub}`, reply);
    return this.tokens.principalFor(claims);
  }

  private async limit(subject: string, reply: FastifyReply): Promise<void> {
    const decision = await this.rateLimiter.hit(subject);
    void reply.header('x-ratelimit-limit', String(decision.limit));
    void reply.header('x-ratelimit-remaining', String(Math.max(0, decision.limit - decision.count)));
    if (decision.allowed) return;
    void reply.header('retry-after', String(decision.retryAfterSeconds));
    throw new ProblemException(429, 'RATE_LIMITED', 'Too Many Requests', `Rate limit of ${decision.limit} requests per minute exceeded.`, {
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }

  private authorise(principal: Principal, context: ExecutionContext): void {
    const targets = [context.getHandler(), context.getClass()];
    const roles = this.reflector.getAllAndOverride<OrganisationKind[] | undefined>(REQUIRED_ROLES, targets) ?? [];
    if (!hasAnyRole(principal, roles)) {
      throw new AccessError('FORBIDDEN_ROLE', `this endpoint is for ${roles.join(', ')} organisations`);
    }
    if (this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets) && principal.memberRole !== 'admin') {
      throw new AccessError('FORBIDDEN_ROLE', 'this endpoint needs an admin of the organisation');
    }
    if (principal.delegation && this.reflector.getAllAndOverride<boolean>(NO_DELEGATION, targets)) {
      throw new AccessError('FORBIDDEN_ROLE', 'this action is not available on behalf of another organisation');
    }
  }
}
