import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@vpp/access';
import type { AuthenticatedOcpiParty } from '../application/authenticate-ocpi-party.use-case';
import { OcpiSettings } from '../application/ocpi-settings';
import { StoreCdrUseCase } from '../application/store-cdr.use-case';
import { ocpiSuccess, OcpiEnvelope } from '../protocol/ocpi-envelope';
import { OCPI_VERSION } from '../protocol/versions.schema';
import { OcpiAuthGuard, OcpiCaller, RequestBaseUrl } from './ocpi-auth.guard';
import { OcpiExceptionFilter } from './ocpi-exception.filter';

/** mod_cdrs "Receiver Interface": POST answers with a Location header where the CDR can be read back. */
@ApiExcludeController()
@Public()
@UseFilters(OcpiExceptionFilter)
@UseGuards(OcpiAuthGuard)
@Controller(`ocpi/${OCPI_VERSION}/cdrs`)
export class OcpiCdrsController {
  constructor(
    private readonly cdrs: StoreCdrUseCase,
    private readonly settings: OcpiSettings,
  ) {}

  @Post()
  @HttpCode(201)
  async post(
    @OcpiCaller() caller: AuthenticatedOcpiParty,
    @Body() body: unknown,
    @RequestBaseUrl() base: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OcpiEnvelope<null>> {
    const stored = await this.cdrs.post(caller.party, body);
    void reply.header('Location', `${this.settings.versionUrl(base)}/cdrs/${stored.id}`);
    return ocpiSuccess(null);
  }

  @Get(':id')
  @HttpCode(200)
  async get(@OcpiCaller() caller: AuthenticatedOcpiParty, @Param('id', ParseUUIDPipe) id: string): Promise<OcpiEnvelope<unknown>> {
    return ocpiSuccess(await this.cdrs.get(caller.party, id));
  }
}
