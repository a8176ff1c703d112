import { OcpiError } from '../domain/ocpi.errors';
import type { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';

/**
 * Receiver URLs carry `{country_code}/{party_id}` (mod_locations, mod_sessions "Receiver
 * Interface"); a CPO may only write its own objects, and a body must agree with its URL.
 */
export function assertOwnPath(party: OcpiPartyEntity, countryCode: string, partyId: string): void {
  if (countryCode.toUpperCase() !== party.countryCode || partyId.toUpperCase() !== party.partyId) {
    throw new OcpiError('OCPI_PARTY_MISMATCH', `The URL names ${countryCode}*${partyId}, but the token belongs to ${party.countryCode}*${party.partyId}`);
  }
}

export function assertBodyMatchesPath(
  body: { country_code?: string; party_id?: string; id?: string },
  path: { countryCode: string; partyId: string; id: string },
): void {
  const problems: string[] = [];
  if (body.country_code !== undefined && body.country_code.toUpperCase() !== path.countryCode.toUpperCase()) problems.push('country_code: differs from the URL');
  if (body.party_id !== undefined && body.party_id.toUpperCase() !== path.partyId.toUpperCase()) problems.push('party_id: differs from the URL');
  if (body.id !== undefined && body.id !== path.id) problems.push('id: differs from the URL');
  if (problems.length > 0) throw new OcpiError('OCPI_INVALID_PAYLOAD', 'The object does not match its URL', problems);
}
