import { Body, Controller, Get, HttpCode, Param, Patch, Put, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@vpp/access';
import type { AuthenticatedOcpiParty } from '../application/authenticate-ocpi-party.use-case';
import { SessionPath, StoreSessionUseCase } from '../application/store-session.use-case';
import { ocpiSuccess, OcpiEnvelope } from '../protocol/ocpi-envelope';
import { OCPI_VERSION } from '../protocol/versions.schema';
import { OcpiAuthGuard, OcpiCaller } from './ocpi-auth.guard';
import { OcpiExceptionFilter } from './ocpi-exception.filter';

const SESSION = ':country_code/:party_id/:session_id';
type PathParams = Record<'country_code' | 'party_id' | 'session_id', string>;

function pathOf(params: PathParams): SessionPath {
  return { countryCode: params.country_code, partyId: params.party_id, sessionId: params.session_id };
}

/** mod_sessions "Receiver Interface", plus ChargingPreferences for the session. */
@ApiExcludeController()
@Public()
@UseFilters(OcpiExceptionFilter)
@UseGuards(OcpiAuthGuard)
@Controller(`ocpi/${OCPI_VERSION}/sessions`)
export class OcpiSessionsController {
  constructor(private readonly sessions: StoreSessionUseCase) {}

  @Get(SESSION)
  @HttpCode(200)
  async get(@OcpiCaller() caller: AuthenticatedOcpiParty, @Param() params: PathParams): Promise<OcpiEnvelope<unknown>> {
    return ocpiSuccess(await this.sessions.get(caller.party, pathOf(params)));
  }

  @Put(SESSION)
  @HttpCode(200)
  async put(@OcpiCaller() caller: AuthenticatedOcpiParty, @Param() params: PathParams, @Body() body: unknown): Promise<OcpiEnvelope<null>> {
    await this.sessions.put(caller.party, pathOf(params), body);
    return ocpiSuccess(null);
  }

  @Patch(SESSION)
  @HttpCode(200)
  async patch(@OcpiCaller() caller: AuthenticatedOcpiParty, @Param() params: PathParams, @Body() body: unknown): Promise<OcpiEnvelope<null>> {
    await this.sessions.patch(caller.party, pathOf(params), body);
    return ocpiSuccess(null);
  }

  @Put(`${SESSION}/charging_preferences`)
  @HttpCode(200)
  async preferences(@OcpiCaller() caller: AuthenticatedOcpiParty, @Param() params: PathParams, @Body() body: unknown): Promise<OcpiEnvelope<string>> {
    await this.sessions.putPreferences(caller.party, pathOf(params), body);
    return ocpiSuccess('ACCEPTED');
  }
}
