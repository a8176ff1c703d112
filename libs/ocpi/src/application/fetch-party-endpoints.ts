import { OcpiError } from '../domain/ocpi.errors';
import { OcpiHttpClient } from '../infrastructure/ocpi-http.client';
import { OCPI_VERSION, OcpiEndpoint, versionDetailsSchema, versionListSchema } from '../protocol/versions.schema';

export interface PartyEndpoints {
  readonly version: string;
  readonly endpoints: OcpiEndpoint[];
}

/**
 * Reads a party's versions list and the 2.2.1 details with `token` (credentials.asciidoc
 * "Registration", steps 2 and 4). Without 2.2.1 the handshake ends with 3002.
 */
export async function fetchPartyEndpoints(client: OcpiHttpClient, versionsUrl: string, token: string): Promise<PartyEndpoints> {
  const versions = await client.call({ method: 'GET', url: versionsUrl, token, dataSchema: versionListSchema });
  const ours = versions.data.find((entry) => entry.version === OCPI_VERSION);
  if (!ours) throw new OcpiError('OCPI_UNSUPPORTED_VERSION', `The party offers no OCPI ${OCPI_VERSION}`);
  const details = await client.call({ method: 'GET', url: ours.url, token, dataSchema: versionDetailsSchema });
  if (details.data.endpoints.length === 0) throw new OcpiError('OCPI_NO_MATCHING_ENDPOINTS', 'The party lists no endpoints');
  return { version: OCPI_VERSION, endpoints: details.data.endpoints };
}
