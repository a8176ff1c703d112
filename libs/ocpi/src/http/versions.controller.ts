import { Controller, Get, HttpCode, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@vpp/access';
import { OcpiSettings } from '../application/ocpi-settings';
import { ocpiSuccess, OcpiEnvelope } from '../protocol/ocpi-envelope';
import { OCPI_VERSION, OcpiEndpoint } from '../protocol/versions.schema';
import { AcceptsRegistrationToken, OcpiAuthGuard, RequestBaseUrl } from './ocpi-auth.guard';
import { OcpiExceptionFilter } from './ocpi-exception.filter';

/** version_information_endpoint.asciidoc: our versions list and the 2.2.1 endpoints. */
@ApiExcludeController()
@Public()
@UseFilters(OcpiExceptionFilter)
@UseGuards(OcpiAuthGuard)
@AcceptsRegistrationToken()
@Controller('ocpi')
export class OcpiVersionsController {
  constructor(private readonly settings: OcpiSettings) {}

  @Get('versions')
  @HttpCode(200)
  versions(@RequestBaseUrl() base: string): OcpiEnvelope<{ version: string; url: string }[]> {
    return ocpiSuccess([{ version: OCPI_VERSION, url: this.settings.versionUrl(base) }]);
  }

  @Get(OCPI_VERSION)
  @HttpCode(200)
  details(@RequestBaseUrl() base: string): OcpiEnvelope<{ version: string; endpoints: OcpiEndpoint[] }> {
    const url = this.settings.versionUrl(base);
    return ocpiSuccess({
      version: OCPI_VERSION,
      endpoints: [
        { identifier: 'credentials', role: 'SENDER', url: `${url}/credentials` },
        { identifier: 'credentials', role: 'RECEIVER', url: `${url}/credentials` },
        { identifier: 'locations', role: 'RECEIVER', url: `${url}/locations` },
        { identifier: 'sessions', role: 'RECEIVER', url: `${url}/sessions` },
        { identifier: 'cdrs', role: 'RECEIVER', url: `${url}/cdrs` },
        { identifier: 'chargingprofiles', role: 'SENDER', url: `${url}/chargingprofiles` },
      ],
    });
  }
}
