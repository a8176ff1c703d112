import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@vpp/access';
import type { AuthenticatedOcpiParty } from '../application/authenticate-ocpi-party.use-case';
import { RecordChargingProfileResultUseCase } from '../application/record-charging-profile-result.use-case';
import { ocpiSuccess, OcpiEnvelope } from '../protocol/ocpi-envelope';
import { OCPI_VERSION } from '../protocol/versions.schema';
import { OcpiAuthGuard, OcpiCaller } from './ocpi-auth.guard';
import { OcpiExceptionFilter } from './ocpi-exception.filter';

/** mod_charging_profiles "Sender Interface": async results at our response_url, ActiveChargingProfile PUTs. */
@ApiExcludeController()
@Public()
@UseFilters(OcpiExceptionFilter)
@UseGuards(OcpiAuthGuard)
@Controller(`ocpi/${OCPI_VERSION}/chargingprofiles`)
export class OcpiChargingProfilesController {
  constructor(private readonly results: RecordChargingProfileResultUseCase) {}

  @Post('results/:commandId')
  @HttpCode(200)
  async result(
    @OcpiCaller() caller: AuthenticatedOcpiParty,
    @Param('commandId', ParseUUIDPipe) commandId: string,
    @Body() body: unknown,
  ): Promise<OcpiEnvelope<null>> {
    await this.results.result(caller.party, commandId, body);
    return ocpiSuccess(null);
  }

  @Put(':session_id')
  @HttpCode(200)
  async activeProfile(
    @OcpiCaller() caller: AuthenticatedOcpiParty,
    @Param('session_id') sessionId: string,
    @Body() body: unknown,
  ): Promise<OcpiEnvelope<null>> {
    await this.results.activeProfile(caller.party, sessionId, body);
    return ocpiSuccess(null);
  }
}
