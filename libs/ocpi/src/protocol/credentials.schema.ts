import { z } from 'zod';
import { countryCodeSchema, ocpiString, partyIdSchema } from './ocpi-primitives';

// OCPI 2.2.1 credentials.asciidoc: Credentials and CredentialsRole.

export const ocpiRoleSchema = z.enum(['CPO', 'EMSP', 'HUB', 'NAP', 'NSP', 'OTHER', 'SCSP']);

export const businessDetailsSchema = z.object({
  name: ocpiString(100),
  website: z.string().url().optional(),
});

export const credentialsRoleSchema = z.object({
  role: ocpiRoleSchema,
  business_details: businessDetailsSchema,
  party_id: partyIdSchema,
  country_code: countryCodeSchema,
});

export const credentialsSchema = z.object({
  token: z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  url: z.string().url(),
  roles: z.array(credentialsRoleSchema).min(1),
});

export type OcpiRole = z.infer<typeof ocpiRoleSchema>;
export type OcpiCredentials = z.infer<typeof credentialsSchema>;
export type OcpiCredentialsRole = z.infer<typeof credentialsRoleSchema>;
