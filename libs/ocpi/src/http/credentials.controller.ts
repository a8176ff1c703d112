import { Body, Controller, Delete, Get, HttpCode, Post, Put, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@vpp/access';
import type { AuthenticatedOcpiParty } from '../application/authenticate-ocpi-party.use-case';
import { HandleCredentialsUseCase } from '../application/handle-credentials.use-case';
import { OcpiSettings } from '../application/ocpi-settings';
import { OcpiError } from '../domain/ocpi.errors';
import type { OcpiCredentials } from '../protocol/credentials.schema';
import { ocpiSuccess, OcpiEnvelope } from '../protocol/ocpi-envelope';
import { OCPI_VERSION } from '../protocol/versions.schema';
import { AcceptsRegistrationToken, OcpiAuthGuard, OcpiCaller, RequestBaseUrl } from './ocpi-auth.guard';
import { OcpiExceptionFilter } from './ocpi-exception.filter';

/** credentials.asciidoc "Interfaces": GET, POST (register), PUT (update), DELETE (unregister). */
@ApiExcludeController()
@Public()
@UseFilters(OcpiExceptionFilter)
@UseGuards(OcpiAuthGuard)
@AcceptsRegistrationToken()
@Controller(`ocpi/${OCPI_VERSION}/credentials`)
export class OcpiCredentialsController {
  constructor(
    private readonly credentials: HandleCredentialsUseCase,
    private readonly settings: OcpiSettings,
  ) {}

  @Get()
  @HttpCode(200)
  get(@OcpiCaller() caller: AuthenticatedOcpiParty, @RequestBaseUrl() base: string): OcpiEnvelope<Omit<OcpiCredentials, 'token'>> {
    // We cannot show the token the caller uses (we keep only its hash), and it knows it anyway.
    if (caller.tokenKind !== 'credentials') throw new OcpiError('OCPI_NOT_REGISTERED', 'Not registered');
    return ocpiSuccess({ url: this.settings.versionsUrl(base), roles: this.settings.ourRoles() });
  }

  @Post()
  @HttpCode(200)
  async register(@OcpiCaller() caller: AuthenticatedOcpiParty, @Body() body: unknown, @RequestBaseUrl() base: string): Promise<OcpiEnvelope<OcpiCredentials>> {
    return ocpiSuccess(await this.credentials.register(caller, body, base));
  }

  @Put()
  @HttpCode(200)
  async update(@OcpiCaller() caller: AuthenticatedOcpiParty, @Body() body: unknown, @RequestBaseUrl() base: string): Promise<OcpiEnvelope<OcpiCredentials>> {
    return ocpiSuccess(await this.credentials.update(caller, body, base));
  }

  @Delete()
  @HttpCode(200)
  async unregister(@OcpiCaller() caller: AuthenticatedOcpiParty): Promise<OcpiEnvelope<null>> {
    await this.credentials.unregister(caller);
    return ocpiSuccess(null);
  }
}
