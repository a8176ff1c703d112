import { CanActivate, createParamDecorator, CustomDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tokenFromAuthorizationHeader } from '../domain/credentials-token';
import { OcpiError } from '../domain/ocpi.errors';
import { AuthenticateOcpiPartyUseCase, AuthenticatedOcpiParty } from '../application/authenticate-ocpi-party.use-case';
import { OcpiSettings } from '../application/ocpi-settings';
import { routingHeadersOf, routingMismatches } from '../protocol/routing-headers';

const ACCEPTS_REGISTRATION_TOKEN = 'vpp:ocpi:accepts-registration-token';

/** Versions and credentials also open to token A (credentials.asciidoc "Registration"). */
export const AcceptsRegistrationToken = (): CustomDecorator => SetMetadata(ACCEPTS_REGISTRATION_TOKEN, true);

type OcpiRequest = FastifyRequest & { ocpiCaller?: AuthenticatedOcpiParty };

/**
 * `Authorization: Token <base64>` (transport_and_format "Authorization header"): a missing,
 * unknown or discarded token is HTTP 401 with OCPI status 2000, like any other OCPI error.
 * On functional modules (every route not open to token A, i.e. not versions or credentials) the
 * routing headers, when present, must name the token's party as sender and us as receiver; else
 * 400/2001 before the route runs, so nothing of the request is stored.
 */
@Injectable()
export class OcpiAuthGuard implements CanActivate {
  constructor(
    private readonly authenticate: AuthenticateOcpiPartyUseCase,
    private readonly reflector: Reflector,
    private readonly settings: OcpiSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<OcpiRequest>();
    const header = request.headers.authorization;
    const token = tokenFromAuthorizationHeader(Array.isArray(header) ? header[0] : header);
    if (token === null) throw new OcpiError('OCPI_UNKNOWN_TOKEN', 'Missing or malformed Authorization: Token header');
    const caller = await this.authenticate.execute(token);
    if (!caller) throw new OcpiError('OCPI_UNKNOWN_TOKEN', 'Unknown credentials token');
    const registrationAllowed = this.reflector.getAllAndOverride<boolean>(ACCEPTS_REGISTRATION_TOKEN, [context.getHandler(), context.getClass()]) ?? false;
    if (caller.tokenKind === 'registration' && !registrationAllowed) {
      throw new OcpiError('OCPI_UNKNOWN_TOKEN', 'Token A only opens versions and credentials');
    }
    if (!registrationAllowed) {
      const problems = routingMismatches(request.headers, caller.party, this.settings.ourParty());
      if (problems.length > 0) throw new OcpiError('OCPI_ROUTING_MISMATCH', 'Routing headers name another sender or receiver', problems);
      // "Direct response": to the requesting party, from us (also on an error answer of the route).
      void context.switchToHttp().getResponse<FastifyReply>().headers(routingHeadersOf({ from: this.settings.ourParty(), to: caller.party }));
    }
    request.ocpiCaller = caller;
    return true;
  }
}

/** The authenticated OCPI caller (set by OcpiAuthGuard). */
export const OcpiCaller = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedOcpiParty => {
  const caller = context.switchToHttp().getRequest<OcpiRequest>().ocpiCaller;
  if (!caller) throw new Error('@OcpiCaller() on a route without OcpiAuthGuard');
  return caller;
});

/** The base URL the caller reached us at, for URLs in our answers when none is configured. */
export const RequestBaseUrl = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return `${request.protocol}://${request.headers.host ?? request.hostname}`;
});
