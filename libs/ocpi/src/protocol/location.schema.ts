import { z } from 'zod';
import {
  countryCodeSchema,
  displayTextSchema,
  geoLocationSchema,
  ocpiCiString,
  ocpiDateTimeSchema,
  ocpiString,
  partyIdSchema,
} from './ocpi-primitives';

// OCPI 2.2.1 mod_locations: Location, EVSE and Connector as a CPO pushes them to us.

export const connectorSchema = z.object({
  id: ocpiCiString(36),
  standard: z.string().regex(/^[A-Z0-9_]{1,40}$/, 'must be a ConnectorType value'),
  format: z.enum(['SOCKET', 'CABLE']),
  power_type: z.enum(['AC_1_PHASE', 'AC_2_PHASE', 'AC_2_PHASE_SPLIT', 'AC_3_PHASE', 'DC']),
  max_voltage: z.number().int().positive(),
  max_amperage: z.number().int().positive(),
  max_electric_power: z.number().int().positive().optional(),
  tariff_ids: z.array(ocpiCiString(36)).optional(),
  terms_and_conditions: ocpiString(255).optional(),
  last_updated: ocpiDateTimeSchema,
});

export const evseStatusSchema = z.enum([
  'AVAILABLE', 'BLOCKED', 'CHARGING', 'INOPERATIVE', 'OUTOFORDER', 'PLANNED', 'REMOVED', 'RESERVED', 'UNKNOWN',
]);

export const evseCapabilitySchema = z.enum([
  'CHARGING_PROFILE_CAPABLE', 'CHARGING_PREFERENCES_CAPABLE', 'CHIP_CARD_SUPPORT', 'CONTACTLESS_CARD_SUPPORT',
  'CREDIT_CARD_PAYABLE', 'DEBIT_CARD_PAYABLE', 'PED_TERMINAL', 'REMOTE_START_STOP_CAPABLE', 'RESERVABLE',
  'RFID_READER', 'START_SESSION_CONNECTOR_REQUIRED', 'TOKEN_GROUP_CAPABLE', 'UNLOCK_CAPABLE',
]);

export const evseSchema = z.object({
  uid: ocpiCiString(36),
  evse_id: ocpiCiString(48).optional(),
  status: evseStatusSchema,
  capabilities: z.array(evseCapabilitySchema).optional(),
  connectors: z.array(connectorSchema).min(1),
  floor_level: ocpiString(4).optional(),
  coordinates: geoLocationSchema.optional(),
  physical_reference: ocpiString(16).optional(),
  directions: z.array(displayTextSchema).optional(),
  last_updated: ocpiDateTimeSchema,
});

export const locationSchema = z.object({
  country_code: countryCodeSchema,
  party_id: partyIdSchema,
  id: ocpiCiString(36),
  publish: z.boolean(),
  name: ocpiString(255).optional(),
  address: ocpiString(45),
  city: ocpiString(45),
  postal_code: ocpiString(10).optional(),
  state: ocpiString(20).optional(),
  country: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code'),
  coordinates: geoLocationSchema,
  parking_type: z.enum(['ALONG_MOTORWAY', 'PARKING_GARAGE', 'PARKING_LOT', 'ON_DRIVEWAY', 'ON_STREET', 'UNDERGROUND_GARAGE']).optional(),
  evses: z.array(evseSchema).optional(),
  facilities: z.array(z.string().max(40)).optional(),
  time_zone: ocpiString(255),
  charging_when_closed: z.boolean().optional(),
  last_updated: ocpiDateTimeSchema,
});

/** A PATCH carries any subset of fields but always `last_updated` (transport_and_format "PATCH"). */
export const locationPatchSchema = locationSchema.partial().required({ last_updated: true });
export const evsePatchSchema = evseSchema.partial().required({ last_updated: true });
export const connectorPatchSchema = connectorSchema.partial().required({ last_updated: true });

export type OcpiLocation = z.infer<typeof locationSchema>;
export type OcpiEvse = z.infer<typeof evseSchema>;
export type OcpiConnector = z.infer<typeof connectorSchema>;
export type OcpiLocationPatch = z.infer<typeof locationPatchSchema>;
export type OcpiEvsePatch = z.infer<typeof evsePatchSchema>;
export type OcpiConnectorPatch = z.infer<typeof connectorPatchSchema>;
