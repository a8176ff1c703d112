import { Body, Controller, Get, HttpCode, Param, Patch, Put, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@vpp/access';
import type { AuthenticatedOcpiParty } from '../application/authenticate-ocpi-party.use-case';
import { LocationPath, StoreLocationUseCase } from '../application/store-location.use-case';
import { ocpiSuccess, OcpiEnvelope } from '../protocol/ocpi-envelope';
import { OCPI_VERSION } from '../protocol/versions.schema';
import { OcpiAuthGuard, OcpiCaller } from './ocpi-auth.guard';
import { OcpiExceptionFilter } from './ocpi-exception.filter';

const LOCATION = ':country_code/:party_id/:location_id';
const EVSE = `${LOCATION}/:evse_uid`;
const CONNECTOR = `${EVSE}/:connector_id`;

type PathParams = Record<'country_code' | 'party_id' | 'location_id', string> & { evse_uid?: string; connector_id?: string };

function pathOf(params: PathParams): LocationPath {
  return { countryCode: params.country_code, partyId: params.party_id, locationId: params.location_id, evseUid: params.evse_uid, connectorId: params.connector_id };
}

/**
 * mod_locations "Receiver Interface". A late or repeated update is acknowledged with 1000 and
 * not applied: the CPO did nothing wrong, we already hold newer data.
 */
@ApiExcludeController()
@Public()
@UseFilters(OcpiExceptionFilter)
@UseGuards(OcpiAuthGuard)
@Controller(`ocpi/${OCPI_VERSION}/locations`)
export class OcpiLocationsController {
  constructor(private readonly locations: StoreLocationUseCase) {}

  @Get([LOCATION, EVSE, CONNECTOR])
  @HttpCode(200)
  async get(@OcpiCaller() caller: AuthenticatedOcpiParty, @Param() params: PathParams): Promise<OcpiEnvelope<unknown>> {
    const location = await this.locations.get(caller.party, pathOf(params));
    return ocpiSuccess(location);
  }

  @Put([LOCATION, EVSE, CONNECTOR])
  @HttpCode(200)
  async put(@OcpiCaller() caller: AuthenticatedOcpiParty, @Param() params: PathParams, @Body() body: unknown): Promise<OcpiEnvelope<null>> {
    await this.locations.put(caller.party, pathOf(params), body);
    return ocpiSuccess(null);
  }

  @Patch([LOCATION, EVSE, CONNECTOR])
  @HttpCode(200)
  async patch(@OcpiCaller() caller: AuthenticatedOcpiParty, @Param() params: PathParams, @Body() body: unknown): Promise<OcpiEnvelope<null>> {
    await this.locations.patch(caller.party, pathOf(params), body);
    return ocpiSuccess(null);
  }
}
